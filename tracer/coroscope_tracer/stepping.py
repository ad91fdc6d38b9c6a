"""What a task's step records, shared by every version's written-out Task.__step (versions/).

A step records its Start (the first) or Resume (with what the task receives), runs on the task's
lane, and records where and on what the task suspends when its coroutine yields. The cause of a
Start / Resume is the Schedule or TimerFire event of the handle that runs it (loop._cs_running).
"""

import sys

from . import hooks, state
from . import recorder as rec_mod
from .awaits import suspension
from .labels import result_repr, task_repr
from .reprs import safe_repr

REC = None
NO = rec_mod.NO_EVENT
_START, _RESUME, _SUSPEND = rec_mod.START, rec_mod.RESUME, rec_mod.SUSPEND


def install(recorder):
    global REC
    REC = recorder


def begin(task, loop, exc, waited):
    """The step of `task` begins (before its coroutine runs): records Start or Resume and enters its
    lane. Returns the lane stack and its depth to leave it at, or (None, 0) when not recorded (a
    task asyncio.run's teardown makes, a task of a loop that is not the tracer's)."""
    lane = task._cs_lane
    if lane is None or task._cs_hidden or state.quiet:
        return None, 0
    cause = loop._cs_running
    if not task._cs_started:
        task._cs_started = True
        ev = REC.event(_START, lane, cause)
    else:
        if exc is not None:
            detail = safe_repr(exc)
        elif waited is not None:
            detail = result_repr(waited)
        else:
            detail = "None"
        ev = REC.event(_RESUME, lane, cause, detail)
    frames = REC.frames()
    frames.append((lane, ev))
    return frames, len(frames)


def suspended(task, result):
    """The task's coroutine yielded `result` to its step: where it waits, and on what."""
    label, loc = suspension(task, result)
    task._cs_suspended = REC.event(_SUSPEND, task._cs_lane, NO, label, loc)


def eager_begin(task, loop):
    """An eager task's first step is about to run inside the call that creates it (3.12): its lane
    is created now, and the creating lane suspends while the step runs, as it does in a generator's
    next(). Returns what eager_end() needs, or None when nothing is recorded."""
    new_lane = getattr(loop, "_cs_new_task_lane", None)
    if new_lane is None or state.quiet:
        return None
    if task._cs_lane is None and not task._cs_hidden:
        new_lane(task)
    if task._cs_lane is None or task._cs_hidden:
        return None
    lane = REC.current_lane()
    where = hooks.location(hooks.user_frame(sys._getframe(1)))
    suspend = REC.event(_SUSPEND, lane, NO, f"eager start of {REC.lane_name(task._cs_lane)}", where)
    previous = loop._cs_running
    loop._cs_running = suspend
    return lane, previous


def eager_end(task, eager):
    """The eager first step is over: the creating lane resumes with the task create_task() returns,
    caused by the step's suspension or the task's end."""
    if eager is None:
        return
    lane, previous = eager
    task._loop._cs_running = previous
    cause = getattr(task, "_cs_done", None) if task.done() else getattr(task, "_cs_suspended", None)
    REC.event(_RESUME, lane, NO if cause is None else cause, task_repr(task))


def step_soon(loop, task):
    """A bare yield (sleep(0)): the task's next step is queued, by the traced loop's fast path."""
    soon = getattr(loop, "_cs_step_soon", None)
    if soon is None:    # a loop of asyncio's own (CPython's test suite runs tasks on its TestLoop)
        loop.call_soon(task._Task__step, context=task._context)
    else:
        soon(task)
