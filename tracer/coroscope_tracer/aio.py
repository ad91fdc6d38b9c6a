"""asyncio, hooked where it acts: a traced Task, traced futures and a traced event loop.

The loop is asyncio's own SelectorEventLoop with _run_once written out as 3.11 has it (the same
heap, the same ready deque, the same order) plus the recording and a virtual clock: when nothing is
ready and no real I/O, thread or subprocess is outstanding, time jumps to the next timer. The Task is
asyncio's pure-Python Task (the reference for the C one) with __step written out as 3.11 has it, so
that the start / resume / suspend / done of each step are recorded where they happen.
"""

import asyncio
import contextvars
import functools
import heapq
import sys
import threading
import types
from time import monotonic as _monotonic  # the real clock: clock.install() replaces time.monotonic
from asyncio import base_events, events, exceptions, format_helpers, futures, runners, tasks, unix_events

from . import hooks
from . import recorder as rec_mod
from .hooks import location, user_frame
from .reprs import arg_text, describe, safe_repr

REC = None
NO = rec_mod.NO_EVENT
_START, _RESUME, _SUSPEND, _SCHEDULE = rec_mod.START, rec_mod.RESUME, rec_mod.SUSPEND, rec_mod.SCHEDULE
_PENDING = futures._PENDING

_PyTask = tasks._PyTask
_PyFuture = futures._PyFuture
_WAKEUP = _PyTask._Task__wakeup


def _nested_code(fn, name):
    for const in fn.__code__.co_consts:
        if isinstance(const, types.CodeType) and const.co_name == name:
            return const
    raise RuntimeError(f"asyncio internals changed: {fn.__qualname__} has no {name}")


_GATHER_DONE = _nested_code(tasks.gather, "_done_callback")
_WAIT_DONE = _nested_code(tasks._wait, "_on_completion")
_SLEEP_CODE = tasks.sleep.__code__
# tasks.__sleep0, the bare yield of sleep(0), by its module-level name.
_SLEEP0_CODE = vars(tasks)["__sleep0"].__code__
_FUTURE_AWAIT = _PyFuture.__await__.__code__
# Awaitables in C++, not coroutines: never the place a task is shown waiting at. By id: hashing a
# code object hashes its bytecode and constants, on every lookup.
_TRANSPARENT = {id(_SLEEP_CODE), id(_SLEEP0_CODE), id(_FUTURE_AWAIT)}

quiet = False               # asyncio.run's teardown (shutdown_asyncgens, ...): nothing is recorded


# -- names and labels -------------------------------------------------------------------------------

def coroutine_name(coro):
    name = getattr(coro, "__name__", None) or type(coro).__name__
    return name + "()"


def callable_name(fn, args):
    """How a plain callback reads in the ready queue: report('x'), as Python's Handle shows it."""
    target = fn.func if isinstance(fn, functools.partial) else fn
    if isinstance(fn, functools.partial):
        args = tuple(fn.args) + tuple(args)
    name = getattr(target, "__name__", None) or type(target).__name__
    return f"{name}({', '.join(arg_text(a) for a in args)})"


def task_label(task):
    lane = getattr(task, "_cs_lane", None)
    if lane is not None:
        return REC.lane_name(lane)
    return f"{task.get_name()} {coroutine_name(task.get_coro())}"


def future_label(fut):
    """What a task waiting on `fut` shows: sleep(2), Task-2 task1(), gather(task1(), task2())."""
    label = getattr(fut, "_cs_label", None)
    if label is not None:
        return label
    if isinstance(fut, TracedTask):
        return task_label(fut)
    children = getattr(fut, "_children", None)
    if children is not None:
        names = [coroutine_name(c.get_coro()) if isinstance(c, TracedTask) else "Future" for c in children]
        return f"gather({', '.join(names)})"
    return "Future"


def result_repr(fut):
    """What the awaiting frame receives from a done future: its result's repr or its exception's."""
    try:
        if fut.cancelled():
            return safe_repr(fut._make_cancelled_error()) if hasattr(fut, "_make_cancelled_error") \
                else "CancelledError()"
        exc = fut.exception()
        return safe_repr(exc) if exc is not None else safe_repr(fut.result())
    except BaseException:
        return "?"


