#!/usr/bin/env bash
# Installs the Debian packages the test suite needs when they are missing.
# Runs as root on CI machines; elsewhere it uses sudo when available.
set -euo pipefail
need=()
# (filled as suites that need system packages are added)
if ((${#need[@]} == 0)); then exit 0; fi
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
