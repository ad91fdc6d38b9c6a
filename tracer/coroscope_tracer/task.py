"""The traced Task and Future: asyncio's pure-Python ones (the reference for the C ones), with the
version's step written out (versions/) and a task's end recorded where its callbacks are scheduled.

repr(), type() and tracebacks show them as python3 shows its C Task and Future (<Task pending
name='Task-1' ...>, _asyncio.Task, cb=[Task.task_wakeup()]); the frames of the pure-Python methods,
which the C ones do not have, are left out of tracebacks (tracebacks.py).
"""

import types
from asyncio import futures, tasks

from . import hooks, state, versions
from . import recorder as rec_mod
from .labels import coroutine_name
from .reprs import describe, safe_repr

VERSION = versions.load()
REC = None
NO = rec_mod.NO_EVENT

_PyTask = tasks._PyTask
_PyFuture = futures._PyFuture


def install(recorder):
    global REC
    REC = recorder


def _renamed(fn, name):
    """A copy of function `fn` that reprs (and reads in a task's `cb=[...]`) as Task.`name`."""
    copy_ = types.FunctionType(fn.__code__, fn.__globals__, name, fn.__defaults__, fn.__closure__)
    copy_.__qualname__ = "Task." + name
    copy_.__kwdefaults__ = fn.__kwdefaults__
    return copy_


def as_python_shows(cls, like):
    """repr(), type() and tracebacks show the traced class as the one python3 has."""
    cls.__name__ = like.__name__
    cls.__qualname__ = like.__qualname__
    cls.__module__ = like.__module__


class _OwnAttribute:
    """An attribute read from the instance's own __dict__ (a class attribute that is no data
    descriptor), never from a base class's slot: absent, it raises AttributeError."""

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        raise AttributeError(f"'{type(obj).__name__}' object has no attribute '{self.name}'")


class _AlsoCFuture(_PyFuture, futures.Future):
    """asyncio's pure-Python Future, also an instance of the C Future (asyncio.Future) as python3's
    futures and tasks are: isinstance(task, asyncio.Future). Only _PyFuture's code runs on it; the
    C Future's fields stay unset. (_PyFuture has a class attribute for each of the C Future's
    fields but _callbacks, which would otherwise read the C slot.)"""

    _callbacks = _OwnAttribute()


class TracedFuture(_AlsoCFuture):
    """loop.create_future(): asyncio's pure-Python Future, labelled by what made it."""

    _cs_label = None
    _cs_role = None


class _KeepsCreatorFrame(_AlsoCFuture):
    """Between _PyTask and _PyFuture. In debug mode _PyTask.__init__ drops the last frame of the
    task's source traceback, its own; a traced run hides that frame already (tracebacks.py), so the
    frame that created the task would go instead. It is kept: the traceback ends at the creator,
    as the C Task's does."""

    def __init__(self, *, loop=None):
        _PyFuture.__init__(self, loop=loop)
        if self._source_traceback:
            self._source_traceback.append(self._source_traceback[-1])


class TracedTask(VERSION.TaskSteps, _PyTask, _KeepsCreatorFrame):
    """asyncio's pure-Python Task, its steps recorded (the version's own, written out)."""

    _cs_lane = None
    _cs_started = False
    _cs_hidden = False
    _cs_done = None
    # The C Task that python3 uses calls its wakeup task_wakeup.
    _Task__wakeup = _renamed(_PyTask._Task__wakeup, "task_wakeup")

    def __del__(self):
        if self._loop is not None:      # (not when __init__ failed: the C Task says nothing then)
            super().__del__()

    def _Future__schedule_callbacks(self):
        # The task has just finished: record how, then its done callbacks are scheduled with that
        # event as their cause (as the C++ FutureBase::finish does).
        loop = self._loop
        if self._cs_lane is None or self._cs_hidden or state.quiet:
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


as_python_shows(TracedTask, tasks.Task)
as_python_shows(TracedFuture, futures.Future)

STEP = TracedTask._Task__step
WAKEUP = TracedTask._Task__wakeup
hooks.STEP_CODES.add(id(STEP.__code__))
if hasattr(TracedTask, "_Task__step_run_and_handle_result"):
    hooks.STEP_CODES.add(id(TracedTask._Task__step_run_and_handle_result.__code__))
