#!/bin/sh
# Installs what Chronogram needs on Debian 12 (as root), then configures and
# builds it in _build. Sourced by run-demo.sh and run-tests.sh.
set -eu

cd "$(dirname "$0")/.."

PACKAGES="meson ninja-build gcc pkg-config gettext libglib2.0-dev libglib2.0-bin
  libgtk-4-dev libgtk-4-bin libadwaita-1-dev libsqlite3-dev sqlite3 libcsv-dev
  libgraphviz-dev graphviz libjson-glib-dev libzip-dev nettle-dev libcairo2-dev libpango1.0-dev
  desktop-file-utils appstream libxml2-utils xvfb xauth python3 fonts-cantarell
  x11-apps imagemagick"

if [ "${CHRONOGRAM_TEST_PACKAGES:-0}" = 1 ]; then
  PACKAGES="$PACKAGES python3-docx python3-odf libreoffice-writer-nogui poppler-utils unzip
    fonts-liberation2 clang libclang-rt-14-dev llvm time strace"
fi

missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "Installing:$missing"
  if [ "$(id -u)" != 0 ]; then
    echo "Some packages are missing; run this as root (or with sudo) to install them." >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  # shellcheck disable=SC2086
  apt-get install -y -q $missing
fi

if [ ! -f _build/build.ninja ]; then
  meson setup _build --prefix=/usr/local
else
  meson setup --reconfigure _build >/dev/null
fi
ninja -C _build
