#!/usr/bin/env bash
# Debian packages the test suite needs: chromium for the real-browser tests (Playwright
# drives it through executable_path; no browser is ever downloaded by Playwright) and the
# Liberation fonts the charts are drawn with.
set -euo pipefail
packages=(chromium chromium-driver fonts-liberation)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "missing Debian packages: ${missing[*]}; run: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
apt-get update -q >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
echo "installed: ${missing[*]}"
