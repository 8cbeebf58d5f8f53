#!/usr/bin/env bash
# A long fuzzing campaign, outside CI (issue 10): every libFuzzer target, or the ones
# named, for RUNS executions each (default 10 million), from the seeds and the corpus
# kept in build-fuzz/corpus. Prints one line of figures per target; a crash stops the
# campaign with the target's log (the input is saved as build-fuzz/crash-*).
#
#   bash scripts/fuzz-campaign.sh                 every target, 10 million runs each
#   RUNS=1000000 bash scripts/fuzz-campaign.sh fuzz_clean fuzz_htmlpage
#   FAST=1 bash scripts/fuzz-campaign.sh fuzz_htmlpage
#   JOBS=2 bash scripts/fuzz-campaign.sh fuzz_htmlpage   two processes, half the runs each
#
# FAST=1 fuzzes a build with UBSan alone (build-fuzz-fast, several times quicker than
# ASan) and then replays the whole corpus it grew through the ASan + UBSan build, so
# every input found is also checked for memory errors.
#
# Needs the test set (clang-14): bash scripts/install-deps.sh test.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10000000}
JOBS=${JOBS:-1}
if [ ! -d build-fuzz ] || [ -z "$(ls build-fuzz/tests/fuzz/fuzz_* 2>/dev/null)" ]; then
  CC=clang-14 CXX=clang++-14 bash scripts/build.sh build-fuzz -DMEELUISTER_FUZZ=ON
fi
fuzzdir=build-fuzz
if [ -n "${FAST:-}" ]; then
  fuzzdir=build-fuzz-fast
  CC=clang-14 CXX=clang++-14 bash scripts/build.sh $fuzzdir -DMEELUISTER_FUZZ=ON \
    -DMEELUISTER_FUZZ_SANITIZERS=undefined
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in $fuzzdir/tests/fuzz/fuzz_*; do [ -x "$f" ] && targets+=("$(basename "$f")"); done
fi
printf '%-24s %12s %9s %10s %8s %8s\n' target runs seconds "runs/s" cov corpus
for name in "${targets[@]}"; do
  f=$fuzzdir/tests/fuzz/$name
  [ -x "$f" ] || { echo "geen fuzz-doel: $name" >&2; exit 2; }
  mkdir -p "build-fuzz/corpus/$name"
  seeds=()
  [ -d "tests/fuzz/seeds/$name" ] && seeds=("tests/fuzz/seeds/$name")
  log=build-fuzz/$name.campaign.log
  start=$(date +%s)
  # JOBS processes share the corpus directory (libFuzzer reloads it), RUNS/JOBS runs each.
  pids=()
  for ((j = 1; j <= JOBS; j++)); do
    "$f" -runs=$(( RUNS / JOBS )) -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
      -artifact_prefix=build-fuzz/ "build-fuzz/corpus/$name" "${seeds[@]}" 2>"$log.$j" &
    pids+=($!)
  done
  failed=0
  for ((j = 1; j <= JOBS; j++)); do
    wait "${pids[j - 1]}" || { failed=1; tail -40 "$log.$j"; echo "$name: gevonden fout (zie $log.$j)" >&2; }
  done
  cat "$log".[0-9]* > "$log"
  rm -f "$log".[0-9]*
  [ $failed -eq 0 ] || exit 1
  seconds=$(( $(date +%s) - start ))
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | awk '{ n += $1 } END { print n }')
  cov=$(grep -o 'cov: [0-9]*' "$log" | cut -d' ' -f2 | sort -n | tail -1)
  corpus=$(find "build-fuzz/corpus/$name" -type f | wc -l)
  printf '%-24s %12s %9s %10s %8s %8s\n' "$name" "${runs:-?}" "$seconds" \
    "$(( ${runs:-0} / (seconds > 0 ? seconds : 1) ))" "${cov:-?}" "$corpus"
  if [ -n "${FAST:-}" ]; then
    # Every input of the corpus once through the ASan + UBSan build.
    if ! "build-fuzz/tests/fuzz/$name" -runs=0 -rss_limit_mb=2048 -timeout=10 \
        -artifact_prefix=build-fuzz/ "build-fuzz/corpus/$name" 2>"$log.asan"; then
      tail -40 "$log.asan"
      echo "$name: gevonden fout bij het naspelen met ASan (zie $log.asan)" >&2
      exit 1
    fi
    echo "$name: corpus van $corpus nagespeeld met ASan + UBSan: geen fout"
  fi
done
