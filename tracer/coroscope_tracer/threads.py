"""threading.Thread: every thread of the script is a lane of its own, named as threading names it.

The main thread is the module's lane. A thread the script starts (`Thread(target=worker).start()`,
a `Timer`, a subclass with its own run()) gets a lane (kind `worker`, as the C++ runtime's executor
threads) when it starts: `start()` records a Submit on the starting lane ("start Thread-1
(worker)", at the line of the call), the lane is created with it as its cause, and the thread's
Start names it too. On the thread's lane: what it prints, the generators it drives, its blocking
calls, then Done, or Error with the exception (threading's excepthook prints the traceback as
python3 does: the thread's own frames are threading's, untouched). `t.join()` in the script
suspends the joining lane on "Thread-1 (worker).join()" until the thread's end, which causes the
resume.

Threads that library code starts (an executor's manager thread, a queue's feeder) get a lane only
when they record something (a print from a function a pool runs), named the same way.

At the end of the script, exit() does what python3 does at exit, in its order: threading's exit
callbacks (concurrent.futures joins its idle workers there), the non-daemon threads joined (the
module's lane waits for them), then the atexit callbacks. Daemon threads are left running; nothing
they record after the end reaches the stream.

While any thread started here is alive, the recorder takes its lock for every event; with the
main thread alone again, it is back to its unlocked path.
"""

import collections
import queue
import sys
import threading

from . import hooks
from . import recorder as rec_mod
from .hooks import location
from .reprs import arg_text, describe, safe_repr

REC = None
MODULE_LANE = 0

_Thread = threading.Thread
_orig_start = _Thread.start
_orig_bootstrap = _Thread._bootstrap
_orig_join = _Thread.join

_live = 0                   # threads started and not ended: the recorder is shared while > 0
_live_lock = threading.Lock()
_last_end = rec_mod.NO_EVENT
_raw = 0                    # threads started below threading that recorded


def _enter():
    global _live
    with _live_lock:
        _live += 1
        REC.share()


def share_for_good():
    """A thread of the tracer's own, below threading, records from now on."""
    _enter()


def _leave():
    global _live
    with _live_lock:
        _live -= 1
        if _live == 0:
            REC.unshare()


def _start(self):
    """Thread.start: the lane first (the thread's first event names it), then the thread."""
    if hooks.closed or not getattr(self, "_initialized", False) or self._started.is_set():
        return _orig_start(self)   # (raises as threading does)
    lane = getattr(self, "_cs_lane", None)      # preset by the executor for its workers
    if lane is None:
        caller = sys._getframe(1)
        if caller.f_code.co_filename in hooks.USER_FILES:
            here, slice_ = REC.current()
            submit = REC.event(rec_mod.SUBMIT, here, slice_, f"start {self.name}", location(caller))
            self._cs_cause = submit
            self._cs_lane = lane = REC.lane(self.name, rec_mod.WORKER, parent=here, cause=submit)
        else:
            # For a lane made when it first records: what runs here now (without making this
            # thread a lane of its own, if it is a library's thread too).
            frames = REC.local.frames
            here = threading.current_thread()
            self._cs_parent = (frames[-1] if frames else
                               getattr(here, "_cs_parent", (MODULE_LANE, rec_mod.NO_EVENT)))
    self._cs_end = None
    invoke = self._invoke_excepthook
    self._invoke_excepthook = lambda thread: _excepthook(thread, invoke)
    self._cs_counted = True
    _enter()
    try:
        _orig_start(self)
    except BaseException as exc:
        self._cs_counted = False
        _leave()
        if lane is not None:
            self._cs_end = REC.event(rec_mod.ERROR, lane, rec_mod.NO_EVENT, describe(exc))
        raise


def _bootstrap(self):
    """The thread's own first and last frame (Thread._bootstrap, around threading's)."""
    try:
        lane = getattr(self, "_cs_lane", None)
        if lane is not None and not hooks.closed:
            start = REC.event(rec_mod.START, lane, self._cs_cause)
            REC.local.frames.append((lane, start))
        _orig_bootstrap(self)
    finally:
        _end(self, rec_mod.DONE, "None")
        if getattr(self, "_cs_counted", False):
            _leave()


def _end(thread, kind, detail, loc=0):
    global _last_end
    lane = getattr(thread, "_cs_lane", None)
    if lane is None or getattr(thread, "_cs_end", None) is not None or hooks.closed:
        return
    thread._cs_end = _last_end = REC.event(kind, lane, rec_mod.NO_EVENT, detail, loc)


def _excepthook(thread, invoke):
    """An exception left the thread's run(): its Error, then threading's excepthook prints it."""
    exc = sys.exc_info()[1]
    if isinstance(exc, SystemExit):
        _end(thread, rec_mod.DONE, describe(exc))
    else:
        _end(thread, rec_mod.ERROR, describe(exc), hooks.error_location(exc))
    try:
        return invoke(thread)
    finally:
        from . import stdio
        if stdio.STDERR is not None and not hooks.closed:
            stdio.STDERR.flush_report()   # the traceback is a report of its own, now