_CoroutineType = types.CoroutineType
_GeneratorType = types.GeneratorType
_AsyncGeneratorType = types.AsyncGeneratorType


def _chain_objects(task):
    """The coroutines and generators of a suspended task's await chain, outermost first."""
    objs = []
    obj = task._coro
    for _ in range(64):
        t = type(obj)
        # (Suspended, not frame-is-None: reading cr_frame would build a frame object for every
        # fresh sleep() coroutine, on every switch.)
        if t is _CoroutineType:
            if not obj.cr_suspended:
                break
            objs.append(obj)
            obj = obj.cr_await
        elif t is _GeneratorType:
            if not obj.gi_suspended:
                break
            objs.append(obj)
            obj = obj.gi_yieldfrom
        elif t is _AsyncGeneratorType:
            if obj.ag_frame is None:
                break
            objs.append(obj)
            obj = obj.ag_await
        elif obj is None:
            break
        else:
            # An async generator's asend() hides the generator: the one running on this lane.
            agen = hooks.running_async_generator(getattr(task, "_cs_lane", None))
            if agen is None or agen in objs:
                break
            obj = agen
    return objs


def _code(obj):
    t = type(obj)
    return obj.cr_code if t is _CoroutineType else obj.gi_code if t is _GeneratorType else obj.ag_code


def _frame(obj):
    t = type(obj)
    return obj.cr_frame if t is _CoroutineType else obj.gi_frame if t is _GeneratorType else obj.ag_frame


def await_chain(task):
    """The frames of a suspended task's await chain, outermost first."""
    return [_frame(o) for o in _chain_objects(task)]


_where = {}   # (id of code, instruction offset) -> location id: a line computed once per place


def suspension(task, result):
    """(label, location) of a task that just yielded `result` to its step: where the innermost
    coroutine that is not one of asyncio's awaitables waits, and on what. One walk down the await
    chain, touching only the frame that is shown (reading a fresh coroutine's frame would build a
    frame object on every switch); the hot path of every sleep(0)."""
    obj = task._coro
    inner = None        # the innermost coroutine or generator shown as waiting
    first = None        # the outermost one (asyncio's own, when nothing else is there)
    last_code = None    # the innermost one's code (sleep(0)'s bare yield?)
    for _ in range(64):
        t = type(obj)
        if t is _CoroutineType:
            if not obj.cr_suspended:
                break
            code = obj.cr_code
            nxt = obj.cr_await
        elif t is _GeneratorType:
            if not obj.gi_suspended:
                break
            code = obj.gi_code
            nxt = obj.gi_yieldfrom
        elif t is _AsyncGeneratorType:
            if obj.ag_frame is None:
                break
            code = obj.ag_code
            nxt = obj.ag_await
        elif obj is None:
            break
        else:
            # An async generator's asend() hides the generator: the one running on this lane.
            agen = hooks.running_async_generator(getattr(task, "_cs_lane", None))
            if agen is None or agen is inner or agen is first:
                break
            obj = agen
            continue
        if first is None:
            first = obj
        if id(code) not in _TRANSPARENT:
            inner = obj
        last_code = code
        obj = nxt
    shown = inner if inner is not None else first
    loc = 0
    if shown is not None:
        frame = _frame(shown)
        key = (id(frame.f_code), frame.f_lasti)
        loc = _where.get(key)
        if loc is None:
            loc = _where[key] = REC.location(frame.f_code.co_filename, frame.f_lineno)
    if result is None:
        return ("sleep(0)" if last_code is _SLEEP0_CODE else "yield None"), loc
    return future_label(result), loc


# -- futures and tasks ------------------------------------------------------------------------------

class TracedFuture(_PyFuture):
    """loop.create_future(): asyncio's pure-Python Future, labelled by what made it."""

    _cs_label = None
    _cs_role = None


