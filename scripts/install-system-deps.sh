#!/usr/bin/env bash
# Debian packages the test suite needs: chromium for the real-browser tests (Playwright
# drives it through executable_path; no browser is ever downloaded by Playwright).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "chromium is missing: run 'sudo apt-get install chromium chromium-driver'" >&2
  exit 1
fi
apt-get update -q >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null
chromium --version
