#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Installs the Debian packages the test suite needs when they are missing.
# Runs as root on CI machines (no sudo needed); elsewhere it uses sudo when available.
set -euo pipefail
need=()
# Browser tests (tests/browser, marker `browser`): Playwright drives Debian's Chromium, never a
# browser downloaded by Playwright itself.
if [[ ! -x /usr/bin/chromium ]]; then need+=(chromium); fi
# A real PostgreSQL server (tests marked `postgres`), started by the tests from these binaries.
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && ! command -v initdb >/dev/null; then
  need+=(postgresql)
fi
if ((${#need[@]} == 0)); then exit 0; fi
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "nodig maar niet geïnstalleerd: ${need[*]} (geen root en geen sudo; installeer ze zelf)" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
