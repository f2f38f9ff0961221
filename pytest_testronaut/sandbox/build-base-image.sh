#!/usr/bin/env bash
# Build testronaut's Debian base image without any image registry:
# debootstrap a minimal Debian into a folder, then `docker import` it.
# Idempotent: does nothing when the tag already exists (use --force to rebuild).
#
#   testronaut base-image [--force] [--tag TAG]   (or scripts/build-base-image.sh)
#
# The Debian mirror and suite are read from this machine's apt configuration
# (deb822 *.sources or sources.list); override with TESTRONAUT_DEBIAN_MIRROR and
# TESTRONAUT_DEBIAN_SUITE.
set -euo pipefail

TAG="${TESTRONAUT_BASE_IMAGE:-testronaut-base:bookworm}"
FORCE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --force) FORCE=1 ;;
    --tag) shift; TAG="$1" ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "build-base-image: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

if ! docker info >/dev/null 2>&1; then
  echo "build-base-image: no Docker engine reachable (DOCKER_HOST=${DOCKER_HOST:-unset}); start dockerd first" >&2
  exit 1
fi
if [ "$FORCE" = 0 ] && docker image inspect "$TAG" >/dev/null 2>&1; then
  echo "build-base-image: $TAG exists, nothing to do"
  exit 0
fi

# --- mirror and suite from the machine's apt configuration -------------------
mirror="${TESTRONAUT_DEBIAN_MIRROR:-}"
suite="${TESTRONAUT_DEBIAN_SUITE:-}"
if [ -z "$mirror" ]; then
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    m=$(awk '/^URIs:/{print $2; exit}' "$f")
    s=$(awk '/^Suites:/{print $2; exit}' "$f")
    case "$m" in *security*|"") continue ;; esac
    mirror="$m"; suite="${suite:-$s}"; break
  done
fi
if [ -z "$mirror" ] && [ -f /etc/apt/sources.list ]; then
  read -r mirror s < <(awk '$1=="deb" && $0 !~ /security/ {for(i=2;i<=NF;i++) if ($i ~ /^[a-z]+:\/\//) {print $i, $(i+1); exit}}' /etc/apt/sources.list) || true
  suite="${suite:-$s}"
fi
mirror="${mirror:-http://deb.debian.org/debian}"
suite="${suite:-bookworm}"

if ! command -v debootstrap >/dev/null 2>&1; then
  echo "build-base-image: installing debootstrap from Debian's packages"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq debootstrap >/dev/null
fi

root=$(mktemp -d "${TMPDIR:-/tmp}/testronaut-rootfs.XXXXXX")
cleanup() { rm -rf "$root"; }
trap cleanup EXIT

echo "build-base-image: debootstrap $suite from $mirror (a few minutes)"
start=$(date +%s)
debootstrap --variant=minbase \
  --include=python3,python3-pip,python3-venv,procps,ca-certificates \
  "$suite" "$root" "$mirror" >"$root.log" 2>&1 || {
  echo "build-base-image: debootstrap failed; last lines of its log:" >&2
  tail -n 30 "$root.log" >&2
  rm -f "$root.log"
  exit 1
}
rm -f "$root.log"
# Slim the image: apt lists, caches and docs are not needed to run tools.
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* \
       "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/locale/*
# A non-root user for the sandbox's `user=` option.
chroot "$root" useradd --create-home --uid 1000 --shell /bin/sh tester
mkdir -p "$root/work" && chmod 1777 "$root/work"

tar -C "$root" -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'WORKDIR /work' \
  --change 'CMD ["/bin/sh"]' \
  --change 'LABEL testronaut.kind=base' \
  - "$TAG" >/dev/null
echo "build-base-image: built $TAG in $(( $(date +%s) - start ))s"
