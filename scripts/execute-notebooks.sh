#!/bin/sh
# `npm run notebooks:execute [-- notebooks/04_analytics.ipynb ...] [-- --param from=2018-11-10 ...]`:
# registers the tslab kernel (scripts/jupyter-kernel.sh), then executes the notebooks headlessly, in
# order (all five by default), as the notebook test does, filling the `parameters` cell from --param
# (scripts/execute-notebooks.ts). The executed copies, with their tables and charts, go to
# .sparkify/executed-notebooks/ (override with SPARKIFY_NOTEBOOK_OUT); the committed notebooks stay
# free of outputs. A failing cell stops it with exit status 1.
set -eu

ROOT=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
line=$(sh "$ROOT/scripts/jupyter-kernel.sh")
JUPYTER_PATH=${line#JUPYTER_PATH=}
export JUPYTER_PATH
exec "$ROOT/node_modules/.bin/tsx" "$ROOT/scripts/execute-notebooks.ts" "$@"
