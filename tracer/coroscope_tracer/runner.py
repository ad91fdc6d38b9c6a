"""One traced run of a script: set-up, the module's lane, its end, and what stops it early."""

import builtins
import os
import signal
import sys
import threading
import traceback
import types

from . import aio, clock, hooks, instrument, loop, stdio, tracebacks
from .deadlock import report as deadlock_report
from . import recorder as rec_mod
from .reprs import describe

REC = None
MODULE_LANE = 0
_stdout = None
_stderr = None


def _finish(status):
    """Writes what is left of the stream and its end marker."""
    hooks.closed = True
    _stderr.flush_report()
    REC.meta("status", status)
    REC.end()
    REC.flush()


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
    abort(deadlock_report(loop))


def _budget_spent():
    abort(f"event budget exceeded: the program recorded {REC.budget} events and was stopped (a runaway loop?)")


def _time_limit(seconds):
    def expired(signum, frame):
        abort(f"time limit: the script ran for {seconds:g} s of wall time and was stopped (an endless loop?)")
    signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)


def _traceback_text(exc):
    """As python3 prints an uncaught exception: through sys.excepthook when the script set one,
    else as the default hook prints it, the tracer's own frames left out."""
    if sys.excepthook is not sys.__excepthook__:
        try:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        except BaseException as hook_error:
            print("Error in sys.excepthook:", file=sys.stderr)
            print(tracebacks.format_uncaught(hook_error), file=sys.stderr)
            print("\nOriginal exception was:", file=sys.stderr)
            print(tracebacks.format_uncaught(exc), file=sys.stderr)
        _stderr.flush_report()
        return None
    return tracebacks.format_uncaught(exc)


def _finalize_globals(namespace):
    """What python3 does to the script's globals at exit, done while the trace still records: the
    threads it started are joined, then its names are cleared as CPython clears a module (names
    with a leading underscore first), so that a generator still suspended there is finalized (its
    finally blocks run) in the trace, as the C++ port's module() ends by destroying its locals."""
    for t in threading.enumerate():
        if t is not threading.main_thread() and not t.daemon:
            t.join()
    underscored = [k for k in namespace if k.startswith("_") and k != "__builtins__"]
    others = [k for k in namespace if not k.startswith("_")]
    # At exit python3 runs no Python frame: a warning raised while the names go (a coroutine never
    # awaited) reads "sys:1: ..." and, with the import system gone, suggests no tracemalloc.
    saved = sys.modules.get("tracemalloc")
    sys.modules["tracemalloc"] = None
    try:
        exec(_exit_code(), {"__name__": "sys"}, {"ns": namespace, "keys": underscored + others})
    finally:
        if saved is None:
            del sys.modules["tracemalloc"]
        else:
            sys.modules["tracemalloc"] = saved


def _exit_code():
    """One line, in the file and at the line python3's own teardown is said to warn from."""
    filename, line = aio.VERSION.FACTS.exit_warning_place
    return compile("for k in keys: ns[k] = None", filename, "exec").replace(co_firstlineno=line)


def run(script, argv, write, budget, real_clock, time_limit):
    global REC, _stdout, _stderr, MODULE_LANE
    REC = rec_mod.Recorder(write, budget=budget, real_clock=real_clock)
    REC.on_budget = _budget_spent
    hooks.REC = REC
    REC.meta("clock", "real" if real_clock else "virtual")
    REC.meta("runtime", "cpython")
    REC.meta("script", script)
    REC.meta("python", sys.version.split()[0])

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
    loop.on_deadlock = deadlock
    tracebacks.install()
    from . import workers
    workers.install(REC)
    clock.on_outside_work(lambda: workers.outstanding() > 0)
    if time_limit:
        _time_limit(time_limit)

    status = 0
    try:
        try:
            exec(code, module.__dict__)
        finally:
            _stdout.finish()
            _finalize_globals(module.__dict__)
        REC.event(rec_mod.DONE, MODULE_LANE, rec_mod.NO_EVENT, "None")
    except rec_mod.BudgetExceeded:
        _budget_spent()
    except SystemExit as e:
        code_ = e.code
        if code_ is None or code_ == 0:
            REC.event(rec_mod.DONE, MODULE_LANE, rec_mod.NO_EVENT, "None")
        else:
            if not isinstance(code_, int):
                _stderr.write(str(code_) + "\n")
            REC.event(rec_mod.ERROR, MODULE_LANE, rec_mod.NO_EVENT, describe(e))
            REC.meta("exit-code", str(code_ if isinstance(code_, int) else 1))
            status = code_ if isinstance(code_, int) else 1
    except BaseException as e:
        _stderr.flush_report()
        text = _traceback_text(e)
        err = REC.event(rec_mod.ERROR, MODULE_LANE, rec_mod.NO_EVENT, describe(e), hooks.error_location(e))
        REC.event(rec_mod.FAULT, MODULE_LANE, err, describe(e))
        if text is not None:
            REC.meta("stderr", text)
        REC.meta("error", describe(e))
        status = 1

    # As python3 at exit: threads the script started and did not join are waited for.
    for t in threading.enumerate():
        if t is not threading.main_thread() and not t.daemon:
            t.join()
    signal.setitimer(signal.ITIMER_REAL, 0)
    _finish("ok" if status == 0 else "error")
    return status
