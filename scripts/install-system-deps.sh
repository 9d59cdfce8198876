#!/usr/bin/env bash
# Debian packages the test suite needs: chromium for the real-browser tests (Playwright
# drives it through executable_path; no browser is ever downloaded by Playwright), the
# Liberation fonts the charts are drawn with, and a CJK font for the few Chinese words in
# the course (新闻公报, 西安; without one they render as boxes): WenQuanYi Micro Hei, the
# smallest Debian font that covers them (5 MB installed, against 91 MB for fonts-noto-cjk).
set -euo pipefail
packages=(chromium chromium-driver fonts-liberation fonts-wqy-microhei)
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
