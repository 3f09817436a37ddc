#!/usr/bin/env bash
# Install the Debian packages the tests need: Chromium and CJK fonts (browser tests), nginx (the
# served site's headers and CSP), faketime (builds a year later must not change a byte), and
# poppler-utils and zbar-tools (the dossier's tests read its text and decode its QR codes).
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v faketime >/dev/null || missing+=(faketime)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v zbarimg >/dev/null || missing+=(zbar-tools)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "测试需要 ${missing[*]}：请用管理员权限运行 apt-get install -y ${missing[*]}" >&2
  exit 0
fi
echo "Installing ${missing[*]} ..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