class TracedTask(_PyTask):
    """asyncio's pure-Python Task with its step recorded (3.11's __step, written out)."""

    _cs_lane = None
    _cs_started = False
    _cs_hidden = False

    def _Task__step(self, exc=None):
        if self._state != _PENDING:
            raise exceptions.InvalidStateError(f'_step(): already done: {self!r}, {exc!r}')
        loop = self._loop
        record = self._cs_lane is not None and not self._cs_hidden and not quiet
        waited = self._fut_waiter
        if self._must_cancel:
            if not isinstance(exc, exceptions.CancelledError):
                exc = self._make_cancelled_error()
            self._must_cancel = False
        coro = self._coro
        self._fut_waiter = None

        frames = None
        if record:
            lane = self._cs_lane
            cause = loop._cs_running
            if not self._cs_started:
                self._cs_started = True
                ev = REC.event(_START, lane, cause)
            else:
                if exc is not None:
                    detail = safe_repr(exc)
                elif waited is not None:
                    detail = result_repr(waited)
                else:
                    detail = "None"
                ev = REC.event(_RESUME, lane, cause, detail)
            frames = REC.local.frames
            frames.append((lane, ev))
            depth = len(frames)

        tasks._enter_task(loop, self)
        try:
            try:
                if exc is None:
                    result = coro.send(None)
                else:
                    result = coro.throw(exc)
            finally:
                if frames is not None:
                    del frames[depth - 1:]
        except StopIteration as exc:
            if self._must_cancel:
                self._must_cancel = False
                _PyFuture.cancel(self, msg=self._cancel_message)
            else:
                _PyFuture.set_result(self, exc.value)
        except exceptions.CancelledError as exc:
            self._cancelled_exc = exc
            _PyFuture.cancel(self)  # I.e., Future.cancel(self).
        except (KeyboardInterrupt, SystemExit) as exc:
            _PyFuture.set_exception(self, exc)
            raise
        except BaseException as exc:
            _PyFuture.set_exception(self, exc)
        else:
            if record:
                label, loc = suspension(self, result)
                REC.event(_SUSPEND, self._cs_lane, NO, label, loc)
            blocking = getattr(result, '_asyncio_future_blocking', None)
            if blocking is not None:
                if futures._get_loop(result) is not loop:
                    new_exc = RuntimeError(f'Task {self!r} got Future {result!r} attached to a different loop')
                    loop.call_soon(self._Task__step, new_exc, context=self._context)
                elif blocking:
                    if result is self:
                        new_exc = RuntimeError(f'Task cannot await on itself: {self!r}')
                        loop.call_soon(self._Task__step, new_exc, context=self._context)
                    else:
                        result._asyncio_future_blocking = False
                        result.add_done_callback(self._Task__wakeup, context=self._context)
                        self._fut_waiter = result
                        if self._must_cancel:
                            if self._fut_waiter.cancel(msg=self._cancel_message):
                                self._must_cancel = False
                else:
                    new_exc = RuntimeError(f'yield was used instead of yield from in task {self!r} with {result!r}')
                    loop.call_soon(self._Task__step, new_exc, context=self._context)
            elif result is None:
                loop._cs_step_soon(self)
            elif types.GeneratorType is type(result):
                new_exc = RuntimeError(f'yield was used instead of yield from for generator in task {self!r} '
                                       f'with {result!r}')
                loop.call_soon(self._Task__step, new_exc, context=self._context)
            else:
                new_exc = RuntimeError(f'Task got bad yield: {result!r}')
                loop.call_soon(self._Task__step, new_exc, context=self._context)
        finally:
            tasks._leave_task(loop, self)
            self = None

    def _Future__schedule_callbacks(self):
        # The task has just finished: record how, then its done callbacks are scheduled with that
        # event as their cause (as the C++ FutureBase::finish does).
        loop = self._loop
        if self._cs_lane is None or self._cs_hidden or quiet:
            return super()._Future__schedule_callbacks()
        if self._state == futures._CANCELLED:
            ev = REC.event(rec_mod.CANCEL, self._cs_lane, NO, "CancelledError")
        elif self._exception is not None:
            ev = REC.event(rec_mod.ERROR, self._cs_lane, NO, describe(self._exception),
                           hooks.error_location(self._exception))
        else:
            ev = REC.event(rec_mod.DONE, self._cs_lane, NO, safe_repr(self._result))
        self._cs_done = ev
        previous = loop._cs_cause
        loop._cs_cause = ev
        try:
            super()._Future__schedule_callbacks()
        finally:
            loop._cs_cause = previous

    def set_name(self, value):
        super().set_name(value)
        if self._cs_lane is not None and not self._cs_hidden:
            name = f"{self._name} {coroutine_name(self._coro)}"
            if name != REC.lane_name(self._cs_lane):
                REC.rename(self._cs_lane, name)


