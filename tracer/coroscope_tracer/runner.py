"""One traced run of a script: set-up, the module's lane, its end, and what stops it early."""

import atexit
import builtins
import os
import signal
import sys
import threading
import traceback
import types

from . import aio, clock, hooks, instrument, loop, processes, stdio, threads, tracebacks
from .deadlock import report as deadlock_report
from . import recorder as rec_mod
from .reprs import describe

REC = None
MODULE_LANE = 0
_stdout = None
_stderr = None


def _finish(status):
    """Writes what is left of the stream and its end marker; what the script started and left
    running ends with the run."""
    global _ending
    _ending = True
    processes.drain(block=False)
    stdio.finish()
    hooks.closed = True
    REC.meta("status", status)
    REC.end()
    processes.end_children()


def abort(message, cause=rec_mod.NO_EVENT):
    """The run is stopped (deadlock, event budget, time limit): record why and end the process now,
    as the C++ runtime ends a run with RunAborted: nothing more of the script runs."""
    global _ending
    _ending = True
    try:
        stdio.finish()
    except Exception:
        pass
    REC.budget = REC.seq + 64
    REC.event(rec_mod.FAULT, MODULE_LANE, cause, message)
    REC.meta("stderr", message)
    REC.meta("error", message)
    _finish("stopped")
    _os_exit(3)


_os_exit = os._exit
_run_pid = None


def _traced_os_exit(status):
    """os._exit in the script ends the run at once, as under python3 (no finally, no atexit), but
    the stream is ended first so the trace says so. A forked worker's os._exit is its own."""
    if os.getpid() == _run_pid and not hooks.closed:
        try:
            REC.meta("exit-code", str(status))
            _finish("ok" if status == 0 else "error")
        except BaseException:
            pass
    _os_exit(status)


def deadlock(loop):
    abort(deadlock_report(loop))


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


_ending = False     # the run is ending (its end, or stopped): a SIGTERM now lets it finish


def _terminated(signum, frame):
    """SIGTERM (Stop, core's time-limit backstop, or the script's own kill): what was recorded is
    written, what the script started ends, and the tracer dies by SIGTERM as python3 would. The
    stream stays without its end marker: core says why. (A script that handles SIGTERM itself
    replaces this, as under python3.)"""
    if _ending:
        return
    try:
        REC.flush()
        processes.end_children()
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)
        _os_exit(128 + signal.SIGTERM)


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


def _clear_globals(namespace):
    """The script's names cleared as CPython clears a module at exit (names with a leading
    underscore first), so that a generator still suspended there is finalized (its finally blocks
    run) in the trace, as the C++ port's module() ends by destroying its locals."""
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


def _exit_as_python3(namespace):
    """What python3 does after the script's last line (or the traceback of what escaped it), in
    its order, while the trace still records: threading's shutdown (the hooks of executors never
    shut down, then the threads the script did not join: the module's lane waits for them), the
    atexit handlers (the script's own, multiprocessing's joining its children), then the module's
    names cleared."""
    try:
        threads.exit_threads()
    except BaseException:
        pass
    atexit._run_exitfuncs()
    _clear_globals(namespace)


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
        # As python3 words it (on stderr, exit code 1), with the line the editor marks. Nothing
        # ran: no lanes, no events.
        text = "".join(traceback.format_exception_only(type(e), e)).rstrip("\n")
        sys.stderr.write(text + "\n")
        sys.stderr.flush()
        REC.meta("error-line", str(e.lineno or 0))
        REC.meta("error-column", str(e.offset or 0))
        REC.meta("stderr", text)
        REC.meta("error", f"{type(e).__name__}: {e.msg} ({os.path.basename(path)}, line {e.lineno})")
        REC.end()
        REC.flush()
        return 1

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
    threads.install(REC, MODULE_LANE)
    processes.install(REC, MODULE_LANE)
    signal.signal(signal.SIGTERM, _terminated)
    if time_limit:
        _time_limit(time_limit)
    global _run_pid
    _run_pid = os.getpid()
    os._exit = _traced_os_exit

    # python3 runs the script's module as the first frame; here the tracer's frames lie below it:
    # the recursion limit is raised by as many, so a RecursionError comes at python3's depth.
    depth, frame = 0, sys._getframe()
    while frame is not None:
        depth, frame = depth + 1, frame.f_back
    tracebacks.hide_stack(sys._getframe())
    sys.setrecursionlimit(sys.getrecursionlimit() + depth + aio.VERSION.FACTS.recursion_c_calls)

    status = 0
    interrupted = False
    try:
        try:
            exec(code, module.__dict__)
        except rec_mod.BudgetExceeded:
            raise
        except SystemExit as e:
            code_ = e.code
            if code_ is None or code_ == 0:
                status = 0
            else:
                if not isinstance(code_, int):
                    sys.stderr.write(str(code_) + "\n")   # as python3: the message, exit code 1
                REC.event(rec_mod.ERROR, MODULE_LANE, rec_mod.NO_EVENT, describe(e))
                REC.meta("exit-code", str(code_ if isinstance(code_, int) else 1))
                status = code_ if isinstance(code_, int) else 1
        except BaseException as e:
            # python3 prints the traceback before it waits for the script's threads.
            err = REC.event(rec_mod.ERROR, MODULE_LANE, rec_mod.NO_EVENT, describe(e), hooks.error_location(e))
            REC.event(rec_mod.FAULT, MODULE_LANE, err, describe(e))
            text = _traceback_text(e)
            if text is not None:
                sys.stderr.write(text + "\n")
            _stderr.flush_report()
            REC.meta("error", describe(e))
            status = 1
            interrupted = isinstance(e, KeyboardInterrupt)
        _exit_as_python3(module.__dict__)
        if status == 0:
            REC.event(rec_mod.DONE, MODULE_LANE, rec_mod.NO_EVENT, "None")
    except rec_mod.BudgetExceeded:
        _budget_spent()

    signal.setitimer(signal.ITIMER_REAL, 0)
    _finish("ok" if status == 0 else "error")
    if interrupted:
        # As python3 ends on an uncaught KeyboardInterrupt: killed by SIGINT (a shell shows 130).
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
    return status
