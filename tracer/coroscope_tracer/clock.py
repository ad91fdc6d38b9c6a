"""The run's clock, as every clock reading of the script sees it.

On the virtual clock the loop jumps to its next timer when nothing is ready, so a `sleep(2)` costs
microseconds and two runs are identical. It must change nothing else: python3 runs on the real
clock, so wherever real time would order things, the virtual clock follows real time.

- Every reading of the time follows the one clock, from the real moment the run began:
  time.time() / monotonic() / perf_counter() and their _ns forms, localtime() / gmtime() / ctime() /
  asctime() / strftime() without a time, datetime.now() / utcnow() / today() and date.today().
- time.sleep() in the loop's thread moves the clock (a blocking call stalls the loop, recorded as a
  Clock event on the lane that blocks, as the C++ runtime's time::sleep does). Other threads, and
  libraries, sleep for real.
- While real work runs outside the loop's thread (a thread of the script's, an executor job), time is
  real: the clock follows the real time that passes, and time.sleep() in the loop's thread waits
  for real, so a spinner thread draws as many frames as under python3.
- A busy wait on the clock (`while time.time() < deadline: await asyncio.sleep(0)`) would never end
  on a clock that only jumps when the loop is idle: once the script reads the clock SPIN_READS times
  at one instant, the clock follows real time until something else moves it (a timer's jump, a
  sleep). A run that reads the clock less often stays byte-identical from run to run.
"""

import ctypes
import datetime
import gc
import sys
import threading
import time
import warnings

from . import hooks
from . import recorder as rec_mod
from .reprs import arg_text

SPIN_READS = 1000

_real_sleep = time.sleep
_real_monotonic_ns = time.monotonic_ns
_real = {name: getattr(time, name) for name in (
    "time", "time_ns", "monotonic", "monotonic_ns", "perf_counter", "perf_counter_ns",
    "localtime", "gmtime", "ctime", "asctime", "strftime")}

REC = None
_outside = []           # predicates: is real work running outside the loop's thread?
_following = None       # None, "outside" (real work runs) or "spin" (the script spins on the clock)
_last_real = None       # the real instant (ns) the clock last caught up with, while it follows
_spin_at = None         # the virtual instant the script's reads are counted at
_spin_reads = 0


def on_outside_work(predicate):
    """Registers a predicate telling whether real work runs outside the loop's thread (the script's
    threads, an executor's jobs); while one says so, the clock follows real time."""
    _outside.append(predicate)


def outside_work():
    for predicate in _outside:
        if predicate():
            return True
    return False


def script_threads_alive():
    """A thread of the script's other than the one asking is alive (the loop may run in a thread of
    its own while the main thread waits; the tracer's idle executor workers do not count)."""
    me = threading.current_thread()
    for t in list(threading._active.values()):
        if t is not me and not getattr(t, "_cs_worker", False):
            return True
    return False


def follow(mode="outside"):
    """The clock follows real time: moved on by the real time that passed since it last caught up
    (the first call only starts following)."""
    global _following, _last_real
    real = _real_monotonic_ns()
    if _following is not None and real > _last_real:
        REC.set_now(REC.now + (real - _last_real))
    _following = mode
    _last_real = real


def settle():
    """Real work outside the loop is over: the clock stops following real time."""
    global _following
    if _following == "outside":
        _following = None


def now_ns():
    """The clock as the script reads it, in ns since the run began: virtual, following real time
    while real work runs outside the loop or while the script spins on the clock."""
    global _spin_at, _spin_reads, _following
    if REC.real_clock:
        return REC.real_now()
    if outside_work():
        follow("outside")
        return REC.now
    settle()
    now = REC.now
    if now != _spin_at:
        # Moved since the last read by a jump or a sleep: count afresh.
        _spin_at = now
        _spin_reads = 0
        if _following == "spin":
            _following = None
    _spin_reads += 1
    if _spin_reads >= SPIN_READS:
        follow("spin")
        _spin_at = REC.now
    return REC.now


