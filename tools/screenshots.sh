#!/usr/bin/env bash
# Regenerates the main-window screenshots in docs/screenshots/ with the app's own --screenshot option.
#
#   tools/screenshots.sh [path/to/coroscope]      (default: build/bin/coroscope)
#
# Runs under xvfb-run when it is installed (a real X server, 1920x1080), else on Qt's offscreen
# platform. The window starts from its defaults (a screenshot neither reads nor writes the settings).
# docs/screenshots/timeline-gather-order.png belongs to the timeline and is not touched here.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
app="${1:-$here/build/bin/coroscope}"
out="$here/docs/screenshots"
[[ -x "$app" ]] || { echo "no app at $app: build the 'coroscope' target first" >&2; exit 2; }
mkdir -p "$out"

run() { # run FILE ARGS...
    local file="$out/$1"; shift
    if command -v xvfb-run >/dev/null; then
        xvfb-run -a -s "-screen 0 1920x1080x24" "$app" "$@" --screenshot "$file"
    else
        QT_QPA_PLATFORM=offscreen "$app" "$@" --screenshot "$file"
    fi
}

export LC_ALL=C.UTF-8 LANG=C.UTF-8   # English UI unless --lang says otherwise

# gather-order at three moments: main() awaits gather (two tasks in the ready queue), both tasks
# asleep (two timers, the earlier one first), and task2 printing 2-end before task1's 1-end.
run main-gather-order-step11.png --sample gather-order --step 11 --size 1920x1080
run main-gather-order-step19.png --sample gather-order --step 19 --size 1920x1080
run main-gather-order-step25.png --sample gather-order --step 25 --size 1920x1080
# Generators: send() resumes the generator with a value; a producer drives a consumer.
run main-gen-send.png --sample gen-send --step 10 --size 1920x1080
run main-producer-consumer.png --sample producer-consumer --step 17 --size 1920x1080
# A smaller screen, and the Chinese UI.
run main-gather-order-1280x720.png --sample gather-order --step 25 --size 1280x720
run main-gather-order-zh_CN.png --sample gather-order --step 25 --size 1920x1080 --lang zh_CN
# Faults as the window shows them (docs/robustness.md): the fault test keeps its pictures on request.
robustness="$(dirname "$app")/../tests/gui_tst_robustness"
if [[ -x "$robustness" ]]; then
    tmp="$(mktemp -d)"
    COROSCOPE_SHOTS_DIR="$tmp" QT_QPA_PLATFORM=offscreen "$robustness" faultIsVisible >/dev/null
    cp "$tmp/fault-deadlock.png" "$tmp/fault-worker-thread-throws.png" "$out/"
    rm -rf "$tmp"
fi
