"""asyncio's synchronisation primitives and 3.11's structured concurrency, observed where they act.

asyncio's own code runs unchanged; wrappers around its methods record what the C++ runtime's
Lock / Event / Condition / Semaphore / BoundedSemaphore / Barrier record (docs/trace-format.md,
"Synchronisation primitives"):

  - each primitive is named by kind in creation order ("Lock-1") and records `sync` events: created,
    acquire, wait, cancel, release, set, clear, notify, leave, trip, pass, reset, abort;
  - a release / set / notify is the cause of the wake-ups it schedules, so the arrow to a woken
    task starts there;
  - a future a task waits on is labelled with what made it ("Lock.acquire()", "Event.wait()");
  - awaiting one of these coroutines from the user's own code records Enter / Leave, as the C++
    port's coroutines of the same name do; asyncio calling them internally records nothing.

Primitives made inside another one (a Barrier's Condition and its Lock, a Queue's Event) record
nothing and lend their waiters the owner's label. TaskGroup keeps its tasks in insertion order (a
set in CPython, whose order follows memory addresses), so that an abort cancels them in the order
they were created, as the C++ runtime does.
"""

import functools
import sys

from asyncio import events, exceptions, locks, queues, tasks, threads

from . import hooks, labels, reprs, state
from . import recorder as rec_mod
from .awaits import nested_code, transparent
from .hooks import location
from .loop import FUTURE_LABELLERS, TracedLoop
from .reprs import describe, safe_repr

NO = -1
REC = None

_counters = {}
_owners = []          # labels of the primitives being built now (a Barrier's, a Queue's)


def _number(kind):
    n = _counters.get(kind, 0) + 1
    _counters[kind] = n
    return f"{kind}-{n}"


def _sync(prim, what, loc=0):
    name = getattr(prim, "_cs_name", None)
    if name is None or state.quiet:
        return NO
    return REC.event(rec_mod.SYNC, REC.current_lane(), NO, f"{name} {what}", loc)


class _CausedBy:
    """The wake-ups scheduled meanwhile name `ev` as their cause (a release, a set, a notify)."""

    __slots__ = ("ev", "loop", "previous")

    def __init__(self, ev):
        self.ev = ev
        self.loop = events._get_running_loop()

    def __enter__(self):
        if self.ev != NO and isinstance(self.loop, TracedLoop):
            self.previous = self.loop._cs_cause
            self.loop._cs_cause = self.ev
        else:
            self.loop = None

    def __exit__(self, *exc):
        if self.loop is not None:
            self.loop._cs_cause = self.previous


def _user_call(caller):
    return (not state.quiet and caller.f_code.co_filename in hooks.USER_FILES
            and caller.f_code not in hooks.STEP_CODES)


def _coroutine(orig, name, before=None, after=None, failed=None):
    """Wraps asyncio's coroutine method `orig`: Enter / Leave when the user's code awaits it, and
    the `before` / `after` / `failed` hooks around it (their order is the C++ port's)."""

    @functools.wraps(orig)
    async def wrapper(self, *args, **kwargs):
        caller = sys._getframe(1)
        inline = _user_call(caller)
        if inline:
            REC.event(rec_mod.ENTER, REC.current_lane(), NO, name, location(caller))
        state = before(self) if before else None
        try:
            result = await orig(self, *args, **kwargs)
        except BaseException as exc:
            if failed:
                failed(self, exc, state)
            if inline:
                REC.event(rec_mod.LEAVE, REC.current_lane(), NO, "raised " + describe(exc))
            raise
        if after:
            after(self, result, state)
        if inline:
            REC.event(rec_mod.LEAVE, REC.current_lane(), NO, safe_repr(result))
        return result

    return transparent(wrapper)


