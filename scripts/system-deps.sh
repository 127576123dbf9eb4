#!/bin/sh
# System packages for the browser tests (Chromium), reading PDFs back (poppler), the handbook
# PDF (Pango, fonts) and serving the built site with the documented nginx configuration (nginx).
# Installed when running as root on Debian; listed otherwise.
set -eu
packages="chromium poppler-utils libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-liberation2 nginx"
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing system packages:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
  echo "missing system packages:$missing" >&2
  echo "install them with your package manager (Debian: apt-get install$missing)" >&2
  exit 1
fi
