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
  # No screen and no session bus here: a virtual X server, settings in memory.
  echo "No display: starting Chronogram under Xvfb (screenshots only; Ctrl+C to stop)."
  export GTK_A11Y=none GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1
  exec xvfb-run -a -s '-screen 0 1400x900x24' _build/src/gui/chronogram "$demo"
fi
exec _build/src/gui/chronogram "$demo"