# repr() and type() show them as asyncio's: <Task pending name='Task-1' ...>, <Future finished ...>.
TracedTask.__name__ = TracedTask.__qualname__ = "Task"
TracedFuture.__name__ = TracedFuture.__qualname__ = "Future"

_STEP = TracedTask._Task__step
hooks.STEP_CODES.add(id(_STEP.__code__))


def _task_factory(loop, coro, *, context=None):
    return TracedTask(coro, loop=loop, context=context)


# -- handles --------------------------------------------------------------------------------------

class TracedHandle(events.Handle):
    # The Schedule event that queued it, its name, and whether it steps a task (the task's step
    # records its own Start / Resume; a plain callback gets a Callback event).
    __slots__ = ("_cs_seq", "_cs_name", "_cs_task")


def _new_handle(loop, callback, args, context):
    """events.Handle(callback, args, loop, context) without its __init__'s calls (3.11's fields)."""
    h = _HANDLE_NEW(TracedHandle)
    h._context = contextvars.copy_context() if context is None else context
    h._loop = loop
    h._callback = callback
    h._args = args
    h._cancelled = False
    h._repr = None
    h._source_traceback = format_helpers.extract_stack(sys._getframe(2)) if loop._debug else None
    return h


_HANDLE_NEW = TracedHandle.__new__


class TracedTimerHandle(events.TimerHandle):
    __slots__ = ("_cs_seq", "_cs_arm", "_cs_name")


# -- the loop -------------------------------------------------------------------------------------

