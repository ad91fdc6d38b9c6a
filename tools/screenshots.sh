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
# Many lanes (docs/timeline.md, "Many lanes"): one recorded run of download-100 on the time axis
# around its 100 concurrent downloads (their times vary from run to run: read off the trace), the
# cursor where half of them are done; grouped (what does not fit folds to a summary of counts) and
# with every group open; the same at 1280x720. Then the 10,000-task stress run the GUI test
# records (kept on request).
cli="$(dirname "$app")/coroscope-cli"
shots=/tmp/coroscope-screenshots # the traces' paths show in the status bar
mkdir -p "$shots"
if [[ -x "$cli" ]]; then
    d100="$shots/download-100.coroscope"
    "$cli" trace download-100 -o "$d100" >/dev/null
    # The downloads' first create, the 50th done (the cursor) and the last done.
    read -r first half last < <("$cli" events "$d100" | awk '
        $4 == "download()" && $5 == "create" && !f { f = $2 }
        $4 == "download()" && $5 == "done" { n++; if (n == 50) h = $1; l = $2 }
        END { print f, h, l }')
    range="$(awk -v a="$first" -v b="$last" 'BEGIN { w = b - a; printf "%.6f:%.6f", a - 0.06 * w, b + 0.06 * w }')"
    for size in 1920x1080 1280x720; do
        run "download-100-$size.png" "$d100" --axis time --range "$range" --step "$half" --size "$size"
        run "download-100-open-$size.png" "$d100" --axis time --range "$range" --step "$half" --fold none \
            --size "$size"
    done
fi
stress_test="$(dirname "$app")/../tests/gui_tst_stresstrace"
if [[ -x "$stress_test" ]]; then
    stress="$shots/stress-10k.coroscope"
    COROSCOPE_STRESS_TRACE="$stress" QT_QPA_PLATFORM=offscreen "$stress_test" >/dev/null
    for size in 1920x1080 1280x720; do
        run "stress-10k-$size.png" "$stress" --step 60000 --size "$size"
        run "stress-10k-open-$size.png" "$stress" --step 60000 --fold none --size "$size"
    done
fi
rm -rf "$shots"
# Faults as the window shows them (docs/robustness.md): the fault test keeps its pictures on request.
robustness="$(dirname "$app")/../tests/gui_tst_robustness"
if [[ -x "$robustness" ]]; then
    tmp="$(mktemp -d)"
    COROSCOPE_SHOTS_DIR="$tmp" QT_QPA_PLATFORM=offscreen "$robustness" faultIsVisible >/dev/null
    cp "$tmp/fault-deadlock.png" "$tmp/fault-worker-thread-throws.png" "$out/"
    rm -rf "$tmp"
fi
# Try It (docs/gui.md, "Try It"): gather-order edited so that task2 sleeps 3 s, the what-changed
# compare window, presentation mode while editing, a syntax error marked in the editor.
tryit="$(dirname "$app")/../tests/gui_tst_tryit"
if [[ -x "$tryit" ]]; then
    COROSCOPE_SHOTS_DIR="$out" QT_QPA_PLATFORM=offscreen "$tryit" screenshots >/dev/null
fi
# Python on CPython (docs/pytrace.md): a student's own script, and a sample on both runtimes.
demo="$(mktemp -d)"
cat > "$demo/homework.py" <<'PY'
import asyncio
import time

async def download(name, seconds):
    print(f"开始下载 {name}")
    await asyncio.sleep(seconds)
    print(f"{name} 下载完成")
    return len(name) * 100

async def main():
    start = time.time()
    sizes = await asyncio.gather(download("a.html", 2), download("b.html", 1), download("c.html", 3))
    print(f"共 {sum(sizes)} 字节, 用时 {time.time() - start:.1f} 秒")

asyncio.run(main())
PY
run pytrace-homework-1920x1080.png "$demo/homework.py" --axis time --step 30 --size 1920x1080
run compare-cpp-vs-cpython.png --compare cancel-timeout,cancel-timeout@cpython --sample cancel-timeout --size 1600x1000
rm -rf "$demo"
