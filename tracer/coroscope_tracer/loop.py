"""The traced event loop: asyncio's SelectorEventLoop, recorded, on the run's clock.

The loop's iteration is the version's own _run_once written out (versions/); what it shares with
every version is here: the ready queue's Schedule events (on the lane whose work it is, caused by
what queued it), timers (armed, fired, cancelled; ordered as on python3's real clock, see
TracedTimerHandle), the clock (virtual: it jumps to the next timer when nothing is ready and no
real work runs outside the loop), and asyncio.run's suspension of its caller.
"""

import contextvars
import functools
import heapq
import itertools
import select
import signal
import sys
from asyncio import base_events, base_subprocess, events, format_helpers, futures, runners, tasks, unix_events

import asyncio

from . import clock, hooks, state, tracebacks
from . import recorder as rec_mod
from .awaits import SLEEP_CODE, nested_code
from .hooks import USER_FILES, location, user_frame
from .labels import callable_name, coroutine_name, future_label
from .reprs import arg_text, describe, safe_repr
from .task import STEP, WAKEUP, VERSION, TracedFuture, as_python_shows

REC = None
NO = rec_mod.NO_EVENT
_SCHEDULE, _TIMER_FIRE = rec_mod.SCHEDULE, rec_mod.TIMER_FIRE

FUTURE_LABELLERS = []   # fn(future, creating frame) -> True when it labelled the future
on_deadlock = None      # fn(loop): the loop has nothing left to run and waits for nothing real

_GATHER_DONE = nested_code(tasks.gather, "_done_callback")
_WAIT_DONE = nested_code(tasks._wait, "_on_completion")
_PROCESS_EXITED = base_subprocess.BaseSubprocessTransport._process_exited
# Where asyncio.run() / Runner.run() call run_until_complete(): the caller of asyncio.run waits there.
_RUNNER_CODES = {runners.run.__code__} | ({runners.Runner.run.__code__} if VERSION.FACTS.runner else set())


def install(recorder):
    global REC
    REC = recorder


def trace_ns(when):
    """A loop.time() instant in the trace's time: ns since the run began."""
    return round(when * 1e9 - REC.real_start_ns)


# -- handles --------------------------------------------------------------------------------------

class TracedHandle(events.Handle):
    # The Schedule event that queued it, its name, and whether it steps a task (the task's step
    # records its own Start / Resume; a plain callback gets a Callback event).
    __slots__ = ("_cs_seq", "_cs_name", "_cs_task")


_HANDLE_NEW = TracedHandle.__new__


def _new_handle(loop, callback, args, context):
    """events.Handle(callback, args, loop, context) without its __init__'s calls (the same fields
    in 3.10 to 3.13)."""
    h = _HANDLE_NEW(TracedHandle)
    h._context = contextvars.copy_context() if context is None else context
    h._loop = loop
    h._callback = callback
    h._args = args
    h._cancelled = False
    h._repr = None
    h._source_traceback = format_helpers.extract_stack(sys._getframe(2)) if loop._debug else None
    return h


class TracedTimerHandle(events.TimerHandle):
    """A timer of the loop's heap, ordered as timers come due on python3's real clock: by due time
    to the nanosecond, then by arming order. Time moves on between two arming calls there, so of
    two timers with the same nominal due time the one armed later is due later; on a virtual clock
    that stands still, comparing `_when` alone would tie them and let heapq's sifting decide."""
    __slots__ = ("_cs_seq", "_cs_arm", "_cs_name", "_cs_key")

    def __lt__(self, other):
        key = getattr(other, "_cs_key", None)
        if key is None:
            return self._when < other._when
        return self._cs_key < key

    def __le__(self, other):
        key = getattr(other, "_cs_key", None)
        if key is None:
            return self._when <= other._when
        return self._cs_key <= key

    def __gt__(self, other):
        return not self.__le__(other)

    def __ge__(self, other):
        return not self.__lt__(other)


_arming = itertools.count()


def _output_pending(transport):
    """A pipe the subprocess wrote to has something unread (data, or its end), or its end was read
    and the protocol has yet to hear of it (connection_lost is scheduled)."""
    fds = []
    for proto in (getattr(transport, "_pipes", None) or {}).values():
        pipe = getattr(proto, "pipe", None)
        if not isinstance(pipe, asyncio.ReadTransport) or getattr(proto, "disconnected", True):
            continue
        if pipe.is_closing():
            return True
        fd = getattr(pipe, "_fileno", None)
        if fd is not None:
            fds.append(fd)
    if not fds:
        return False
    try:
        return bool(select.select(fds, [], [], 0)[0])
    except (OSError, ValueError):
        return False


# -- the loop -------------------------------------------------------------------------------------

