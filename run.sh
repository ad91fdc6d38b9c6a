#!/usr/bin/env bash
# Coroscope: the newcomer's entry point.
#
#   ./run.sh              set up, then show the default sample (gather-order) in the GUI,
#                         or headless through coroscope-cli when there is no GUI or no display
#   ./run.sh SCRIPT.py    set up, then trace SCRIPT.py on CPython and show it (headless: its
#                         output and events)
#   ./run.sh test         set up, then run the test suite with ctest
#   ./run.sh build        set up only (install missing packages, configure, build)
#   ./run.sh cli ARGS...  set up, then run coroscope-cli ARGS...
#   ./run.sh sanitize [asan|tsan]   the suite under ASan+UBSan (all of it) or TSan (the threaded tests)
#   ./run.sh fuzz [SECONDS]         builds the libFuzzer targets with clang and runs each SECONDS
#   ./run.sh difftest [N] [SEED]    N random asyncio programs on the C++ runtime and on CPython, compared
#                                   (one in ten also plainly under python3 on the real clock)
#   ./run.sh difftest-pythons [N] [SEED]   the same on each other CPython 3.X the per-version tests run on
#   ./run.sh package      set up, then build the Debian package (CPack) and check it with lintian
#   ./run.sh help         this text
#
# Set-up installs the missing Debian packages (and only those), configures once with CMake/Ninja
# and builds. Set-up progress goes to stderr, so stdout carries only the program's own output.
# Environment: COROSCOPE_BUILD_DIR (default: build), relative to the repository root.
set -euo pipefail

CALLER_DIR="$PWD" # a script named on the command line is relative to where run.sh was started
cd "$(dirname "${BASH_SOURCE[0]}")"

BUILD_DIR="${COROSCOPE_BUILD_DIR:-build}"
DEFAULT_SAMPLE="gather-order"

PACKAGES=(
    build-essential cmake ninja-build ccache pkg-config libfmt-dev
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev
    libqcustomplot-dev libqcustomplot2.1-qt6 libqscintilla2-qt6-dev libgl-dev libbenchmark-dev libcli11-dev
    libsimdjson-dev
    fonts-noto-cjk xvfb xauth python3 libpython3.11-testsuite
    dpkg-dev lintian
    chromium # the exported web page is tested in it (tests/web/tst_webpage)
)
# Node.js and npm bundle the web page's viewer (app/web) and drive Chromium in its tests. Installed
# from Debian only when no node/npm is on PATH: a machine may have its own (nodesource's nodejs
# ships npm and conflicts with Debian's npm package).
NODE_PACKAGES=(nodejs npm)

# Only for ./run.sh fuzz: libFuzzer comes with clang's runtime libraries.
FUZZ_PACKAGES=(clang libclang-rt-14-dev libfmt-dev libsimdjson-dev)
# The tests that run threads (executor workers, epoll, the recorder's locked mode, a run cancelled from
# another thread): what TSan checks. Qt is not built with TSan, so the GUI tests are left out.
TSAN_TESTS=(tst_executor tst_streams tst_blocking tst_stress tst_faults)

