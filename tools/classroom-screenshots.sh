#!/usr/bin/env bash
# Regenerates the classroom screenshots in docs/screenshots/ (presentation, predict and compare modes)
# with the app's own --screenshot, --present, --predict and --compare options.
#
#   tools/classroom-screenshots.sh [path/to/coroscope [path/to/coroscope-cli]]   (default: build/bin/)
#
# Runs under xvfb-run when it is installed, else on Qt's offscreen platform. The presentation shots
# use a gather-order trace with two notes added by tools/add-notes.py.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
app="${1:-$here/build/bin/coroscope}"
cli="${2:-$(dirname "$app")/coroscope-cli}"
out="$here/docs/screenshots"
[[ -x "$app" && -x "$cli" ]] || { echo "no app at $app or no CLI at $cli: build them first" >&2; exit 2; }
mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

run() { # run FILE ARGS...
    local file="$out/$1"; shift
    if command -v xvfb-run >/dev/null; then
        xvfb-run -a -s "-screen 0 1920x1080x24" "$app" "$@" --screenshot "$file"
    else
        QT_QPA_PLATFORM=offscreen "$app" "$@" --screenshot "$file"
    fi
}

export LC_ALL=C.UTF-8 LANG=C.UTF-8   # English UI unless --lang says otherwise

"$cli" trace gather-order -o "$tmp/gather-order.coroscope" 2>/dev/null
python3 "$here/tools/add-notes.py" "$tmp/gather-order.coroscope" "$tmp/notes-en.coroscope" \
    11 "main() awaits gather: both tasks wait in the ready queue" \
    25 "task2 slept 1 s, task1 sleeps 2 s: 2-end prints before 1-end"
python3 "$here/tools/add-notes.py" "$tmp/gather-order.coroscope" "$tmp/notes-zh.coroscope" \
    11 "main() 等待 gather：两个任务都在就绪队列中" \
    25 "task2 睡了 1 秒，task1 要睡 2 秒：2-end 先于 1-end 打印"

# Presentation mode on a 1080p and a 720p projector, with the note of the step; and in Chinese.
run present-gather-order-1920x1080.png "$tmp/notes-en.coroscope" --step 25 --present --size 1920x1080
run present-gather-order-1280x720.png "$tmp/notes-en.coroscope" --step 25 --present --size 1280x720
run present-gather-order-zh_CN.png "$tmp/notes-zh.coroscope" --step 25 --present --size 1920x1080 --lang zh_CN
# Predict mode: two lines printed, the class is asked for the third (normal window, then presenting).
run predict-gather-order.png --sample gather-order --step 20 --predict --size 1920x1080
run predict-gather-order-present.png --sample gather-order --step 20 --predict --present --size 1920x1080
# Compare: the halves of sequential-vs-gather on one locked time axis; two gallery samples at 720p.
run compare-sequential-vs-gather.png --compare sequential-vs-gather --size 1920x1080
run compare-gather-vs-three-sleepers-1280x720.png --compare gather-order,three-sleepers --size 1280x720