def _function(orig, name):
    """The same for a plain coroutine function of asyncio's (to_thread)."""

    @functools.wraps(orig)
    async def wrapper(*args, **kwargs):
        caller = sys._getframe(1)
        inline = _user_call(caller)
        if inline:
            REC.event(rec_mod.ENTER, REC.current_lane(), NO, name, location(caller))
        try:
            result = await orig(*args, **kwargs)
        except BaseException as exc:
            if inline:
                REC.event(rec_mod.LEAVE, REC.current_lane(), NO, "raised " + describe(exc))
            raise
        if inline:
            REC.event(rec_mod.LEAVE, REC.current_lane(), NO, safe_repr(result))
        return result

    return transparent(wrapper)


# -- construction: names, owners ------------------------------------------------------------------

def _named_init(cls, created):
    orig = cls.__init__

    @functools.wraps(orig)
    def __init__(self, *args, **kwargs):
        if _owners:
            self._cs_name = None
            self._cs_owner = _owners[-1]
            orig(self, *args, **kwargs)
            return
        self._cs_name = _number(type(self).__name__)
        orig(self, *args, **kwargs)
        _sync(self, created(self))

    cls.__init__ = __init__


def _owning_init(cls, label, created=None):
    """Primitives made while `cls` is built belong to it."""
    orig = cls.__init__

    @functools.wraps(orig)
    def __init__(self, *args, **kwargs):
        if created and not _owners:
            self._cs_name = _number(type(self).__name__)
        _owners.append(label)
        try:
            orig(self, *args, **kwargs)
        finally:
            _owners.pop()
        if created and getattr(self, "_cs_name", None):
            _sync(self, created(self))

    cls.__init__ = __init__


class _OrderedSet:
    """TaskGroup._tasks in insertion order: what CPython's set holds, iterated reproducibly."""

    __slots__ = ("_items",)

    def __init__(self):
        self._items = {}

    def add(self, item):
        self._items[item] = None

    def discard(self, item):
        self._items.pop(item, None)

    def __iter__(self):
        return iter(list(self._items))

    def __len__(self):
        return len(self._items)

    def __bool__(self):
        return bool(self._items)

    def __contains__(self, item):
        return item in self._items


# -- labels of the futures tasks wait on ----------------------------------------------------------

_ORIG = {}


def label_future(fut, caller):
    """Labels a future made by one of the primitives (called by TracedLoop.create_future) and
    records that the task is about to wait on it. False when `caller` is none of theirs."""
    code = caller.f_code
    key = _CODES.get(code)
    if key is None:
        return False
    self = caller.f_locals.get("self")
    owner = getattr(self, "_cs_owner", None)
    if key == "Lock.acquire":
        fut._cs_label = owner or "Lock.acquire()"
        _sync(self, "wait")
    elif key == "Semaphore.acquire":
        fut._cs_label = owner or f"{type(self).__name__}.acquire()"
        _sync(self, "wait")
    elif key == "Event.wait":
        fut._cs_label = owner or "Event.wait()"
        _sync(self, "wait")
    elif key == "Condition.wait":
        fut._cs_label = owner or "Condition.wait()"
        _sync(self, "wait")
    elif key == "TaskGroup.__aexit__":
        fut._cs_label = "TaskGroup.__aexit__()"
    elif key == "shield":
        inner = caller.f_locals.get("inner")
        fut._cs_label = (f"shield({labels.coroutine_name(inner.get_coro())})" if hasattr(inner, "_cs_lane")
                         else "shield(Future)")
    elif key == "Queue.get":
        # as_completed's queue: its _wait_for_one() is a frame or two up (past the get() wrapper)
        f = caller.f_back
        for _ in range(3):
            if f is None:
                break
            if f.f_code is _WAIT_FOR_ONE:
                fut._cs_label = "as_completed()"
                return True
            f = f.f_back
        fut._cs_label = "Queue.get (empty)"
    elif key == "Queue.put":
        fut._cs_label = "Queue.put (full)"
    return True


_CODES = {}
_WAIT_FOR_ONE = None    # the code of as_completed()'s _wait_for_one (install())


