#!/usr/bin/env bash
# One entry point for a fresh machine: installs what is missing (Debian packages), builds with
# a CMake preset, then runs the demo or the test suite.
#   tools/bootstrap.sh demo        build (release) and run examples/demo.py
#   tools/bootstrap.sh test        build (release) and run every test (unit + script corpus)
#   tools/bootstrap.sh test-asan   the same under AddressSanitizer + UBSan
#   tools/bootstrap.sh test-tsan   the thread tests under ThreadSanitizer
#   tools/bootstrap.sh fuzz        build the libFuzzer targets (clang) and run each briefly
#   tools/bootstrap.sh gil-experiments [ARGS]   build (release + free-threading) and run
#                                  bench/gil_experiments/run.py ARGS: the GIL experiments' table,
#                                  chart and timelines in bench/gil_experiments/results/
#   tools/bootstrap.sh bench [ARGS]  build (release) and run bench/run.py ARGS: minipy beside python3,
#                                  /usr/bin/python3.11 and Debian's pypy3 (installed here)
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v cmake >/dev/null || need+=(cmake)
command -v ninja >/dev/null || need+=(ninja-build)
command -v g++ >/dev/null || need+=(g++)
command -v re2c >/dev/null || need+=(re2c)
command -v bison >/dev/null || need+=(bison)
command -v python3 >/dev/null || need+=(python3)
[ -f /usr/include/fmt/format.h ] || need+=(libfmt-dev)
[ -f /usr/include/gtest/gtest.h ] || need+=(libgtest-dev)
[ -f /usr/include/benchmark/benchmark.h ] || need+=(libbenchmark-dev)
# zlib, _hashlib and _sqlite3 sit on Debian's zlib, OpenSSL and SQLite (issue 9).
[ -f /usr/include/zlib.h ] || need+=(zlib1g-dev)
[ -f /usr/include/openssl/evp.h ] || need+=(libssl-dev)
[ -f /usr/include/sqlite3.h ] || need+=(libsqlite3-dev)
# CPython 3.11's pure-Python library is minipy's library (sys.path ends with it), and its
# regression tests are minipy's conformance suite (issue 8).
command -v python3.11 >/dev/null || need+=(python3.11)
[ -f /usr/lib/python3.11/os.py ] || need+=(libpython3.11-stdlib)
[ -f /usr/lib/python3.11/test/test_grammar.py ] || need+=(libpython3.11-testsuite)
[ -f /usr/share/unicode/UnicodeData.txt ] || need+=(unicode-data)  # unicode/: the UCD tables
# The test suite renders a GIL timeline in a real headless browser (observatory.gilview_render).
[ "${1:-test}" = test ] && ! command -v chromium >/dev/null && need+=(chromium)
# The fuzz targets (issue 12) need clang and its libFuzzer runtime; only `bootstrap.sh fuzz` asks.
# The benchmark table compares with Debian's pypy3 too (issue 13); only `bootstrap.sh bench` asks.
[ "${1:-test}" = bench ] && ! command -v pypy3 >/dev/null && need+=(pypy3)
if [ "${1:-test}" = fuzz ]; then
  command -v clang++ >/dev/null || need+=(clang)
  ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 || need+=(libclang-rt-14-dev)
fi
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi

jobs=$(nproc 2>/dev/null || echo 2)
build() {
  cmake --preset "$1" >/dev/null
  cmake --build --preset "$1" -j "$jobs"
}

case "${1:-test}" in
  demo)
    build release
    exec build/release/minipy examples/demo.py
    ;;
  test)
    build release
    ctest --preset release -j "$jobs"
    ;;
  test-asan)
    build asan
    ctest --preset asan -j "$jobs"
    ;;
  test-tsan)
    build tsan
    ctest --preset tsan -j "$jobs"
    ;;
  fuzz)
    build fuzz
    ctest --preset fuzz
    ;;
  gil-experiments)
    build release
    # The rows with the GIL off (-X gil=0); without that build the table simply lacks them.
    build free-threading || echo "bootstrap: the free-threaded build failed: no GIL-off rows" >&2
    shift
    exec python3 bench/gil_experiments/run.py --minipy build/release/minipy \
      --ft build/free-threading/minipy "$@"
    ;;
  bench)
    build release
    shift
    exec python3 bench/run.py --minipy build/release/minipy "$@"
    ;;
  *)
    echo "usage: $0 demo|test|test-asan|test-tsan|fuzz|gil-experiments|bench [ARGS]" >&2
    exit 2
    ;;
esac