say() { printf 'run.sh: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

usage() {
    cat <<EOF
Usage: ./run.sh [COMMAND] [ARGS...]

  (none) [APP ARGS]  set up, then start the app on the sample '$DEFAULT_SAMPLE'
                     (headless through coroscope-cli if there is no GUI binary or no display)
  SCRIPT.py [ARGS]   set up, then start the app on a CPython run of SCRIPT.py (headless: what it
                     prints, then its events)
  test               set up, then run the tests: ctest --test-dir $BUILD_DIR --output-on-failure -j2
  build              set up only: install missing Debian packages, configure, build
  cli ARGS...        set up, then run $BUILD_DIR/bin/coroscope-cli ARGS...
  sanitize [asan|tsan]
                     build with the preset asan (ASan + UBSan, build-asan/) and run the whole suite,
                     or with tsan (build-tsan/) and run the threaded tests (default: asan)
  fuzz [SECONDS]     install clang if missing, build the libFuzzer targets of tests/fuzz (build-fuzz/: the
                     native reader, the Chrome importer, the Python tracer's stream)
                     and run each for SECONDS (default 60) on a copy of its seed corpus
  package            set up, then build $BUILD_DIR/package/coroscope_VERSION_ARCH.deb with CPack, show
                     its Depends and run lintian on it; prints the .deb's path
  difftest [N] [SEED] [ARGS...]
                     set up, then run N random asyncio programs from SEED (default 1000, 1) on the C++
                     runtime and on CPython under the tracer, compare them step for step, and run one
                     in ten (--real-clock: all) plainly under python3 on the real clock, which must
                     print the same; shrink each divergence (--save DIR keeps them as regression
                     cases); ends with 'N programs, K divergences'
  difftest-pythons [N] [SEED]
                     set up, then the same N programs (default 2000) on each CPython version other
                     than python3's that the per-version tests run on (COROSCOPE_PYTHON_MATRIX,
                     docs/pytrace.md "Which Python"); says which versions it skipped and why
  help               show this text

Environment:
  COROSCOPE_BUILD_DIR  build directory (default: build)
EOF
}

# Prints the packages of PACKAGES that dpkg does not report as installed, one per line (and Node.js
# and npm when their commands are missing).
missing_packages() {
    local pkg
    for pkg in "${PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
            printf '%s\n' "$pkg"
        fi
    done
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        printf '%s\n' "${NODE_PACKAGES[@]}"
    fi
}

# The web viewer's npm packages (app/web/package-lock.json: esbuild, playwright-core), installed with
# `npm ci` when they are missing or the lockfile changed. Without npm the build goes on without the
# viewer (export-html then says why it cannot write a page).
install_web_packages() {
    local web="app/web"
    if ! command -v npm >/dev/null 2>&1; then
        say "npm not found: the web page's viewer will not be bundled"
        return 0
    fi
    if [[ -f "$web/node_modules/.package-lock.json" && "$web/node_modules/.package-lock.json" -nt "$web/package-lock.json" ]]; then
        return 0
    fi
    say "npm ci in $web (esbuild, playwright-core)"
    (cd "$web" && npm ci --no-audit --no-fund >&2)
}

install_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1; then
        say "dpkg-query not found (not a Debian-based system?): skipping the package check;"
        say "make sure the equivalents of these are installed: ${PACKAGES[*]}"
        return 0
    fi

    local missing=()
    mapfile -t missing < <(missing_packages)
    if ((${#missing[@]} == 0)); then
        say "all ${#PACKAGES[@]} required packages are installed"
        return 0
    fi
    say "missing packages: ${missing[*]}"

    local sudo=()
    if ((EUID != 0)); then
        if command -v sudo >/dev/null 2>&1; then
            sudo=(sudo)
        else
            say "not root and sudo is not available; install them as root with:"
            say "  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing[*]}"
            exit 1
        fi
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        die "apt-get not found; install these packages by hand: ${missing[*]}"
    fi

    say "apt-get update"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update >&2
    say "apt-get install -y ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >&2
}

# Configures (once) and builds the CMake preset $1 into its build-$1/ directory (only the targets
# that follow, if any).
build_preset() {
    local preset="$1"
    shift
    if [[ ! -f "build-$preset/build.ninja" ]]; then
        say "configuring build-$preset/ (preset $preset)"
        cmake --preset "$preset" >&2
    fi
    say "building build-$preset/ ${*:-(everything)}"
    local targets=()
    (($# > 0)) && targets=(--target "$@")
    cmake --build "build-$preset" -j"$(nproc 2>/dev/null || echo 2)" "${targets[@]}" >&2
}

sanitize() {
    local which="${1:-asan}"
    case "$which" in
        asan)
            build_preset asan
            say "running the whole suite under ASan + UBSan"
            # intercept_tls_get_addr=0: with glibc 2.36, LeakSanitizer's thread scan trips over a bogus
            # dynamic-TLS range left by a library Qt loads for PDF output ("Tracer caught signal 11").
            ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1:intercept_tls_get_addr=0" \
                UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
                LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp" \
                ctest --test-dir build-asan --output-on-failure -j2
            ;;
        tsan)
            build_preset tsan "${TSAN_TESTS[@]/#/runtime_}"
            say "running the threaded tests under TSan"
            local regex
            regex="^runtime/($(IFS='|'; echo "${TSAN_TESTS[*]}"))\$"
            TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tests/sanitizers/tsan.supp" \
                ctest --test-dir build-tsan --output-on-failure -j2 -R "$regex"
            ;;
        *) die "sanitize: expected asan or tsan, got '$which'" ;;
    esac
}

fuzz() {
    local seconds="${1:-60}"
    [[ "$seconds" =~ ^[0-9]+$ ]] || die "fuzz: SECONDS must be a number, got '$seconds'"
    PACKAGES=("${FUZZ_PACKAGES[@]}")
    install_packages
    build_preset fuzz
    local work target corpus status=0
    work="$(mktemp -d)"
    # The checked-in seeds stay as they are: the fuzzer adds what it finds to a copy.
    for target in tracefile:native chrometrace:chrome jsonsyntax:chrome pytracestream:pystream; do
        corpus="${target#*:}"
        target="fuzz_${target%%:*}"
        cp -r "tests/fuzz/corpus/$corpus" "$work/$target"
        say "$target: ${seconds}s on $(ls "$work/$target" | wc -l) seeds"
        if ! (cd "$work" && "$OLDPWD/build-fuzz/bin/$target" "$work/$target" \
                -dict="$OLDPWD/tests/fuzz/$corpus.dict" -max_total_time="$seconds" \
                -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 2>"$work/$target.log"); then
            status=1
            tail -n 60 "$work/$target.log" >&2
            say "$target FAILED: the crashing input is in $work (crash-*, leak-*, timeout-*)"
        fi
        grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$work/$target.log" >&2 || true
    done
    ((status == 0)) && rm -rf "$work"
    return $status
}

# The .deb for `apt install ./coroscope_*.deb` on other machines (packaging/CMakeLists.txt says what is
# in it). Progress and lintian's report go to stderr, the package's path to stdout.
package() {
    local dir="$BUILD_DIR/package" deb
    rm -f "$dir"/*.deb
    say "building the Debian package with CPack into $dir/"
    cpack -G DEB --config "$BUILD_DIR/CPackConfig.cmake" -B "$dir" >&2
    deb="$(ls "$dir"/*.deb)"
    dpkg-deb --info "$deb" | grep -E '^ (Package|Version|Architecture|Depends|Recommends|Installed-Size):' >&2
    say "$(du -k "$deb" | cut -f1) KiB: $deb"
    if command -v lintian >/dev/null 2>&1; then
        say "lintian $deb"
        lintian --tag-display-limit 0 "$deb" >&2 || die "lintian reports errors in $deb"
    fi
    printf '%s\n' "$deb"
}

configure() {
    if [[ -f "$BUILD_DIR/build.ninja" ]]; then
        return 0
    fi
    if [[ -f "$BUILD_DIR/CMakeCache.txt" ]]; then
        die "$BUILD_DIR/ was configured without Ninja; remove it or set COROSCOPE_BUILD_DIR to another directory"
    fi
    say "configuring $BUILD_DIR/ (Ninja, Release)"
    cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >&2
}

build() {
    local jobs
    jobs="$(nproc 2>/dev/null || echo 2)"
    say "building $BUILD_DIR/ with $jobs jobs"
    cmake --build "$BUILD_DIR" -j"$jobs" >&2
}

setup() {
    install_packages
    install_web_packages
    configure
    build
}

have_display() {
    [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]
}

run_default() {
    local gui="$BUILD_DIR/bin/coroscope"
    local cli="$BUILD_DIR/bin/coroscope-cli"
    if [[ -x "$gui" ]] && have_display; then
        say "starting $gui --sample $DEFAULT_SAMPLE"
        exec "$gui" --sample "$DEFAULT_SAMPLE" "$@"
    fi

    if [[ ! -x "$gui" ]]; then
        say "running headless: $gui has not been built (yet)"
    else
        say "running headless: no display (neither DISPLAY nor WAYLAND_DISPLAY is set)"
    fi
    [[ -x "$cli" ]] || die "$cli has not been built"
    "$cli" run "$DEFAULT_SAMPLE"
    "$cli" events "$DEFAULT_SAMPLE"
}

# ./run.sh SCRIPT.py [APP ARGS]: the app on a CPython run of the script, or its output and events.
run_script() {
    local script="$1"
    shift
    [[ "$script" = /* ]] || script="$CALLER_DIR/$script"
    [[ -f "$script" ]] || die "no such script: $script"
    local gui="$BUILD_DIR/bin/coroscope"
    local cli="$BUILD_DIR/bin/coroscope-cli"
    if [[ -x "$gui" ]] && have_display; then
        say "starting $gui $script"
        exec "$gui" "$script" "$@"
    fi
    say "running headless: no display or no GUI build; tracing $script with coroscope-cli"
    [[ -x "$cli" ]] || die "$cli has not been built"
    "$cli" run "$script" || true
    exec "$cli" events "$script"
}

# The differential tester once per CPython version of the per-version tests (cmake/PythonMatrix.cmake
# writes $BUILD_DIR/python-matrix.txt: VERSION enabled|disabled|missing|python3 WHERE).
difftest_pythons() {
    local n="${1:-2000}" seed="${2:-1}" version state where status=0 start
    [[ -f "$BUILD_DIR/python-matrix.txt" ]] || die "$BUILD_DIR/python-matrix.txt is missing: reconfigure"
    while read -r version state where; do
        case "$state" in
            python3) say "$version: python3 itself (./run.sh difftest)" ;;
            missing) say "$version: skipped: no Python $version found (looked in $where)" ;;
            disabled) say "$version: skipped: $where is not in COROSCOPE_PYTHON_MATRIX" ;;
            enabled)
                say "$version: $n programs from seed $seed on $where"
                start=$SECONDS
                COROSCOPE_PYTHON="$where" "$BUILD_DIR/tests/coroscope-difftest" "$n" "$seed" || status=1
                say "$version: $((SECONDS - start)) s"
                ;;
        esac
    done <"$BUILD_DIR/python-matrix.txt"
    return $status
}

main() {
    local cmd="${1:-}"
    case "$cmd" in
        *.py)
            shift
            setup
            run_script "$cmd" "$@"
            ;;
        help | -h | --help)
            usage
            ;;
        build)
            setup
            say "build done: $BUILD_DIR/bin/"
            ;;
        test)
            setup
            say "running the tests"
            # Chromium, Node.js and playwright-core are installed above: the browser test must run, not skip.
            COROSCOPE_REQUIRE_BROWSER=1 exec ctest --test-dir "$BUILD_DIR" --output-on-failure -j2
            ;;
        sanitize)
            shift
            install_packages
            install_web_packages
            sanitize "$@"
            ;;
        fuzz)
            shift
            fuzz "$@"
            ;;
        package)
            setup
            package
            ;;
        cli)
            shift
            setup
            exec "$BUILD_DIR/bin/coroscope-cli" "$@"
            ;;
        difftest)
            shift
            setup
            local n="${1:-1000}" seed="${2:-1}"
            shift $(($# < 2 ? $# : 2))
            exec "$BUILD_DIR/tests/coroscope-difftest" "$n" "$seed" "$@"
            ;;
        difftest-pythons)
            shift
            setup
            difftest_pythons "$@"
            ;;
        "" | -*)
            setup
            run_default "$@"
            ;;
        *)
            say "unknown command: $cmd"
            usage >&2
            exit 2
            ;;
    esac
}

# Sourcing the script (for testing its functions) defines them without running anything.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    main "$@"
fi
