"""Where a suspended task waits: its await chain, walked down to the line the trace shows.

A task's coroutine awaits coroutines inline, down to the future it yields to its step. The trace
shows the script's innermost `await` (not asyncio.wait()'s or Queue.get()'s own lines), labelled by
what it waits for.
"""

import types
from asyncio import futures, tasks

from . import hooks, state
from .hooks import USER_FILES
from .labels import future_label


def nested_code(fn, name):
    """The code of the function `name` defined inside `fn` (a closure asyncio makes per call)."""
    for const in fn.__code__.co_consts:
        if isinstance(const, types.CodeType) and const.co_name == name:
            return const
    raise RuntimeError(f"asyncio internals changed: {fn.__qualname__} has no {name}")


SLEEP_CODE = tasks.sleep.__code__
# tasks.__sleep0, the bare yield of sleep(0), by its module-level name.
SLEEP0_CODE = vars(tasks)["__sleep0"].__code__
_FUTURE_AWAIT = futures._PyFuture.__await__.__code__
# Awaitables in C++, not coroutines: never the place a task is shown waiting at. By id: hashing a
# code object hashes its bytecode and constants, on every lookup. The tracer's own wrappers of
# asyncio's coroutines are added to it (transparent()).
TRANSPARENT = {id(SLEEP_CODE), id(SLEEP0_CODE), id(_FUTURE_AWAIT)}
_keep = []


def transparent(fn):
    """A wrapper coroutine of the tracer's: never shown as the place a task waits."""
    _keep.append(fn.__code__)
    TRANSPARENT.add(id(fn.__code__))
    return fn


_CoroutineType = types.CoroutineType
_GeneratorType = types.GeneratorType
_AsyncGeneratorType = types.AsyncGeneratorType
# cr_suspended / gi_suspended are 3.11's; before, a suspended one has a frame and does not run (and
# reading its frame costs nothing: 3.10 builds frame objects anyway).
_SUSPENDED_FLAG = hasattr(_CoroutineType, "cr_suspended")


def _coro_suspended(c):     # 3.10
    return c.cr_frame is not None and not c.cr_running


def _gen_suspended(g):      # 3.10
    return g.gi_frame is not None and not g.gi_running


def _chain_objects(task):
    """The coroutines and generators of a suspended task's await chain, outermost first."""
    objs = []
    obj = task._coro
    for _ in range(64):
        t = type(obj)
        # (Suspended, not frame-is-None: reading cr_frame would build a frame object for every
        # fresh sleep() coroutine, on every switch.)
        if t is _CoroutineType:
            if not (obj.cr_suspended if _SUSPENDED_FLAG else _coro_suspended(obj)):
                break
            objs.append(obj)
            obj = obj.cr_await
        elif t is _GeneratorType:
            if not (obj.gi_suspended if _SUSPENDED_FLAG else _gen_suspended(obj)):
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


def _frame(obj):
    t = type(obj)
    return obj.cr_frame if t is _CoroutineType else obj.gi_frame if t is _GeneratorType else obj.ag_frame


def await_chain(task):
    """The frames of a suspended task's await chain, outermost first."""
    return [_frame(o) for o in _chain_objects(task)]


_where = {}   # (id of code, instruction offset) -> location id: a line computed once per place


def suspension(task, result):
    """(label, location) of a task that just yielded `result` to its step: where the script's
    innermost coroutine waits (else asyncio's innermost that is not one of its awaitables), and on
    what. One walk down the await chain, touching only the frame that is shown (reading a fresh
    coroutine's frame would build a frame object on every switch); the hot path of every sleep(0)."""
    obj = task._coro
    user = None         # the innermost coroutine or generator of the script's own: its await
    inner = None        # the innermost one that is not an awaitable of asyncio's
    first = None        # the outermost one (asyncio's own, when nothing else is there)
    last_code = None    # the innermost one's code (sleep(0)'s bare yield?)
    for _ in range(64):
        t = type(obj)
        if t is _CoroutineType:
            if not (obj.cr_suspended if _SUSPENDED_FLAG else _coro_suspended(obj)):
                break
            code = obj.cr_code
            nxt = obj.cr_await
        elif t is _GeneratorType:
            if not (obj.gi_suspended if _SUSPENDED_FLAG else _gen_suspended(obj)):
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
        if id(code) not in TRANSPARENT:
            inner = obj
            if code.co_filename in USER_FILES:
                user = obj
        last_code = code
        obj = nxt
    # The script's own line: where it awaits asyncio.wait(), Queue.get(), a TaskGroup's end.
    shown = user if user is not None else inner if inner is not None else first
    loc = 0
    if shown is not None:
        frame = _frame(shown)
        key = (id(frame.f_code), frame.f_lasti)
        loc = _where.get(key)
        if loc is None:
            loc = _where[key] = state.REC.location(frame.f_code.co_filename, frame.f_lineno)
    if result is None:
        return ("sleep(0)" if last_code is SLEEP0_CODE else "yield None"), loc
    return future_label(result), loc