# -- the wrappers ---------------------------------------------------------------------------------

def _install_lock():
    Lock = locks.Lock
    _named_init(Lock, lambda self: "created")
    acquire = Lock.acquire
    _CODES[acquire.__code__] = "Lock.acquire"

    def failed(self, exc, state):
        if isinstance(exc, exceptions.CancelledError):
            _sync(self, "cancel")

    Lock.acquire = _coroutine(acquire, "acquire()", after=lambda self, r, s: _sync(self, "acquire"),
                              failed=failed)
    release = Lock.release

    @functools.wraps(release)
    def lock_release(self):
        if not self._locked or self._cs_name is None:
            return release(self)
        ev = _sync(self, "release", location(sys._getframe(1)))
        with _CausedBy(ev):
            return release(self)

    Lock.release = lock_release

    mixin = locks._ContextManagerMixin
    mixin.__aenter__ = _coroutine(mixin.__aenter__, "__aenter__()")
    mixin.__aexit__ = _coroutine(mixin.__aexit__, "__aexit__()")


def _install_event():
    Event = locks.Event
    _named_init(Event, lambda self: "created")
    wait = Event.wait
    _CODES[wait.__code__] = "Event.wait"
    Event.wait = _coroutine(wait, "wait()", before=lambda self: not self._value,
                            after=lambda self, r, waited: waited and _sync(self, "leave"),
                            failed=lambda self, e, waited: waited and _sync(self, "leave"))
    set_ = Event.set

    @functools.wraps(set_)
    def event_set(self):
        if self._value or self._cs_name is None:
            return set_(self)
        ev = _sync(self, "set", location(sys._getframe(1)))
        with _CausedBy(ev):
            return set_(self)

    Event.set = event_set
    clear = Event.clear

    @functools.wraps(clear)
    def event_clear(self):
        if self._value:
            _sync(self, "clear", location(sys._getframe(1)))
        return clear(self)

    Event.clear = event_clear


def _install_condition():
    Condition = locks.Condition
    orig_init = Condition.__init__

    @functools.wraps(orig_init)
    def __init__(self, *args, **kwargs):     # (lock=None; 3.10 refuses loop= with its own message)
        if _owners:
            self._cs_name = None
            self._cs_owner = _owners[-1]
            orig_init(self, *args, **kwargs)
            return
        self._cs_name = _number(type(self).__name__)
        orig_init(self, *args, **kwargs)
        _sync(self, f"created lock={self._lock._cs_name}")

    Condition.__init__ = __init__
    wait = Condition.wait
    _CODES[wait.__code__] = "Condition.wait"
    Condition.wait = _coroutine(wait, "wait()", before=lambda self: self.locked(),
                                after=lambda self, r, passed: passed and _sync(self, "leave"),
                                failed=lambda self, e, passed: passed and _sync(self, "leave"))
    Condition.wait_for = _coroutine(Condition.wait_for, "wait_for()")
    notify = Condition.notify

    @functools.wraps(notify)
    def condition_notify(self, n=1):
        if not self.locked() or self._cs_name is None:
            return notify(self, n)
        ev = _sync(self, f"notify n={n}", location(sys._getframe(1)))
        with _CausedBy(ev):
            return notify(self, n)

    Condition.notify = condition_notify


def _install_semaphore():
    Semaphore = locks.Semaphore
    _named_init(Semaphore, lambda self: f"created value={self._value}")
    acquire = Semaphore.acquire
    _CODES[acquire.__code__] = "Semaphore.acquire"

    def failed(self, exc, state):
        if isinstance(exc, exceptions.CancelledError):
            _sync(self, f"cancel value={self._value}")

    Semaphore.acquire = _coroutine(acquire, "acquire()",
                                   after=lambda self, r, s: _sync(self, f"acquire value={self._value}"),
                                   failed=failed)
    release = Semaphore.release

    @functools.wraps(release)
    def semaphore_release(self):
        bound = getattr(self, "_bound_value", None)
        if self._cs_name is None or (bound is not None and self._value >= bound):
            return release(self)
        hands_over = any(not w.done() for w in (self._waiters or ()))
        ev = _sync(self, f"release value={self._value + 1 - (1 if hands_over else 0)}",
                   location(sys._getframe(1)))
        with _CausedBy(ev):
            return release(self)

    Semaphore.release = semaphore_release