class TracedLoop(unix_events.SelectorEventLoop):
    """asyncio's selector loop, recorded, on the run's clock."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._cs_running = NO         # the Schedule / TimerFire event of the handle running now
        self._cs_cause = None         # overrides the cause of what is scheduled now (a task's end)
        self._cs_name = None          # the name create_task() was given, for the lane
        self._cs_main = None          # the task asyncio.run() runs
        self._cs_capture = False
        self._cs_io = {}              # id(handle) -> (its Schedule event, name), for I/O handles
        self._cs_lane = REC.lane("event loop", rec_mod.LOOP)
        self.set_task_factory(_task_factory)

    # clock
    def time(self):
        if REC.real_clock:
            return REC.real_now() / 1e9
        return REC.now / 1e9

    # tasks
    def create_task(self, coro, *, name=None, context=None):
        self._cs_name = name
        try:
            task = super().create_task(coro, name=name, context=context)
        finally:
            self._cs_name = None
        if self._cs_capture:
            self._cs_capture = False
            self._cs_main = task
        return task

    def create_future(self):
        fut = TracedFuture(loop=self)
        caller = sys._getframe(1)
        code = caller.f_code
        if code is _SLEEP_CODE:
            fut._cs_label = f"sleep({arg_text(caller.f_locals.get('delay'))})"
        elif code is tasks.wait_for.__code__ or code is _ORIGINALS.get("wait_for"):
            inner = caller.f_locals.get("fut")
            what = coroutine_name(inner.get_coro()) if isinstance(inner, TracedTask) else coroutine_name(inner)
            fut._cs_label = f"wait_for({what}, timeout={arg_text(caller.f_locals.get('timeout'))})"
            fut._cs_role = "wait_for"
        elif code is tasks._wait.__code__:
            fut._cs_label = "wait(...)"
            fut._cs_role = "wait"
        elif code is _ORIGINALS.get("_cancel_and_wait"):
            inner = caller.f_locals.get("fut")
            fut._cs_label = "cancelling " + (task_label(inner) if isinstance(inner, TracedTask) else "Future")
            fut._cs_role = "cancel_and_wait"
        else:
            from . import sync
            sync.label_future(fut, caller)
        return fut

    # the ready queue
    def _classify(self, callback, args):
        """(lane, name) of a callback entering the ready queue."""
        fn = getattr(callback, "__func__", None)
        if fn is _STEP or fn is _WAKEUP:
            task = callback.__self__
            if task._cs_lane is None and not task._cs_hidden:
                self._new_task_lane(task)
            if task._cs_hidden:
                return None, None
            return task._cs_lane, "step" if fn is _STEP else "wakeup"
        if callback is base_events._run_until_complete_cb:
            return self._cs_lane, "stop loop"
        code = getattr(callback, "__code__", None)
        if code is _GATHER_DONE:
            return self._cs_lane, "gather: child done"
        if code is _WAIT_DONE:
            return self._cs_lane, "wait: on completion"
        if isinstance(callback, functools.partial) and callback.func is tasks._release_waiter and callback.args:
            role = getattr(callback.args[0], "_cs_role", None)
            if role == "wait_for":
                return self._cs_lane, "wait_for: done"
            if role == "cancel_and_wait":
                return self._cs_lane, "wait_for: cancelled"
        return self._cs_lane, callable_name(callback, args)

    def _new_task_lane(self, task):
        if quiet:
            task._cs_hidden = True
            return
        if self._cs_name is not None:
            task._name = str(self._cs_name)   # as the C Task: the number is used up, the name given
        task._cs_lane = REC.lane(f"{task._name} {coroutine_name(task._coro)}", rec_mod.TASK)

    def _call_soon(self, callback, args, context):
        handle = _new_handle(self, callback, args, context)
        handle._cs_seq = NO
        handle._cs_name = None
        fn = getattr(callback, "__func__", None)
        handle._cs_task = fn is _STEP or fn is _WAKEUP
        if not quiet:
            lane, name = self._classify(callback, args)
            if lane is not None:
                cause = self._cs_cause if self._cs_cause is not None else REC.current_slice()
                handle._cs_seq = REC.event(rec_mod.SCHEDULE, lane, cause, name)
                handle._cs_name = name
        self._ready.append(handle)
        return handle

    def _cs_step_soon(self, task):
        """call_soon(task.__step) from the task's own step (a bare yield): the hot path of every
        sleep(0), without call_soon's dispatch."""
        if self._closed:
            raise RuntimeError('Event loop is closed')
        handle = _new_handle(self, task._Task__step, (), task._context)
        handle._cs_task = True
        handle._cs_name = "step"
        if quiet or task._cs_hidden:
            handle._cs_seq = NO
        else:
            frames = REC.local.frames
            handle._cs_seq = REC.event(_SCHEDULE, task._cs_lane, frames[-1][1] if frames else NO, "step")
        self._ready.append(handle)

    def _add_callback(self, handle):
        # I/O readiness (selector events) queues the reader's / writer's handle directly.
        if not handle._cancelled:
            if not quiet:
                name = callable_name(handle._callback, handle._args)
                self._cs_io[id(handle)] = (REC.event(rec_mod.SCHEDULE, self._cs_lane, REC.current_slice(), name), name)
            self._ready.append(handle)

    # timers
    def call_later(self, delay, callback, *args, context=None):
        timer = self.call_at(self.time() + delay, callback, *args, context=context)
        if not quiet and isinstance(timer, TracedTimerHandle):
            caller = sys._getframe(1)
            if caller.f_code is _SLEEP_CODE:
                # the timer of asyncio.sleep: named and placed as the C++ sleep's (the awaiting line)
                timer._cs_name = f"sleep({arg_text(caller.f_locals.get('delay'))})"
                self._record_arm(timer, location(hooks.await_site(caller)))
            elif callback is tasks._release_waiter and args:
                role = getattr(args[0], "_cs_role", None)
                timer._cs_name = "wait_for: timeout" if role == "wait_for" else "wait: timeout"
                self._record_arm(timer, 0)
            else:
                self._record_arm(timer, 0)
        return timer

    def call_at(self, when, callback, *args, context=None):
        if when is None:
            raise TypeError("when cannot be None")
        self._check_closed()
        if self._debug:
            self._check_thread()
            self._check_callback(callback, 'call_at')
        timer = TracedTimerHandle(when, callback, args, self, context)
        if timer._source_traceback:
            del timer._source_traceback[-1]
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        timer._cs_arm = NO
        timer._cs_seq = NO
        timer._cs_name = callable_name(callback, args)
        if not quiet and sys._getframe(1).f_code is not TracedLoop.call_later.__code__:
            self._record_arm(timer, 0)
        return timer

    def _record_arm(self, timer, loc):
        lane, cause = REC.current()
        timer._cs_arm = REC.event(rec_mod.TIMER_ARM, lane, cause, timer._cs_name, loc)
        REC.timer_due(timer._cs_arm, round(timer._when * 1e9))

    def _timer_handle_cancelled(self, handle):
        if handle._scheduled:
            self._timer_cancelled_count += 1
            arm = getattr(handle, "_cs_arm", NO)
            if arm != NO and not quiet:
                REC.event(rec_mod.TIMER_CANCEL, REC.current_lane(), arm, handle._cs_name)

    # one iteration: 3.11's _run_once, recorded, on the run's clock
    def _run_once(self):
        sched_count = len(self._scheduled)
        if (sched_count > base_events._MIN_SCHEDULED_TIMER_HANDLES and
                self._timer_cancelled_count / sched_count > base_events._MIN_CANCELLED_TIMER_HANDLES_FRACTION):
            new_scheduled = []
            for handle in self._scheduled:
                if handle._cancelled:
                    handle._scheduled = False
                else:
                    new_scheduled.append(handle)
            heapq.heapify(new_scheduled)
            self._scheduled = new_scheduled
            self._timer_cancelled_count = 0
        else:
            while self._scheduled and self._scheduled[0]._cancelled:
                self._timer_cancelled_count -= 1
                handle = heapq.heappop(self._scheduled)
                handle._scheduled = False

        timeout = None
        if self._ready or self._stopping:
            timeout = 0
        elif self._scheduled:
            when = self._scheduled[0]._when
            timeout = min(max(0, when - self.time()), base_events.MAXIMUM_SELECT_TIMEOUT)

        event_list = self._select(timeout)
        self._process_events(event_list)
        event_list = None

        end_time = self.time() + self._clock_resolution
        while self._scheduled:
            handle = self._scheduled[0]
            # (Or due at the instant the virtual clock jumped to: far from 0, `when` rounds above
            # that nanosecond, and the loop would jump to the same instant for ever.)
            if handle._when >= end_time and (REC.real_clock or round(handle._when * 1e9) > REC.now):
                break
            handle = heapq.heappop(self._scheduled)
            handle._scheduled = False
            if not quiet and not handle._cancelled and getattr(handle, "_cs_arm", NO) != NO:
                handle._cs_seq = REC.event(rec_mod.TIMER_FIRE, self._cs_lane, handle._cs_arm, handle._cs_name)
            self._ready.append(handle)

        ntodo = len(self._ready)
        ready = self._ready
        for i in range(ntodo):
            handle = ready.popleft()
            if handle._cancelled:
                continue
            if handle.__class__ is TracedHandle and handle._cs_task:
                # A task's step or wakeup: the task records its own Start / Resume, caused by this.
                self._cs_running = handle._cs_seq
                handle._run()
                continue
            self._run_handle(handle)
        handle = None
        REC.flush_if_due()

    def _run_handle(self, handle):
        seq = getattr(handle, "_cs_seq", None)
        if seq is None:
            seq, name = self._cs_io.pop(id(handle), (NO, None))
        else:
            name = handle._cs_name
        if getattr(handle, "_cs_task", False) or quiet or seq == NO:
            previous = self._cs_running
            self._cs_running = seq
            try:
                handle._run()
            finally:
                self._cs_running = previous
            return
        ev = REC.event(rec_mod.CALLBACK, self._cs_lane, seq, name)
        frames = REC.frames()
        frames.append((self._cs_lane, ev))
        try:
            handle._run()
        finally:
            frames.pop()

    # waiting: the virtual clock jumps, real I/O and threads are waited for in real time
    def _outside_work(self):
        from . import workers
        if workers.outstanding() > 0:
            return True
        if len(self._selector.get_map()) > 1:        # more than the loop's own self-pipe
            return True
        me = threading.current_thread()              # (the loop's: the main one or the script's own)
        for t in threading.enumerate():              # other threads of the script's (not idle workers)
            if t is not me and t.is_alive() and not getattr(t, "_cs_worker", False):
                return True
        return False

    def _select(self, timeout):
        if REC.real_clock:
            if timeout is None or timeout > 0:
                REC.flush()
                if timeout is None or timeout > 0.05:
                    timeout = 0.05 if timeout is None else min(timeout, 0.05)
                    events_ = self._selector.select(timeout)
                    return events_
            return self._selector.select(timeout)
        if timeout == 0:
            return self._selector.select(0)
        if self._outside_work():
            # Real work outside the loop (a socket, a thread, a subprocess): wait for it in real
            # time, the virtual clock following the real one meanwhile, never past the next timer.
            REC.flush()
            wait = 0.05 if timeout is None else min(timeout, 0.05)
            t0 = _monotonic()
            events_ = self._selector.select(wait)
            elapsed = _monotonic() - t0
            if timeout is not None and (elapsed >= timeout or (not events_ and wait >= timeout)):
                self._jump_to(self._scheduled[0]._when)
            else:
                REC.set_now(REC.now + round(elapsed * 1e9))
            return events_
        if timeout is None:
            from . import runner
            runner.deadlock(self)
        self._jump_to(self._scheduled[0]._when)
        return self._selector.select(0)

    def _jump_to(self, when):
        target = round(when * 1e9)
        if target > REC.now:
            delta = target - REC.now
            REC.now = target
            if not quiet:
                REC.event(rec_mod.CLOCK, self._cs_lane, NO, f"+{delta / 1e9:.3f}s")

    # run_until_complete called by the user's own code (loop.run_until_complete(main()))
    def run_until_complete(self, future):
        if getattr(self, "_cs_in_run", False) or quiet or events._get_running_loop() is not None:
            return super().run_until_complete(future)
        caller = sys._getframe(1)
        if caller.f_code.co_filename not in hooks.USER_FILES:
            return super().run_until_complete(future)
        what = coroutine_name(future) if not futures.isfuture(future) else future_label(future)
        lane = REC.current_lane()
        suspend = REC.event(rec_mod.SUSPEND, lane, NO, f"run_until_complete({what})", location(caller))
        frames = REC.frames()
        frames.append((self._cs_lane, suspend))
        depth = len(frames)
        self._cs_capture = not futures.isfuture(future)
        main = future if futures.isfuture(future) else None
        try:
            result = super().run_until_complete(future)
        except BaseException as exc:
            del frames[depth - 1:]
            main = main or self._cs_main
            REC.event(rec_mod.RESUME, lane, getattr(main, "_cs_done", NO), "raised " + describe(exc))
            raise
        del frames[depth - 1:]
        main = main or self._cs_main
        REC.event(rec_mod.RESUME, lane, getattr(main, "_cs_done", NO), safe_repr(result))
        return result



