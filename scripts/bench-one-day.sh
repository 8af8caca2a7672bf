#!/bin/sh
# A one-day run (etl --date) against a full refresh (etl), on one embedded server, same dataset:
#   sh scripts/bench-one-day.sh [EVENTS] [DAY]      (defaults: 1000000, 2018-11-15)
# The dataset is the benchmark's (.sparkify/bench/events-EVENTS, made by `npm run bench -- --sizes EVENTS`
# or generated here with the benchmark's options). Runs, in order: create-tables, a full refresh, the
# day twice (the first rescans the song catalog, which a full refresh forgets; the second finds no new
# song file), then a full refresh again. Prints each run's wall time and steps; the data and the server
# live in .sparkify/bench-one-day (port SPARKIFY_BENCH_PORT, default 54341).
set -eu
cd "$(dirname "$0")/.."
EVENTS=${1:-1000000}
DAY=${2:-2018-11-15}
DATA="$PWD/.sparkify/bench/events-$EVENTS"
WORK="$PWD/.sparkify/bench-one-day"
SONGS=$(node -e "console.log(Math.min(100000, Math.max(10000, Math.round($EVENTS / 10))))")
if [ ! -f "$DATA/generated.json" ]; then
  node bin/sparkify.js generate --out "$DATA" --events "$EVENTS" --songs "$SONGS" --seed 7 --overwrite
  printf '{"events":%s,"songs":%s,"seed":7}' "$EVENTS" "$SONGS" > "$DATA/generated.json"
fi
mkdir -p "$WORK"
cat > "$WORK/dwh.cfg" <<CFG
[WAREHOUSE]
ENGINE = embedded
DATA_DIR = $WORK/pg
PORT = ${SPARKIFY_BENCH_PORT:-54341}
[S3]
LOG_DATA = $DATA/log_data
LOG_JSONPATH = $DATA/log_json_path.json
SONG_DATA = $DATA/song_data
CFG
node bin/sparkify.js create-tables --config "$WORK/dwh.cfg" > /dev/null
run() {
  file=$1
  label=$2
  shift 2
  start=$(node -e 'console.log(Date.now())')
  node bin/sparkify.js etl --config "$WORK/dwh.cfg" --json "$@" > "$WORK/$file.json" 2> "$WORK/$file.log" || true
  end=$(node -e 'console.log(Date.now())')
  node -e '
    const [label, ms, file] = process.argv.slice(1);
    const r = JSON.parse(require("fs").readFileSync(file, "utf8"));
    const steps = (r.steps ?? []).map((s) => `${s.step} ${(s.elapsedMs / 1000).toFixed(1)} s`).join(", ");
    console.log(`${label.padEnd(22)} ${(Number(ms) / 1000).toFixed(1).padStart(6)} s  ${r.ok ? "ok" : "FAILED"}  ${steps}`);
  ' "$label" "$((end - start))" "$WORK/$file.json"
}
echo "run                    wall time     steps ($EVENTS events; wall time includes starting and stopping the server)"
run full-1 "full refresh"
run day-1 "day $DAY" --date "$DAY"
run day-2 "day $DAY again" --date "$DAY"
run full-2 "full refresh again"
