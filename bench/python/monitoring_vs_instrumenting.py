"""What a generator switch costs when its yield and resume are recorded, two ways:

  instrumented  the tracer's way: `yield v` rewritten as `yield from hook(v)`, a generator that
                records both sides (and sees the value send() passes in);
  monitoring    sys.monitoring (3.12+): PY_YIELD and PY_RESUME callbacks on the generator's code
                alone (PY_RESUME does not carry the value sent in).

Timings on a shared machine are noise; count instructions instead (docs/pytrace.md, "Which Python"):

    for mode in none plain instrumented monitoring; do
        valgrind --tool=callgrind --callgrind-out-file=/dev/null python3.12 \\
            bench/python/monitoring_vs_instrumenting.py $mode 2>&1 | grep Collected
    done

(mode - none) / SWITCHES is the cost of one switch.
"""

import sys

SWITCHES = 20_000
log = []
rec = log.append


def plain():
    x = 0
    while True:
        x = yield x


def hook(v):
    rec((1, v))
    got = yield v
    rec((2, got))
    return got


def instrumented():
    x = 0
    while True:
        x = yield from hook(x)


def drive(gen):
    next(gen)
    send = gen.send
    for i in range(SWITCHES):
        send(i)


def main(mode):
    if mode == "monitoring":
        m = sys.monitoring
        m.use_tool_id(3, "bench")
        m.register_callback(3, m.events.PY_YIELD, lambda code, offset, value: rec((1, value)))
        m.register_callback(3, m.events.PY_RESUME, lambda code, offset: rec((2, None)))
        m.set_local_events(3, plain.__code__, m.events.PY_YIELD | m.events.PY_RESUME)
    make = {"none": None, "plain": plain, "instrumented": instrumented, "monitoring": plain}[mode]
    if make is not None:
        drive(make())


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "plain")