class TracedPolicy(unix_events.DefaultEventLoopPolicy):
    _loop_factory = TracedLoop


# -- asyncio functions the C++ runtime shows as coroutines of their own (Enter / Leave) ------------

_ORIGINALS = {}


def _inline(fn, name, key):
    """Wraps asyncio's coroutine `fn` so that awaiting it records Enter / Leave, as the C++ port's
    coroutines of the same name do. The wrapper itself is invisible in the trace."""
    _ORIGINALS[key] = fn.__code__

    @functools.wraps(fn)
    async def wrapper(*args, **kwargs):
        caller = sys._getframe(1)
        inline = id(caller.f_code) not in hooks.STEP_CODES and not quiet
        if inline:
            REC.event(rec_mod.ENTER, REC.current_lane(), NO, name, location(caller))
        try:
            result = await fn(*args, **kwargs)
        except BaseException as exc:
            if inline:
                REC.event(rec_mod.LEAVE, REC.current_lane(), NO, "raised " + describe(exc))
            raise
        if inline:
            REC.event(rec_mod.LEAVE, REC.current_lane(), NO, safe_repr(result))
        return result

    _TRANSPARENT.add(id(wrapper.__code__))
    return wrapper


def traced_run(main, *, debug=None):
    """asyncio.run(main): the caller suspends in it while the loop runs (as the C++ run() records)."""
    global quiet
    if events._get_running_loop() is not None:
        raise RuntimeError("asyncio.run() cannot be called from a running event loop")
    caller = sys._getframe(1)
    lane = REC.current_lane()
    suspend = REC.event(rec_mod.SUSPEND, lane, NO, f"asyncio.run({coroutine_name(main)})", location(user_frame(caller)))
    frames = REC.frames()
    depth = len(frames)
    runner = TracedRunner(debug=debug)
    try:
        with runner:
            loop = runner.get_loop()
            frames.append((loop._cs_lane, suspend))
            loop._cs_capture = True
            loop._cs_in_run = True
            result = runner.run(main)
    except BaseException as exc:
        del frames[depth:]
        main_task = runner._cs_main
        REC.event(rec_mod.RESUME, lane, getattr(main_task, "_cs_done", NO), "raised " + describe(exc))
        raise
    del frames[depth:]
    REC.event(rec_mod.RESUME, lane, getattr(runner._cs_main, "_cs_done", NO), safe_repr(result))
    return result


