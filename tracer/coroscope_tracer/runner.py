"""One traced run of a script: set-up, the module's lane, its end, and what stops it early."""

import atexit
import builtins
import os
import signal
import sys
import threading
import traceback
import types

from . import aio, clock, hooks, instrument, processes, stdio, threads
from . import recorder as rec_mod
from .reprs import describe

SUPPORTED = (3, 11)

REC = None
MODULE_LANE = 0
_stdout = None
_stderr = None


class UnsupportedPython(Exception):
    pass


def check_python():
    """The tracer follows 3.11's asyncio step by step (its Task.__step and loop._run_once): on any
    other version it would be silently wrong, so it refuses."""
    if sys.version_info[:2] != SUPPORTED:
        raise UnsupportedPython(
            f"Coroscope's tracer follows CPython {SUPPORTED[0]}.{SUPPORTED[1]}'s asyncio step by step; "
            f"this is Python {sys.version_info[0]}.{sys.version_info[1]} ({sys.executable}), whose asyncio "
            f"internals differ (Task.__step, the event loop's _run_once). Install python3.{SUPPORTED[1]} "
            f"and point COROSCOPE_PYTHON at it.")
    missing = [name for name, ok in (
        ("asyncio.tasks._PyTask", hasattr(aio.tasks, "_PyTask")),
        ("asyncio.base_events.BaseEventLoop._run_once", hasattr(aio.base_events.BaseEventLoop, "_run_once")),
    ) if not ok]
    if missing:
        raise UnsupportedPython("asyncio lacks what the tracer hooks: " + ", ".join(missing))


def _finish(status):
    """Writes what is left of the stream and its end marker; what the script started and left
    running ends with the run."""
    processes.drain(block=False)
    hooks.closed = True
    _stderr.flush_report()
    REC.meta("status", status)
    REC.end()
    processes.end_children()


def abort(message, cause=rec_mod.NO_EVENT):
    """The run is stopped (deadlock, event budget, time limit): record why and end the process now,
    as the C++ runtime ends a run with RunAborted: nothing more of the script runs."""
    try:
        _stdout.finish()
    except Exception:
        pass
    REC.budget = REC.seq + 64
    REC.event(rec_mod.FAULT, MODULE_LANE, cause, message)
    _stderr.flush_report()
    REC.meta("stderr", message)
    REC.meta("error", message)
    _finish("stopped")
    os._exit(3)


def deadlock(loop):
    waited = getattr(loop, "_cs_waited", None) or loop._cs_main
    what = aio.future_label(waited) if waited is not None else "the future"
    lines = [f"deadlock: the event loop has nothing left to run, but {what} is still pending"]
    pending = [t for t in aio.tasks.all_tasks(loop) if isinstance(t, aio.TracedTask) and t._cs_lane is not None]
    for task in sorted(pending, key=lambda t: t._cs_lane):
        waiting = aio.future_label(task._fut_waiter) if task._fut_waiter is not None else "nothing"
        line = f"  {aio.task_label(task)} waits for {waiting}"
        frames = aio.await_chain(task)
        user = [f for f in frames if f.f_code.co_filename in hooks.USER_FILES]
        if user:
            line += f" at {os.path.basename(user[-1].f_code.co_filename)}:{user[-1].f_lineno}"
        lines.append(line)
    abort("\n".join(lines))


def _budget_spent():
    abort(f"event budget exceeded: the program recorded {REC.budget} events and was stopped (a runaway loop?)")


def _time_limit(seconds):
    def expired(signum, frame):
        abort(f"time limit: the script ran for {seconds:g} s of wall time and was stopped (an endless loop?)")
    signal.signal(signal.SIGALRM, expired)
    from . import limit
    if limit.expired:                                   # (during the tracer's start)
        expired(signal.SIGALRM, None)
    if signal.getitimer(signal.ITIMER_REAL)[0] == 0:   # (else armed at the tracer's start)
        signal.setitimer(signal.ITIMER_REAL, seconds)


def _terminated(signum, frame):
    """SIGTERM (Stop, core's time-limit backstop): what was recorded is written, what the script
    started ends, and the tracer with it. Core says why; the stream stays without its end marker.
    (A script that handles SIGTERM itself replaces this, as under python3.)"""
    try:
        REC.flush()
        processes.end_children()
    finally:
        os._exit(128 + signal.SIGTERM)


def _traceback_text(exc):
    """As python3 prints an uncaught exception: the tracer's own frames left out."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename not in hooks.USER_FILES:
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(exc), exc, tb)).rstrip("\n")


def _finalize_globals(namespace):
    """What python3 does to the script's globals at exit, done while the trace still records: its
    names are cleared as CPython clears a module (names with a leading underscore first), so that a
    generator still suspended there is finalized (its finally blocks run) in the trace, as the C++
    port's module() ends by destroying its locals."""
    for first in (True, False):
        for key in list(namespace):
            if key == "__builtins__" or (first and not key.startswith("_")):
                continue
            try:
                namespace[key] = None
            except Exception:
                pass


