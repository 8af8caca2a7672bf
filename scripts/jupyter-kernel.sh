#!/bin/sh
# Registers tslab's TypeScript kernel for this checkout in a project-local Jupyter folder
# (.sparkify/jupyter, git-ignored; override with SPARKIFY_JUPYTER_DIR) and prints the line
# `JUPYTER_PATH=...` that makes Jupyter find it. Safe to run again: it registers only when the
# kernel is missing or points at another checkout's tslab.
#
# Jupyter itself comes from Debian (see README):
#   apt-get install -y --no-install-recommends jupyter-nbconvert python3-nbclient jupyter-client jupyter-core python3-ipython
set -eu

ROOT=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
PREFIX=${SPARKIFY_JUPYTER_DIR:-$ROOT/.sparkify/jupyter}
PYTHON=${SPARKIFY_PYTHON:-/usr/bin/python3}
TSLAB=$ROOT/node_modules/.bin/tslab
KERNEL_JSON=$PREFIX/share/jupyter/kernels/tslab/kernel.json

if [ ! -x "$TSLAB" ]; then
  echo "jupyter-kernel: $TSLAB not found; run npm install first" >&2
  exit 1
fi
if ! "$PYTHON" -c 'import jupyter_client, IPython' 2>/dev/null; then
  echo "jupyter-kernel: Jupyter is not installed for $PYTHON. On Debian:" >&2
  echo "  apt-get install -y --no-install-recommends jupyter-nbconvert python3-nbclient jupyter-client jupyter-core python3-ipython" >&2
  exit 3
fi

# The kernel runs this checkout's tslab by absolute path: Jupyter does not start kernels with
# node_modules/.bin on PATH, and a global tslab could be another version.
if [ -f "$KERNEL_JSON" ] && grep -qF "\"$TSLAB\"" "$KERNEL_JSON"; then
  echo "jupyter-kernel: tslab kernel already registered in $PREFIX" >&2
else
  "$TSLAB" install --python "$PYTHON" --binary "$TSLAB" --prefix "$PREFIX" >&2
fi
echo "JUPYTER_PATH=$PREFIX/share/jupyter"