class TracedLoop(VERSION.LoopSteps, unix_events.SelectorEventLoop):
    """asyncio's selector loop, recorded, on the run's clock."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._cs_running = NO         # the Schedule / TimerFire event of the handle running now
        self._cs_cause = None         # overrides the cause of what is scheduled now (a task's end)
        self._cs_main = None          # the task asyncio.run() runs
        self._cs_capture = False
        self._cs_teardown = False     # asyncio.run's end: its own run_until_complete calls are quiet
        self._cs_run = None           # (lane, frame depth) of asyncio.run's caller, suspended
        self._cs_run_outcome = None   # what asyncio.run's run_until_complete returned or raised
        self._cs_waited = None        # what a deadlock names, when not the main task
        self._cs_io = {}              # id(handle) -> (its Schedule event, name), for I/O handles
        self._cs_alarm_armed = False  # the real interval timer ran when the loop last looked
        self._cs_lane = REC.lane("event loop", rec_mod.LOOP)

    # clock
    def time(self):
        # time.monotonic() as python3's loop reads it: the real one at the run's start, then the
        # run's clock (the trace counts from 0: trace_ns()).
        if REC.real_clock:
            return (REC.real_start_ns + REC.real_now()) / 1e9
        if sys._getframe(1).f_code.co_filename in USER_FILES:
            return (REC.real_start_ns + clock.now_ns()) / 1e9     # the script reads it (a busy wait?)
        return (REC.real_start_ns + REC.now) / 1e9

    # tasks
    def create_task(self, coro, **kwargs):     # (name=, and from 3.11 context=)
        task = super().create_task(coro, **kwargs)
        if self._cs_capture:
            self._cs_capture = False
            self._cs_main = task
        return task

    def create_future(self):
        fut = TracedFuture(loop=self)
        caller = sys._getframe(1)
        for labeller in FUTURE_LABELLERS:
            if labeller(fut, caller):
                break
        return fut

    # the ready queue
    def _classify(self, callback, args):
        """(lane, name) of a callback entering the ready queue."""
        fn = getattr(callback, "__func__", None)
        if fn is STEP or fn is WAKEUP:
            task = callback.__self__
            if task._cs_lane is None and not task._cs_hidden:
                self._cs_new_task_lane(task)
            if task._cs_hidden:
                return None, None
            return task._cs_lane, "step" if fn is STEP else "wakeup"
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

    def _cs_new_task_lane(self, task):
        if state.quiet:
            task._cs_hidden = True
            return
        task._cs_lane = REC.lane(f"{task._name} {coroutine_name(task._coro)}", rec_mod.TASK)

    def _call_soon(self, callback, args, context):
        handle = _new_handle(self, callback, args, context)
        handle._cs_seq = NO
        handle._cs_name = None
        fn = getattr(callback, "__func__", None)
        handle._cs_task = fn is STEP or fn is WAKEUP
        if not state.quiet:
            lane, name = self._classify(callback, args)
            if lane is not None:
                cause = self._cs_cause if self._cs_cause is not None else REC.current_slice()
                handle._cs_seq = REC.event(_SCHEDULE, lane, cause, name)
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
        if state.quiet or task._cs_hidden:
            handle._cs_seq = NO
        else:
            frames = REC.frames()
            handle._cs_seq = REC.event(_SCHEDULE, task._cs_lane, frames[-1][1] if frames else NO, "step")
        self._ready.append(handle)

    def _add_callback(self, handle):
        # I/O readiness (selector events) queues the reader's / writer's handle directly.
        if not handle._cancelled:
            if not state.quiet:
                name = callable_name(handle._callback, handle._args)
                self._cs_io[id(handle)] = (REC.event(_SCHEDULE, self._cs_lane, REC.current_slice(), name), name)
            self._ready.append(handle)

    # timers
    def call_later(self, delay, callback, *args, context=None):
        timer = self.call_at(self.time() + delay, callback, *args, context=context)
        if not state.quiet and isinstance(timer, TracedTimerHandle):
            caller = sys._getframe(1)
            if caller.f_code is SLEEP_CODE:
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
        timer._cs_key = (trace_ns(when), next(_arming))
        # (asyncio's call_at drops its own frame from the timer's source traceback: this one is
        # hidden already, tracebacks.py)
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        timer._cs_arm = NO
        timer._cs_seq = NO
        timer._cs_name = callable_name(callback, args)
        if not state.quiet and sys._getframe(1).f_code is not TracedLoop.call_later.__code__:
            self._record_arm(timer, 0)
        return timer

    def _record_arm(self, timer, loc):
        lane, cause = REC.current()
        timer._cs_arm = REC.event(rec_mod.TIMER_ARM, lane, cause, timer._cs_name, loc)
        REC.timer_due(timer._cs_arm, trace_ns(timer._when))

    def _timer_handle_cancelled(self, handle):
        if handle._scheduled:
            self._timer_cancelled_count += 1
            arm = getattr(handle, "_cs_arm", NO)
            if arm != NO and not state.quiet:
                REC.event(rec_mod.TIMER_CANCEL, REC.current_lane(), arm, handle._cs_name)

    # the end of _run_once, the same in every version: due timers to the ready queue, then exactly
    # the callbacks that were ready when the iteration began
    def _cs_fire_due_timers(self):
        end_time = self.time() + self._clock_resolution
        while self._scheduled:
            handle = self._scheduled[0]
            # (Or due at the instant the virtual clock jumped to: far from 0, `when` rounds above
            # that nanosecond, and the loop would jump to the same instant for ever.)
            if handle._when >= end_time and (REC.real_clock or trace_ns(handle._when) > REC.now):
                break
            handle = heapq.heappop(self._scheduled)
            handle._scheduled = False
            if not state.quiet and not handle._cancelled and getattr(handle, "_cs_arm", NO) != NO:
                handle._cs_seq = REC.event(_TIMER_FIRE, self._cs_lane, handle._cs_arm, handle._cs_name)
            self._ready.append(handle)

    def _cs_run_ready(self):
        ntodo = len(self._ready)
        ready = self._ready
        for i in range(ntodo):
            handle = ready.popleft()
            if handle._cancelled:
                continue
            if self._debug:
                self._run_timed(handle)
            elif handle.__class__ is TracedHandle and handle._cs_task:
                # A task's step or wakeup: the task records its own Start / Resume, caused by this.
                self._cs_running = handle._cs_seq
                handle._run()
            else:
                self._run_handle(handle)
        handle = None
        REC.flush_if_due()

    def _run_timed(self, handle):
        """Debug mode: a callback that takes slow_callback_duration or more is logged, as
        _run_once logs it (on the run's clock: a blocking time.sleep(0.3) in a task takes 0.3 s)."""
        try:
            self._current_handle = handle
            t0 = self.time()
            if handle.__class__ is TracedHandle and handle._cs_task:
                self._cs_running = handle._cs_seq
                handle._run()
            else:
                self._run_handle(handle)
            dt = self.time() - t0
            if dt >= self.slow_callback_duration:
                base_events.logger.warning('Executing %s took %.3f seconds', base_events._format_handle(handle), dt)
        finally:
            self._current_handle = None

    def _run_handle(self, handle):
        if getattr(handle._callback, "__func__", None) is _PROCESS_EXITED and _output_pending(handle._callback.__self__):
            # The child has exited with its output still unread: python3 reads its pipes before the
            # exit reaches it (the exit comes through a watcher, later), so the protocol sees its
            # pipe_data_received() and pipe_connection_lost() first. Run it after the next select.
            self._ready.append(handle)
            return
        seq = getattr(handle, "_cs_seq", None)
        if seq is None:
            seq, name = self._cs_io.pop(id(handle), (NO, None))
        else:
            name = handle._cs_name
        if getattr(handle, "_cs_task", False) or state.quiet or seq == NO:
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
        # A socket other than the loop's own self-pipe, a thread of the script's, an executor job,
        # a signal on its way.
        return len(self._selector.get_map()) > 1 or clock.outside_work() or self._signal_coming()

    def _signal_coming(self):
        """A signal the loop handles (add_signal_handler) will come from outside: SIGALRM while the
        real interval timer runs, SIGCHLD while a child watcher waits for a process. python3 waits
        for it in select(); the virtual clock must not jump past it."""
        handlers = self._signal_handlers
        if not handlers:
            return False
        if signal.SIGALRM in handlers:
            # (and one wait more once it has run out: the signal's byte may not be in the
            # loop's self-pipe yet)
            armed = signal.getitimer(signal.ITIMER_REAL)[0] > 0
            was, self._cs_alarm_armed = self._cs_alarm_armed, armed
            if armed or was:
                return True
        handle = handlers.get(signal.SIGCHLD)
        watcher = getattr(getattr(handle, "_callback", None), "__self__", None)
        return bool(getattr(watcher, "_callbacks", None))

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
            # time, the virtual clock following the real one meanwhile.
            REC.flush()
            clock.follow()
            wait = 0.05 if timeout is None else min(timeout, 0.05)
            events_ = self._selector.select(wait)
            clock.follow()
            if not events_ and timeout is not None and wait >= timeout:
                self._jump_to(self._scheduled[0]._when)
            return events_
        clock.settle()
        if timeout is None:
            on_deadlock(self)
        self._jump_to(self._scheduled[0]._when)
        return self._selector.select(0)

    def _jump_to(self, when):
        target = trace_ns(when)
        if target > REC.now:
            delta = target - REC.now
            REC.now = target
            if not state.quiet:
                REC.event(rec_mod.CLOCK, self._cs_lane, NO, f"+{delta / 1e9:.3f}s")

    def run_until_complete(self, future):
        """The caller's lane suspends while the loop runs: in asyncio.run(main()) (suspended since
        the run made this loop: TracedPolicy.new_event_loop), in Runner.run(main()), or in the
        script's own loop.run_until_complete(main())."""
        if state.quiet or events._get_running_loop() is not None:
            return super().run_until_complete(future)
        if self._cs_teardown:
            # asyncio.run's end (shutdown_asyncgens, shutdown_default_executor): not shown.
            state.quiet = True
            try:
                return super().run_until_complete(future)
            finally:
                state.quiet = False
        if self._cs_run is not None and self._cs_run_outcome is None:
            try:
                result = super().run_until_complete(future)
            except BaseException as exc:
                self._cs_run_outcome = "raised " + describe(exc)
                raise
            self._cs_run_outcome = safe_repr(result)
            return result
        caller = sys._getframe(1)
        what = coroutine_name(future) if not futures.isfuture(future) else future_label(future)
        if caller.f_code in _RUNNER_CODES:
            user = user_frame(caller)
            label = f"Runner.run({what})"
        elif caller.f_code.co_filename in USER_FILES:
            user = caller
            label = f"run_until_complete({what})"
        else:
            return super().run_until_complete(future)
        lane = REC.current_lane()
        suspend = REC.event(rec_mod.SUSPEND, lane, NO, label, location(user))
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
            REC.event(rec_mod.RESUME, lane, getattr(main, "_cs_done", None) or NO, "raised " + describe(exc))
            raise
        del frames[depth - 1:]
        main = main or self._cs_main
        REC.event(rec_mod.RESUME, lane, getattr(main, "_cs_done", None) or NO, safe_repr(result))
        return result

    def close(self):
        super().close()
        run, self._cs_run = self._cs_run, None
        if run is not None:
            # asyncio.run() is over: its caller resumes with what it returns or raises.
            lane, depth = run
            del REC.frames()[depth - 1:]
            REC.event(rec_mod.RESUME, lane, getattr(self._cs_main, "_cs_done", None) or NO,
                      self._cs_run_outcome or "None")


def _asyncio_run_frame(frame):
    """The frame of asyncio.run() that makes a loop (a few calls up: Runner's set-up, 3.11+), or None."""
    for _ in range(6):
        if frame is None:
            return None
        if frame.f_code is runners.run.__code__:
            return frame
        frame = frame.f_back
    return None


def cancel_all_tasks(loop):
    """asyncio.runners._cancel_all_tasks, with the tasks in the order they were created: CPython
    takes them from all_tasks(), a set, whose order follows memory addresses (the C++ runtime
    cancels them in creation order). What asyncio.run does after it is not shown."""
    to_cancel = sorted(tasks.all_tasks(loop), key=lambda t: (getattr(t, "_cs_lane", None) is None,
                                                             getattr(t, "_cs_lane", None) or 0))
    if to_cancel:
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
    if isinstance(loop, TracedLoop):
        loop._cs_teardown = True


class TracedPolicy(unix_events.DefaultEventLoopPolicy):
    _loop_factory = TracedLoop

    def new_event_loop(self):
        # asyncio.run(main()) makes its loop: its caller suspends from now until the loop is
        # closed (as the C++ run() records), and what the loop runs is the suspension's.
        run = _asyncio_run_frame(sys._getframe(1))
        if run is None or state.quiet:
            return super().new_event_loop()
        lane = REC.current_lane()
        what = coroutine_name(run.f_locals.get("main"))
        suspend = REC.event(rec_mod.SUSPEND, lane, NO, f"asyncio.run({what})", location(user_frame(run)))
        loop = super().new_event_loop()
        frames = REC.frames()
        frames.append((loop._cs_lane, suspend))
        loop._cs_run = (lane, len(frames))
        loop._cs_capture = True
        return loop


# A future's source traceback (debug mode) ends in asyncio's create_future, as python3's does.
tracebacks.alias(TracedLoop.create_future, base_events.BaseEventLoop.create_future, "Future(loop=self)")

# <_UnixSelectorEventLoop running=True closed=False debug=False>, <Handle print('x')>
as_python_shows(TracedHandle, events.Handle)
as_python_shows(TracedTimerHandle, events.TimerHandle)
as_python_shows(TracedLoop, unix_events.SelectorEventLoop)
as_python_shows(TracedPolicy, unix_events.DefaultEventLoopPolicy)