def _cancel_all_tasks(loop):
    """asyncio.runners._cancel_all_tasks, with the tasks in the order they were created: CPython
    takes them from all_tasks(), a set, whose order follows memory addresses (the C++ runtime
    cancels them in creation order)."""
    to_cancel = sorted(tasks.all_tasks(loop), key=lambda t: (t._cs_lane is None, t._cs_lane or 0))
    if not to_cancel:
        return
    for task in to_cancel:
        task.cancel()
    outer = tasks.gather(*to_cancel, return_exceptions=True)
    loop._cs_waited = outer      # what a deadlock now names (a task that ignores its cancellation)
    loop.run_until_complete(outer)
    for task in to_cancel:
        if task.cancelled():
            continue
        if task.exception() is not None:
            loop.call_exception_handler({
                'message': 'unhandled exception during asyncio.run() shutdown',
                'exception': task.exception(),
                'task': task,
            })


class TracedRunner(runners.Runner):
    _cs_main = None

    def close(self):
        global quiet
        if self._state is not runners._State.INITIALIZED:
            return
        loop = self._loop
        self._cs_main = loop._cs_main
        try:
            _cancel_all_tasks(loop)
            quiet = True
            try:
                loop.run_until_complete(loop.shutdown_asyncgens())
                loop.run_until_complete(loop.shutdown_default_executor())
            finally:
                quiet = False
        finally:
            if self._set_event_loop:
                events.set_event_loop(None)
            loop.close()
            self._loop = None
            self._state = runners._State.CLOSED


