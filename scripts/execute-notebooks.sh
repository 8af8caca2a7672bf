#!/bin/sh
# `npm run notebooks:execute [-- notebooks/04_analytics.ipynb ...]`: executes notebooks headlessly,
# in order (all five by default), as the notebook test does. The executed copies, with their tables
# and charts, go to .sparkify/executed-notebooks/ (override with SPARKIFY_NOTEBOOK_OUT); the
# committed notebooks stay free of outputs. A failing cell stops it with exit status 1.
set -eu

ROOT=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
line=$(sh "$ROOT/scripts/jupyter-kernel.sh")
JUPYTER_PATH=${line#JUPYTER_PATH=}
export JUPYTER_PATH
OUT=${SPARKIFY_NOTEBOOK_OUT:-$ROOT/.sparkify/executed-notebooks}

if [ $# -eq 0 ]; then set -- "$ROOT"/notebooks/0*.ipynb; fi
for notebook in "$@"; do
  echo "executing $notebook" >&2
  jupyter nbconvert --to notebook --execute "$notebook" --output-dir "$OUT" --ExecutePreprocessor.timeout=3600
done
echo "executed notebooks are in $OUT" >&2
