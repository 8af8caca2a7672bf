#!/bin/sh
# `npm run notebooks`: registers the tslab kernel (scripts/jupyter-kernel.sh), then starts a
# Jupyter notebook server on 127.0.0.1 only, rooted at notebooks/. Extra arguments go to Jupyter,
# e.g. `npm run notebooks -- --port=9999`.
#
# Debian's server is the classic notebook: apt-get install -y --no-install-recommends jupyter-notebook
# (Debian 12 has no JupyterLab package; a JupyterLab on PATH is used when there is no classic one).
set -eu

ROOT=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
line=$(sh "$ROOT/scripts/jupyter-kernel.sh")
JUPYTER_PATH=${line#JUPYTER_PATH=}
export JUPYTER_PATH

if jupyter notebook --version >/dev/null 2>&1; then
  server=notebook
elif jupyter lab --version >/dev/null 2>&1; then
  server=lab
else
  echo "notebooks: no Jupyter notebook server found. On Debian:" >&2
  echo "  apt-get install -y --no-install-recommends jupyter-notebook" >&2
  echo "(notebooks still run headless: jupyter nbconvert --to notebook --execute notebooks/04_analytics.ipynb)" >&2
  exit 3
fi

set -- --ip=127.0.0.1 --no-browser --notebook-dir="$ROOT/notebooks" "$@"
# Jupyter refuses to run as root unless told to; containers often are root.
if [ "$(id -u)" = 0 ]; then set -- --allow-root "$@"; fi
echo "notebooks: JUPYTER_PATH=$JUPYTER_PATH jupyter $server $*" >&2
exec jupyter "$server" "$@"
