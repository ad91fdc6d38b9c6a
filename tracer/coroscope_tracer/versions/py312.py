"""CPython 3.12: Task.__step split in two (the checks, then __step_run_and_handle_result, which an
eager task's first step runs inside create_task()), and eager tasks; 3.10's _run_once.

An eager task (eager_start=True, asyncio.eager_task_factory) runs its first step inside the call
that creates it, before that call returns. The trace shows it so: the creating lane suspends
("eager start of Task-2 child()") while the new task's first step runs on its own lane, and resumes
when the step ends (caused by the new task's suspension or end).
"""

import types
from asyncio import exceptions, futures, tasks

from .. import stepping
from .py311 import Facts as _Facts311
from .py310 import LoopSteps  # noqa: F401 (unchanged in 3.12)

_PyFuture = futures._PyFuture
_PENDING = futures._PENDING


class Facts(_Facts311):
    recursion_c_calls = 0       # the recursion limit counts Python frames alone
    eager_tasks = True
    wait_for_own_future = False


FACTS = Facts


class TaskSteps:
    """3.12's Task.__step, __step_run_and_handle_result and __eager_start, recorded."""

    _cs_waited = None   # the future the task waited on, from __step to __step_run_and_handle_result

    def _Task__step(self, exc=None):
        if self._state != _PENDING:
            raise exceptions.InvalidStateError(f'_step(): already done: {self!r}, {exc!r}')
        self._cs_waited = self._fut_waiter
        if self._must_cancel:
            if not isinstance(exc, exceptions.CancelledError):
                exc = self._make_cancelled_error()
            self._must_cancel = False
        self._fut_waiter = None

        tasks._enter_task(self._loop, self)
        try:
            self._Task__step_run_and_handle_result(exc)
        finally:
            tasks._leave_task(self._loop, self)
            self = None

    def _Task__step_run_and_handle_result(self, exc):
        coro = self._coro
        loop = self._loop
        waited, self._cs_waited = self._cs_waited, None
        frames, depth = stepping.begin(self, loop, exc, waited)
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
            self = None

    def _Task__eager_start(self):
        loop = self._loop
        eager = stepping.eager_begin(self, loop)
        prev_task = tasks._swap_current_task(loop, self)
        try:
            tasks._register_eager_task(self)
            try:
                self._context.run(self._Task__step_run_and_handle_result, None)
            finally:
                tasks._unregister_eager_task(self)
        finally:
            try:
                curtask = tasks._swap_current_task(loop, prev_task)
                assert curtask is self
            finally:
                stepping.eager_end(self, eager)
                if self.done():
                    self._coro = None
                    self = None
                else:
                    tasks._register_task(self)
