"""How asyncio's objects read in the trace: coroutines, callbacks, tasks, futures, results.

Names as the C++ runtime writes them for its ports, so that both runtimes label alike; reprs made
deterministic (reprs.py): a trace must be the same on every run and every machine.
"""

import copy
import functools

from . import state
from .reprs import arg_text, safe_repr


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
    """The task's lane name: Task-2 task1()."""
    lane = getattr(task, "_cs_lane", None)
    if lane is not None:
        return state.REC.lane_name(lane)
    return f"{task.get_name()} {coroutine_name(task.get_coro())}"


def future_label(fut):
    """What a task waiting on `fut` shows: sleep(2), Task-2 task1(), gather(task1(), task2())."""
    label = getattr(fut, "_cs_label", None)
    if label is not None:
        return label
    if hasattr(fut, "_cs_lane"):            # a traced task
        return task_label(fut)
    children = getattr(fut, "_children", None)
    if children is not None:
        names = [coroutine_name(c.get_coro()) if hasattr(c, "_cs_lane") else "Future" for c in children]
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


def relative_when(obj):
    """repr(obj) with its `_when` counted from the run's start, as the trace counts time: python3
    shows the monotonic clock (when=6299.764), which differs from run to run; a trace must not."""
    when = getattr(obj, "_when", None)
    if when is None:
        return repr(obj)
    shifted = copy.copy(obj)
    shifted._when = when - state.REC.real_start_ns / 1e9
    return repr(shifted)
