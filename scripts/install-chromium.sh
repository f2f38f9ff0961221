#!/usr/bin/env bash
# Headless Chromium from Debian's packages, for the test that opens the HTML report
# (tests/reports/test_html_in_browser.py runs this when CI is set and Chromium is
# missing). Needs root or sudo; prints the browser's path.
set -euo pipefail
for name in chromium chromium-browser; do
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; exit 0; fi
done
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo -n"; fi
export DEBIAN_FRONTEND=noninteractive
# another apt-get (a package install beside the tests) holds the lock for a while: wait
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2
command -v chromium
