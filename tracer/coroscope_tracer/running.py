"""asyncio's own coroutines that the C++ runtime shows as coroutines of their own (Enter / Leave on
the awaiting lane: wait(), wait_for(), _cancel_and_wait()), and the labels of the futures asyncio
makes for sleep(), wait(), wait_for() (what a task waiting on one shows)."""

import functools
import sys
from asyncio import tasks

from . import hooks, state
from . import recorder as rec_mod
from .awaits import SLEEP_CODE, transparent
from .hooks import location
from .labels import coroutine_name, task_label
from .reprs import arg_text, describe, safe_repr

REC = None
NO = rec_mod.NO_EVENT
_ORIGINALS = {}     # key -> the code of asyncio's function the wrapper calls


def _inline(fn, name, key):
    """Wraps asyncio's coroutine `fn` so that awaiting it records Enter / Leave, as the C++ port's
    coroutines of the same name do. The wrapper itself is invisible in the trace and in tracebacks."""
    _ORIGINALS[key] = fn.__code__

    @functools.wraps(fn)
    async def wrapper(*args, **kwargs):
        caller = sys._getframe(1)
        inline = id(caller.f_code) not in hooks.STEP_CODES and not state.quiet
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

    return transparent(wrapper)


def label_future(fut, caller):
    """Labels a future made by asyncio's sleep(), wait(), wait_for() or _cancel_and_wait()."""
    code = caller.f_code
    if code is SLEEP_CODE:
        fut._cs_label = f"sleep({arg_text(caller.f_locals.get('delay'))})"
    elif code is _ORIGINALS.get("wait_for"):     # 3.10 and 3.11: wait_for() waits on a future of its own
        inner = caller.f_locals.get("fut")
        what = coroutine_name(inner.get_coro()) if hasattr(inner, "_cs_lane") else coroutine_name(inner)
        fut._cs_label = f"wait_for({what}, timeout={arg_text(caller.f_locals.get('timeout'))})"
        fut._cs_role = "wait_for"
    elif code is tasks._wait.__code__:
        fut._cs_label = "wait(...)"
        fut._cs_role = "wait"
    elif code is _ORIGINALS.get("_cancel_and_wait"):
        inner = caller.f_locals.get("fut")
        fut._cs_label = "cancelling " + (task_label(inner) if hasattr(inner, "_cs_lane") else "Future")
        fut._cs_role = "cancel_and_wait"
    else:
        return False
    return True


def install(recorder):
    global REC
    REC = recorder
    import asyncio
    tasks.wait = asyncio.wait = _inline(tasks.wait, "wait()", "wait")
    tasks.wait_for = asyncio.wait_for = _inline(tasks.wait_for, "wait_for()", "wait_for")
    tasks._cancel_and_wait = _inline(tasks._cancel_and_wait, "_cancel_and_wait()", "_cancel_and_wait")