def _adopt():
    """A thread without a lane records: its lane now (a library's thread running the script's
    code), caused by what started it."""
    if hooks.closed:
        return      # (what it records now is dropped with the stream's end)
    global _raw
    thread = threading._active.get(threading.get_ident())
    if thread is None:
        # (_thread.start_new_thread: threading would call it Dummy-N if asked, from the counter
        # that numbers Thread-N too, so it is not asked)
        _raw += 1
        name, (parent, cause) = f"thread {_raw} (_thread)", (MODULE_LANE, rec_mod.NO_EVENT)
        _enter()       # (started below threading, its end is never seen: the lock stays)
    else:
        name = thread.name
        parent, cause = getattr(thread, "_cs_parent", (MODULE_LANE, rec_mod.NO_EVENT))
    if parent == rec_mod.NO_LANE:
        parent = MODULE_LANE
    lane = REC.lane(name, rec_mod.WORKER, parent=parent, cause=cause)
    start = REC.event(rec_mod.START, lane, cause)
    if thread is not None:
        thread._cs_lane = lane
        thread._cs_end = None
    REC.local.frames.append((lane, start))


def _join(self, timeout=None):
    """t.join() in the script: the joining lane waits for the thread's end."""
    lane = getattr(self, "_cs_lane", None)
    caller = sys._getframe(1)
    if (lane is None or hooks.closed or self._cs_end is not None or self is threading.current_thread()
            or not self._started.is_set() or caller.f_code.co_filename not in hooks.USER_FILES):
        return _orig_join(self, timeout)
    here = REC.current_lane()
    label = f"{self.name}.join()" if timeout is None else f"{self.name}.join({arg_text(timeout)})"
    REC.event(rec_mod.SUSPEND, here, rec_mod.NO_EVENT, label, location(caller))
    try:
        _orig_join(self, timeout)
    finally:
        end = self._cs_end
        resume = REC.event(rec_mod.RESUME, here, end if end is not None else rec_mod.NO_EVENT, "None")
        frames = REC.local.frames
        if frames and frames[-1][0] == here:
            frames[-1] = (here, resume)


# -- queue.Queue: work passed between threads ------------------------------------------------------

_queue_get = queue.Queue.get
_queue_put = queue.Queue._put
_queue_take = queue.Queue._get
_got = threading.local()     # the Submit of the put whose item this thread's get() took


def _q_put(self, item):
    """Queue._put (under the queue's lock): a put that a waiting thread will take is a hand-over,
    recorded on the putting lane; its Submit causes the taker's resume."""
    ev = rec_mod.NO_EVENT
    if getattr(self, "_cs_waiting", 0) and not hooks.closed:
        frames = REC.local.frames
        if frames:
            caller = hooks.user_frame(sys._getframe(2))
            ev = REC.event(rec_mod.SUBMIT, frames[-1][0], frames[-1][1], f"Queue.put({arg_text(item)})",
                           location(caller))
    puts = self.__dict__.get("_cs_puts")
    if puts is None:
        puts = self._cs_puts = collections.deque()
    puts.append(ev)
    _queue_put(self, item)


def _q_take(self):
    item = _queue_take(self)
    puts = self.__dict__.get("_cs_puts")
    _got.cause = puts.popleft() if puts else rec_mod.NO_EVENT
    return item


def _q_get(self, block=True, timeout=None):
    """q.get() in the script, in a thread with a lane, when the queue is empty: the lane waits on
    "Queue.get()" until an item comes (the put that brought it causes the resume)."""
    caller = sys._getframe(1)
    if (not block or hooks.closed or self._qsize() or caller.f_code.co_filename not in hooks.USER_FILES
            or not REC.local.frames):
        return _queue_get(self, block, timeout)
    here = REC.local.frames[-1][0]
    with self.mutex:
        self._cs_waiting = getattr(self, "_cs_waiting", 0) + 1
    REC.event(rec_mod.SUSPEND, here, rec_mod.NO_EVENT, "Queue.get()", location(caller))
    _got.cause = rec_mod.NO_EVENT
    try:
        item = _queue_get(self, block, timeout)
    except BaseException as exc:
        detail, cause = "raised " + describe(exc), rec_mod.NO_EVENT
        raise
    else:
        detail, cause = safe_repr(item), _got.cause
        return item
    finally:
        with self.mutex:
            self._cs_waiting -= 1
        resume = REC.event(rec_mod.RESUME, here, cause, detail)
        frames = REC.local.frames
        if frames and frames[-1][0] == here:
            frames[-1] = (here, resume)


def exit_threads():
    """What python3 does when the main module ends (threading._shutdown): the callbacks registered
    with threading._register_atexit (concurrent.futures tells its idle workers to stop and joins
    them), then every non-daemon thread joined. The module's lane waits for those with a lane."""
    waited = [t for t in threading.enumerate()
              if t is not threading.main_thread() and not t.daemon and getattr(t, "_cs_lane", None) is not None
              and t._cs_end is None]
    if not waited or hooks.closed:
        threading._shutdown()
        return
    names = ", ".join(t.name for t in waited)
    REC.event(rec_mod.SUSPEND, MODULE_LANE, rec_mod.NO_EVENT, f"exit: join {names}")
    threading._shutdown()
    ends = [t._cs_end for t in waited if t._cs_end is not None]
    resume = REC.event(rec_mod.RESUME, MODULE_LANE, max(ends) if ends else rec_mod.NO_EVENT, "None")
    frames = REC.local.frames
    if frames and frames[-1][0] == MODULE_LANE:
        frames[-1] = (MODULE_LANE, resume)


def install(recorder, module_lane):
    global REC, MODULE_LANE
    REC = recorder
    MODULE_LANE = module_lane
    recorder.adopt = _adopt
    _Thread.start = _start
    _Thread._bootstrap = _bootstrap
    _Thread.join = _join
    queue.Queue.get = _q_get
    queue.Queue._put = _q_put
    queue.Queue._get = _q_take
