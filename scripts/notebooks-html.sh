#!/bin/sh
# `npm run notebooks:html`: exports the executed notebooks (npm run notebooks:execute first) to HTML
# with `jupyter nbconvert --to html`, into .sparkify/executed-notebooks/html/ (SPARKIFY_NOTEBOOK_OUT
# moves both). nbconvert's HTML shows each chart's SVG (it does not render Vega-Lite) and every table.
set -eu

ROOT=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
IN=${SPARKIFY_NOTEBOOK_OUT:-$ROOT/.sparkify/executed-notebooks}
set -- "$IN"/*.ipynb
if [ ! -f "$1" ]; then
  echo "notebooks:html: no executed notebooks in $IN; run npm run notebooks:execute first" >&2
  exit 1
fi
jupyter nbconvert --to html --output-dir "$IN/html" "$@"
echo "HTML notebooks are in $IN/html" >&2
