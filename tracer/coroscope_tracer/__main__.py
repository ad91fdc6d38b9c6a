"""python3 -m coroscope_tracer [options] SCRIPT [ARGS...]: runs SCRIPT traced (docs/pytrace.md)."""

import argparse
import os
import sys


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python3 -m coroscope_tracer",
        description="Run a Python script on CPython and stream what its coroutines, generators, "
                    "event loop and threads do, in Coroscope's trace protocol.")
    parser.add_argument("script", help="the Python script to run")
    parser.add_argument("args", nargs=argparse.REMAINDER, help="its arguments")
    parser.add_argument("--clock", choices=("virtual", "real"), default="virtual",
                        help="virtual: time jumps to the next timer (default); real: the wall clock")
    parser.add_argument("--budget", type=int, default=1_000_000, help="stop after this many events")
    parser.add_argument("--time-limit", type=float, default=0.0, help="stop after this many seconds of wall time")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--fd", type=int, help="write the stream to this file descriptor")
    where.add_argument("--out", help="write the stream to this file ('-' for standard output)")
    opts = parser.parse_args(argv)

    from . import recorder, runner
    try:
        runner.check_python()
    except runner.UnsupportedPython as e:
        print(f"coroscope-tracer: {e}", file=sys.stderr)
        return 2
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


if __name__ == "__main__":
    sys.exit(main())
