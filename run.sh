#!/usr/bin/env bash
# Coroscope: the newcomer's entry point.
#
#   ./run.sh              set up, then show the default sample (gather-order) in the GUI,
#                         or headless through coroscope-cli when there is no GUI or no display
#   ./run.sh test         set up, then run the test suite with ctest
#   ./run.sh build        set up only (install missing packages, configure, build)
#   ./run.sh cli ARGS...  set up, then run coroscope-cli ARGS...
#   ./run.sh help         this text
#
# Set-up installs the missing Debian packages (and only those), configures once with CMake/Ninja
# and builds. Set-up progress goes to stderr, so stdout carries only the program's own output.
# Environment: COROSCOPE_BUILD_DIR (default: build), relative to the repository root.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

BUILD_DIR="${COROSCOPE_BUILD_DIR:-build}"
DEFAULT_SAMPLE="gather-order"

PACKAGES=(
    build-essential cmake ninja-build ccache pkg-config libfmt-dev
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev
    libqcustomplot-dev libqcustomplot2.1-qt6 libgl-dev libbenchmark-dev
    fonts-noto-cjk xvfb xauth python3
)

say() { printf 'run.sh: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

usage() {
    cat <<EOF
Usage: ./run.sh [COMMAND] [ARGS...]

  (none) [APP ARGS]  set up, then start the app on the sample '$DEFAULT_SAMPLE'
                     (headless through coroscope-cli if there is no GUI binary or no display)
  test               set up, then run the tests: ctest --test-dir $BUILD_DIR --output-on-failure -j2
  build              set up only: install missing Debian packages, configure, build
  cli ARGS...        set up, then run $BUILD_DIR/bin/coroscope-cli ARGS...
  help               show this text

Environment:
  COROSCOPE_BUILD_DIR  build directory (default: build)
EOF
}

# Prints the packages of PACKAGES that dpkg does not report as installed, one per line.
missing_packages() {
    local pkg
    for pkg in "${PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
            printf '%s\n' "$pkg"
        fi
    done
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

main() {
    local cmd="${1:-}"
    case "$cmd" in
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
            exec ctest --test-dir "$BUILD_DIR" --output-on-failure -j2
            ;;
        cli)
            shift
            setup
            exec "$BUILD_DIR/bin/coroscope-cli" "$@"
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
