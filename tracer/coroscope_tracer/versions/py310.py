"""CPython 3.10: Task.__step and BaseEventLoop._run_once written out, with the recording.

3.11 takes both unchanged (py311.py), 3.12 takes this _run_once (py312.py). The step and the
iteration are asyncio's, line for line; what is added records (stepping.py) and runs the loop on
the run's clock (the timer due at the instant the virtual clock jumped to fires then).
"""

import heapq
import types
from asyncio import base_events, exceptions, futures, tasks

from .. import recorder as rec_mod
from .. import stepping

_PyFuture = futures._PyFuture
_PENDING = futures._PENDING
_TIMER_FIRE = rec_mod.TIMER_FIRE


class Facts:
    """What this version's asyncio has, for the parts of the tracer that hook it."""
    runner = False              # asyncio.Runner (3.11)
    taskgroup = False           # asyncio.TaskGroup, asyncio.timeout(), asyncio.Barrier (3.11)
    eager_tasks = False         # eager_start, asyncio.eager_task_factory (3.12)
    wait_for_own_future = True  # wait_for() waits on a future of its own (until 3.12: on timeout())
    queue_shutdown = False      # Queue.shutdown(), QueueShutDown (3.13)
    as_completed_iterator = False  # as_completed() an object, also an async iterator (3.13)
    loop_aliases = ()           # other names of SelectorEventLoop (3.13: asyncio.EventLoop)
    # Where a warning raised while the interpreter ends says it comes from (no frame runs then):
    # "sys:1: RuntimeWarning: coroutine 'main' was never awaited".
    exit_warning_place = ("sys", 1)
    # The C calls beneath the script's module that count towards the recursion limit here and not
    # under python3 (the tracer's exec() of the script); from 3.12 only Python frames count.
    recursion_c_calls = 1


FACTS = Facts


class TaskSteps:
    """3.10's Task.__step (3.11's is the same), recorded."""

    def _Task__step(self, exc=None):
        if self._state != _PENDING:
            raise exceptions.InvalidStateError(f'_step(): already done: {self!r}, {exc!r}')
        loop = self._loop
        waited = self._fut_waiter
        if self._must_cancel:
            if not isinstance(exc, exceptions.CancelledError):
                exc = self._make_cancelled_error()
            self._must_cancel = False
        coro = self._coro
        self._fut_waiter = None

        frames, depth = stepping.begin(self, loop, exc, waited)
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
            if frames is not None:
                stepping.suspended(self, result)
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
                stepping.step_soon(loop, self)
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


class LoopSteps:
    """3.10's BaseEventLoop._run_once (3.11's and 3.12's are the same), recorded, on the run's clock."""

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

        self._cs_fire_due_timers()
        self._cs_run_ready()
