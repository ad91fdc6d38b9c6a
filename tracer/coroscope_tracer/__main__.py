"""python3 -m coroscope_tracer [options] SCRIPT [ARGS...]: runs SCRIPT traced (docs/pytrace.md)."""

import argparse
import os
import sys


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python3 -m coroscope_tracer",
        description="Run a Python script on CPython and stream what its coroutines, generators, "
                    "event loop and threads do, in Coroscope's trace protocol.")
    parser.add_argument("script", nargs="?", help="the Python script to run")
    parser.add_argument("args", nargs=argparse.REMAINDER, help="its arguments")
    parser.add_argument("--batch", help="run many scripts, one a line of this file: SCRIPT<TAB>STREAM-FILE; "
                                        "each runs in a fork of this process (a fresh interpreter state, without "
                                        "paying for its start-up), its stream in STREAM-FILE, its stdout and "
                                        "stderr discarded")
    parser.add_argument("--clock", choices=("virtual", "real"), default="virtual",
                        help="virtual: time jumps to the next timer (default); real: the wall clock")
    parser.add_argument("--budget", type=int, default=1_000_000, help="stop after this many events")
    parser.add_argument("--time-limit", type=float, default=0.0, help="stop after this many seconds of wall time")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--fd", type=int, help="write the stream to this file descriptor")
    where.add_argument("--out", help="write the stream to this file ('-' for standard output)")
    opts = parser.parse_args(argv)
    if opts.time_limit and not opts.batch:
        # The limit counts from here, before the tracer's imports; if it expires before the script
        # runs (a slow start), the runner stops the run as soon as it has begun.
        import signal
        from . import limit
        signal.signal(signal.SIGALRM, limit.expired_early)
        signal.setitimer(signal.ITIMER_REAL, opts.time_limit)

    from . import versions
    try:
        versions.check()
    except versions.UnsupportedPython as e:
        print(f"coroscope-tracer: {e}", file=sys.stderr)
        return 2
    from . import recorder, runner
    if opts.batch:
        return batch(opts)
    if not opts.script:
        parser.error("the following arguments are required: script")
    if opts.fd is not None:
        fd = opts.fd
    elif opts.out and opts.out != "-":
        fd = os.open(opts.out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    else:
        fd = os.dup(1)
    os.set_inheritable(fd, False)   # the script's subprocesses do not hold the stream open
    # The script's own processes must not find the tracer on their path.
    os.environ.pop("PYTHONPATH", None)
    return runner.run(opts.script, opts.args, recorder.fd_writer(fd), opts.budget, opts.clock == "real",
                      opts.time_limit)


def batch(opts):
    """Runs each script of the list in a child forked from here: everything the tracer imports
    (asyncio among it) is loaded once; each child runs one script as a fresh run would."""
    from . import recorder, runner
    with open(opts.batch, encoding="utf-8") as f:
        jobs = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    os.environ.pop("PYTHONPATH", None)
    failed = 0
    for script, out in jobs:
        pid = os.fork()
        if pid == 0:
            try:
                fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                null = os.open(os.devnull, os.O_RDWR)
                for std in (0, 1, 2):
                    os.dup2(null, std)
                status = runner.run(script, [], recorder.fd_writer(fd), opts.budget, opts.clock == "real",
                                    opts.time_limit)
                os._exit(status if isinstance(status, int) else 1)
            except BaseException:
                os._exit(70)
        _, status = os.waitpid(pid, 0)
        if not os.WIFEXITED(status) or os.WEXITSTATUS(status) not in (0, 1, 3):
            failed += 1
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
