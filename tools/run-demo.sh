#!/bin/sh
# Set up, build, and open Chronogram on the bundled demo review.
set -eu

cd "$(dirname "$0")/.."
sh tools/setup.sh

demo="${XDG_DATA_HOME:-$HOME/.local/share}/chronogram/demo.chronogram"
mkdir -p "$(dirname "$demo")"
rm -f "$demo"
sh tools/make-demo.sh _build/src/chronogram-cli "$demo"

export GSETTINGS_SCHEMA_DIR="$PWD/_build/data"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display: starting Chronogram under Xvfb (screenshots only)."
  exec xvfb-run -a -s '-screen 0 1400x900x24' _build/src/gui/chronogram "$demo"
fi
exec _build/src/gui/chronogram "$demo"