def traced_create_task(coro, *, name=None, context=None):
    """asyncio.create_task: the name goes to the loop, so the lane is created with it."""
    loop = events.get_running_loop()
    task = loop.create_task(coro, name=name, context=context)
    tasks._set_task_name(task, name)
    return task


def task_repr(task):
    """A task in an event's detail: asyncio's repr without the paths and addresses that make a
    trace differ between machines (<Task finished name='f1' coro=<fn() done> result='ok'>)."""
    coro = coroutine_name(task._coro)
    if not task.done():
        return f"<Task pending name='{task._name}' coro=<{coro} running>>"
    if task.cancelled():
        return f"<Task cancelled name='{task._name}' coro=<{coro} done>>"
    if task._exception is not None:
        return f"<Task finished name='{task._name}' coro=<{coro} done> exception={safe_repr(task._exception)}>"
    return f"<Task finished name='{task._name}' coro=<{coro} done> result={safe_repr(task._result)}>"


def install(recorder):
    """Hooks asyncio for this run."""
    global REC
    REC = recorder
    from . import reprs
    reprs.CUSTOM[TracedTask] = task_repr
    asyncio.create_task = tasks.create_task = traced_create_task
    asyncio.set_event_loop_policy(TracedPolicy())
    asyncio.run = runners.run = traced_run
    asyncio.Task = tasks.Task = TracedTask
    tasks.wait = asyncio.wait = _inline(tasks.wait, "wait()", "wait")
    tasks.wait_for = asyncio.wait_for = _inline(tasks.wait_for, "wait_for()", "wait_for")
    tasks._cancel_and_wait = _inline(tasks._cancel_and_wait, "_cancel_and_wait()", "_cancel_and_wait")
    from . import sync
    sync.install(recorder)