def _install_barrier():
    Barrier = locks.Barrier
    _owning_init(Barrier, "Barrier.wait()", created=lambda self: f"created parties={self._parties}")
    Barrier.wait = _coroutine(Barrier.wait, "wait()", before=lambda self: _sync(self, "wait"),
                              after=lambda self, index, s: _sync(self, f"pass index={index}"),
                              failed=lambda self, e, s: _sync(self, "leave"))
    Barrier.reset = _coroutine(Barrier.reset, "reset()", before=lambda self: _sync(self, "reset"))
    Barrier.abort = _coroutine(Barrier.abort, "abort()", before=lambda self: _sync(self, "abort"))
    Barrier.__aenter__ = _coroutine(Barrier.__aenter__, "__aenter__()")
    Barrier.__aexit__ = _coroutine(Barrier.__aexit__, "__aexit__()")
    release = Barrier._release

    @functools.wraps(release)
    async def barrier_release(self):
        # The last to arrive trips it: the waiters' wake-ups come from this event. (_release does
        # not suspend, so the cause cannot leak to other tasks.)
        ev = _sync(self, "trip")
        with _CausedBy(ev):
            return await release(self)

    Barrier._release = transparent(barrier_release)


def _install_queue():
    Queue = queues.Queue
    _owning_init(Queue, "Queue.join()")
    _CODES[Queue.get.__code__] = "Queue.get"
    _CODES[Queue.put.__code__] = "Queue.put"
    Queue.get = _coroutine(Queue.get, "get()")
    Queue.put = _coroutine(Queue.put, "put()")
    Queue.join = _coroutine(Queue.join, "join()")


def _install_taskgroup():
    from asyncio import taskgroups, timeouts
    TaskGroup = taskgroups.TaskGroup
    orig_init = TaskGroup.__init__

    @functools.wraps(orig_init)
    def taskgroup_init(self):
        orig_init(self)
        self._tasks = _OrderedSet()

    TaskGroup.__init__ = taskgroup_init
    _CODES[TaskGroup.__aexit__.__code__] = "TaskGroup.__aexit__"
    TaskGroup.__aenter__ = _coroutine(TaskGroup.__aenter__, "__aenter__()")
    TaskGroup.__aexit__ = _coroutine(TaskGroup.__aexit__, "__aexit__()")

    Timeout = timeouts.Timeout
    Timeout.__aenter__ = _coroutine(Timeout.__aenter__, "__aenter__()")
    Timeout.__aexit__ = _coroutine(Timeout.__aexit__, "__aexit__()")
    reprs.CUSTOM[Timeout] = labels.relative_when


def _install_structure():
    _CODES[tasks.shield.__code__] = "shield"
    to_thread = _function(threads.to_thread, "to_thread()")
    threads.to_thread = to_thread
    import asyncio
    asyncio.to_thread = to_thread


def install(recorder, facts):
    global REC, _WAIT_FOR_ONE
    REC = recorder
    _WAIT_FOR_ONE = (tasks._AsCompletedIterator._wait_for_one.__code__ if facts.as_completed_iterator
                     else nested_code(tasks.as_completed, "_wait_for_one"))
    _install_lock()
    _install_event()
    _install_condition()
    _install_semaphore()
    if facts.taskgroup:     # Barrier, TaskGroup and timeout() are 3.11's
        _install_barrier()
        _install_taskgroup()
    _install_queue()
    _install_structure()
    FUTURE_LABELLERS.append(label_future)
