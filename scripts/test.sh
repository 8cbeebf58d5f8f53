#!/usr/bin/env bash
# The README's second command (and what CI runs): installs what is missing, builds,
# and runs the whole test suite: unit and integration tests against real loopback
# servers, a real PulseAudio null sink and a real D-Bus; the same suite under
# AddressSanitizer + UndefinedBehaviorSanitizer; every libFuzzer target briefly.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
FUZZ_SECONDS=${FUZZ_SECONDS:-12}
JOBS=$(nproc)

bash scripts/install-deps.sh test

echo "== build"
bash scripts/build.sh build -DMEELUISTER_TESTS=ON
passed=0
failed=0
# Runs ctest in a build folder and adds its counts to the totals (stops on failure).
# CTEST_EXCLUDE, when set, is a ctest -E pattern of tests not run (and not counted) there.
run_ctest() {
  local dir=$1
  shift
  local log
  log=$(mktemp)
  local exclude=()
  [ -n "${CTEST_EXCLUDE:-}" ] && exclude=(-E "$CTEST_EXCLUDE")
  set +e
  (cd "$dir" && env "$@" ctest --output-on-failure -j "$JOBS" --timeout 900 "${exclude[@]}") 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  set -e
  local total bad
  total=$(sed -n 's/.*tests failed out of \([0-9]*\).*/\1/p' "$log" | tail -1)
  bad=$(sed -n 's/.*, \([0-9]*\) tests failed out of.*/\1/p' "$log" | tail -1)
  rm -f "$log"
  passed=$((passed + ${total:-0} - ${bad:-0}))
  failed=$((failed + ${bad:-0}))
  if [ "$rc" -ne 0 ]; then
    echo "tests: $passed passed, $((failed > 0 ? failed : 1)) failed"
    exit "$rc"
  fi
}

echo "== tests"
run_ctest build

echo "== sanitizer build (ASan + UBSan)"
# -O1 and line tables only: what the sanitizers' authors advise, and 2 minutes less to build.
bash scripts/build.sh build-asan -DMEELUISTER_SANITIZE=ON \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG" "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG"
# Tests run only in the normal build, to keep CI well under 30 minutes: those that mostly
# wait in real time on the sound device or a server (test_faults_down: minutes of
# backoff, 70 s; test_pulse and test_devices: the sound device, whose code, the voice's
# own on-demand stream included, test_player_speech and test_speech_budget also play under
# the sanitizers; test_screenreader: 80 s of yasr reading, whose read path test_read
# covers here), and those about the build, not the code (test_package: cpack and
# dpkg-deb; test_reproducible). Every other test, the damaged-data and fault tests
# included, runs under the sanitizers too.
echo "== tests under ASan + UBSan (all but the real-time device and packaging tests)"
CTEST_EXCLUDE='^(test_faults_down|test_pulse|test_devices|test_screenreader|test_package|test_reproducible)$' \
  run_ctest build-asan LSAN_OPTIONS=suppressions="$root/tests/lsan.supp" \
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

echo "== fuzz targets (clang-14, ${FUZZ_SECONDS} s each)"
CC=clang-14 CXX=clang++-14 bash scripts/build.sh build-fuzz -DMEELUISTER_FUZZ=ON
mkdir -p build-fuzz/corpus
for f in build-fuzz/tests/fuzz/fuzz_*; do
  [ -x "$f" ] || continue
  name=$(basename "$f")
  mkdir -p "build-fuzz/corpus/$name"
  seeds=()
  [ -d "tests/fuzz/seeds/$name" ] && seeds=("tests/fuzz/seeds/$name")
  echo "-- $name"
  "$f" -max_total_time="$FUZZ_SECONDS" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    "build-fuzz/corpus/$name" "${seeds[@]}" 2>"build-fuzz/$name.log" || {
    tail -50 "build-fuzz/$name.log"
    echo "tests: $passed passed, $((failed + 1)) failed"
    exit 1
  }
  grep -E "stat::number_of_executed_units" "build-fuzz/$name.log" || true
  passed=$((passed + 1))
done
echo "Alle tests geslaagd (eenheid, integratie, sanitizers, fuzzing)."
echo "tests: $passed passed, $failed failed"