def _exit(namespace):
    """What python3 does once the main module has ended, in its order (Py_FinalizeEx): the threads
    (threading's exit callbacks, where concurrent.futures joins its workers, then the non-daemon
    threads joined), the atexit callbacks (the script's own, multiprocessing's joining its
    children), then the module's globals cleared."""
    threads.exit_threads()
    atexit._run_exitfuncs()
    _finalize_globals(namespace)


def run(script, argv, write, budget, real_clock, time_limit):
    global REC, _stdout, _stderr, MODULE_LANE
    REC = rec_mod.Recorder(write, budget=budget, real_clock=real_clock)
    REC.on_budget = _budget_spent
    hooks.REC = REC
    REC.meta("clock", "real" if real_clock else "virtual")
    REC.meta("runtime", "cpython")
    REC.meta("script", script)
    REC.meta("python", sys.version.split()[0])
    REC.flush()     # (core sees the run begin, no event yet: its time-limit backstop counts from here)

    path = os.path.abspath(script)
    try:
        with open(path, "rb") as f:
            source = f.read()
    except OSError as e:
        REC.meta("error", f"cannot read {script}: {e.strerror}")
        REC.end()
        REC.flush()
        return 2

    hooks.USER_FILES.add(path)
    builtins.__coroscope__ = hooks
    try:
        code = instrument.instrument(source, path)
    except SyntaxError as e:
        # As python3 words it, with the line the editor marks. Nothing ran: no lanes, no events.
        text = "".join(traceback.format_exception_only(type(e), e)).rstrip("\n")
        REC.meta("error-line", str(e.lineno or 0))
        REC.meta("error-column", str(e.offset or 0))
        REC.meta("stderr", text)
        REC.meta("error", f"{type(e).__name__}: {e.msg} ({os.path.basename(path)}, line {e.lineno})")
        REC.end()
        REC.flush()
        return 2

    MODULE_LANE = REC.lane("<module>", rec_mod.MODULE, parent=rec_mod.NO_LANE, cause=rec_mod.NO_EVENT)
    start = REC.event(rec_mod.START, MODULE_LANE)
    REC.frames().append((MODULE_LANE, start))

    # The script runs as __main__, from its own folder, with stdin at end-of-file.
    module = types.ModuleType("__main__")
    module.__file__ = path
    module.__builtins__ = builtins
    sys.modules["__main__"] = module
    sys.argv = [script] + list(argv)
    sys.path[0] = os.path.dirname(path)
    sys.meta_path.insert(0, instrument.UserModuleFinder(os.path.dirname(path), lambda f: hooks.USER_FILES.add(os.path.abspath(f))))
    _stdout, _stderr = stdio.install(REC, 1, 2)
    clock.install(REC, virtual=not real_clock)
    aio.install(REC)
    from . import workers
    workers.install(REC)
    threads.install(REC, MODULE_LANE)
    processes.install(REC, MODULE_LANE)
    signal.signal(signal.SIGTERM, _terminated)
    if time_limit:
        _time_limit(time_limit)

    status = 0
    failed = None                   # (Error event, text) of an exception that ended the script
    try:
        try:
            exec(code, module.__dict__)
        except SystemExit as e:
            status = _system_exit(e)
        except rec_mod.BudgetExceeded:
            raise
        except BaseException as e:
            # Reported now, as python3 prints it before it waits for the threads at exit.
            _stdout.finish()
            _stderr.flush_report()
            failed = (REC.event(rec_mod.ERROR, MODULE_LANE, rec_mod.NO_EVENT, describe(e), hooks.error_location(e)),
                      describe(e))
            REC.meta("stderr", _traceback_text(e))
            REC.meta("error", describe(e))
            status = 1
        _exit(module.__dict__)
        _stdout.finish()
        if failed is not None:
            REC.event(rec_mod.FAULT, MODULE_LANE, failed[0], failed[1])
        elif status == 0:
            REC.event(rec_mod.DONE, MODULE_LANE, rec_mod.NO_EVENT, "None")
    except rec_mod.BudgetExceeded:
        _budget_spent()
    signal.setitimer(signal.ITIMER_REAL, 0)
    _finish("ok" if status == 0 else "error")
    return status


def _system_exit(e):
    """sys.exit(code) in the script: python3's exit status, and an Error on the module's lane
    unless it is 0."""
    code_ = e.code
    if code_ is None or code_ == 0 or code_ is False:
        return 0
    if not isinstance(code_, int):
        _stderr.write(str(code_) + "\n")
    REC.event(rec_mod.ERROR, MODULE_LANE, rec_mod.NO_EVENT, describe(e))
    status = int(code_) if isinstance(code_, int) else 1
    REC.meta("exit-code", str(status))
    return status