def _patch_type(tp, name, value):
    """Sets an attribute of a C type (datetime's classes are immutable): its dict is reached through
    the mappingproxy and the type's method cache invalidated, as if the type had been built so."""
    gc.get_referents(tp.__dict__)[0][name] = value
    ctypes.pythonapi.PyType_Modified(ctypes.py_object(tp))


def install(recorder, virtual):
    global REC
    REC = recorder
    main = threading.main_thread()
    on_outside_work(script_threads_alive)

    def blocking_sleep(seconds):
        seconds = float(seconds) if not isinstance(seconds, (int, float)) else seconds
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        caller = sys._getframe(1)
        if caller.f_code.co_filename not in hooks.USER_FILES:
            # A library's own wait (subprocess polling, a retry loop): real time, and not the
            # script's blocking call to show.
            return _real_sleep(seconds)
        frame = caller
        on_loop_thread = threading.current_thread() is main
        if virtual and on_loop_thread and not outside_work():
            settle()
            recorder.set_now(recorder.now + round(seconds * 1e9))
        else:
            if on_loop_thread:
                recorder.flush()   # what happened so far is shown while the script waits
                if virtual:
                    follow()
            _real_sleep(seconds)
            if on_loop_thread and virtual:
                follow()
        if hooks.closed or (not on_loop_thread and not recorder.frames()):
            return
        lane, cause = recorder.current()
        recorder.event(rec_mod.CLOCK, lane, cause, f"time.sleep({arg_text(seconds)}) blocks", hooks.location(frame))

    blocking_sleep.__name__ = blocking_sleep.__qualname__ = "sleep"
    time.sleep = blocking_sleep
    if not virtual:
        return

    # The run's wall clock starts at the real moment the run began.
    epoch_ns = _real["time_ns"]()
    mono_ns = recorder.real_start_ns    # as the loop's time() starts
    perf_ns = _real["perf_counter_ns"]()

    def wall():
        return (epoch_ns + now_ns()) / 1e9

    time.time = wall
    time.time_ns = lambda: epoch_ns + now_ns()
    time.monotonic = lambda: (mono_ns + now_ns()) / 1e9
    time.monotonic_ns = lambda: mono_ns + now_ns()
    time.perf_counter = lambda: (perf_ns + now_ns()) / 1e9
    time.perf_counter_ns = lambda: perf_ns + now_ns()

    localtime, gmtime, ctime = _real["localtime"], _real["gmtime"], _real["ctime"]
    asctime, strftime = _real["asctime"], _real["strftime"]
    time.localtime = lambda secs=None: localtime(wall() if secs is None else secs)
    time.gmtime = lambda secs=None: gmtime(wall() if secs is None else secs)
    time.ctime = lambda secs=None: ctime(wall() if secs is None else secs)
    time.asctime = lambda t=None: asctime(localtime(wall()) if t is None else t)
    time.strftime = lambda fmt, t=None: strftime(fmt, localtime(wall()) if t is None else t)
    for name in _real:      # named as the time module names them
        getattr(time, name).__name__ = getattr(time, name).__qualname__ = name

    def now(cls, tz=None):
        return cls.fromtimestamp(wall(), tz)

    def utcnow(cls):
        if sys.version_info >= (3, 12):
            warnings.warn("datetime.datetime.utcnow() is deprecated and scheduled for removal in a future "
                          "version. Use timezone-aware objects to represent datetimes in UTC: "
                          "datetime.datetime.now(datetime.UTC).", DeprecationWarning, stacklevel=2)
        return cls.fromtimestamp(wall(), datetime.timezone.utc).replace(tzinfo=None)

    def today(cls):
        return cls.fromtimestamp(wall())

    try:
        _patch_type(datetime.datetime, "now", classmethod(now))
        _patch_type(datetime.datetime, "utcnow", classmethod(utcnow))
        _patch_type(datetime.date, "today", classmethod(today))
    except Exception:   # an interpreter whose types cannot be patched: datetime reads the real clock
        pass
