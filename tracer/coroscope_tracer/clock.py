"""The run's clock for the script's own time calls.

On the virtual clock, time.time() / monotonic() / perf_counter() read the run's clock (so a script
that prints how long it took prints what python3 prints, 2.0 s for a sleep(2)), and time.sleep() in
the thread running the loop moves it: a blocking call stalls the loop, recorded as a Clock event on
the lane that blocks, as the C++ runtime's time::sleep does. Other threads sleep for real, and so do
libraries: only the script's own time.sleep() is its blocking call.
"""

import sys
import threading
import time

from . import hooks
from . import recorder as rec_mod
from .reprs import arg_text

_real_sleep = time.sleep
_real_monotonic = time.monotonic


def install(recorder, virtual):
    main = threading.main_thread()
    epoch = time.time()
    mono = time.monotonic()
    perf = time.perf_counter()

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
        if virtual and on_loop_thread:
            recorder.set_now(recorder.now + round(seconds * 1e9))
        else:
            if on_loop_thread:
                recorder.flush()   # what happened so far is shown while the script waits
            _real_sleep(seconds)
        if hooks.closed or (not on_loop_thread and not recorder.frames()):
            return
        lane, cause = recorder.current()
        recorder.event(rec_mod.CLOCK, lane, cause, f"time.sleep({arg_text(seconds)}) blocks", hooks.location(frame))

    time.sleep = blocking_sleep
    if not virtual:
        return

    def now():
        return recorder.now / 1e9

    time.time = lambda: epoch + now()
    time.time_ns = lambda: int((epoch + now()) * 1e9)
    time.monotonic = lambda: mono + now()
    time.monotonic_ns = lambda: int((mono + now()) * 1e9)
    time.perf_counter = lambda: perf + now()
    time.perf_counter_ns = lambda: int((perf + now()) * 1e9)
