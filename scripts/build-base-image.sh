#!/usr/bin/env bash
# The base image, built from Debian packages (see pytest_testronaut/sandbox/build-base-image.sh;
# installed users run `testronaut base-image`).
exec bash "$(dirname "${BASH_SOURCE[0]}")/../pytest_testronaut/sandbox/build-base-image.sh" "$@"
