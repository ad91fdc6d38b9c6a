"""What the instrumented user code calls (as `__coroscope__.<name>`): generator and coroutine frames.

A generator is a lane of its own, as in the C++ runtime: its creation, each hand-over with whoever
drives it (next / send / throw / close, or a delegating `yield from`) and its end are recorded on
both lanes, each with the cause that draws the arrow. A coroutine awaited inline (`await child()`)
is no lane: it records Enter / Leave on the lane of the task running it; so does an async generator
for each step of `async for`.
"""

import sys
import weakref

from . import recorder as rec_mod
from .reprs import describe, safe_repr

NOTHING = object()          # "no result yet" in the instrumented function's locals
FINALIZED = "close() (finalized)"   # what closes a generator nobody refers to any more

REC = None                  # the run's Recorder, set by state.install()
STEP_CODES = set()          # ids of the traced Task's step code: a coroutine resumed from there is a task's own
USER_FILES = set()          # files compiled with the hooks (the script and its folder's modules)
closed = False              # the run is over: finalizers at exit record nothing


class _Gen:
    __slots__ = ("lane", "name", "started", "delegating", "delegate_event", "outer", "__weakref__")

    def __init__(self, lane, name):
        self.lane = lane
        self.name = name
        self.started = False
        self.outer = None            # the generator delegating to this one (yield from), if any
        self.delegating = False      # parked in `yield from` another traced generator
        self.delegate_event = -1     # the delegate's Done, the cause of our resume


_gens = {}                  # id(frame) -> _Gen, for traced generators not finished yet
_agens = {}                 # id(frame) -> async generator object (to walk what it awaits)
_lane_gens = {}             # lane -> _Gen
_pending_send = None        # the generator that `g.send(...)` is about to resume
_pending_delegate = None    # (generator, suspend event) of a `yield from` about to start it
_inline = set()             # id(frame) of coroutines entered inline (their Leave is recorded)


def location(frame):
    if frame is None:
        return 0
    return REC.location(frame.f_code.co_filename, frame.f_lineno)


def user_frame(frame):
    """The innermost frame of the user's own code at or above `frame`."""
    while frame is not None and frame.f_code.co_filename not in USER_FILES:
        frame = frame.f_back
    return frame


def error_location(exc):
    """Where an exception was raised in the user's code: the deepest frame of its traceback in
    their files (the editor marks that line), or 0."""
    tb = getattr(exc, "__traceback__", None)
    where = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename in USER_FILES:
            where = tb
        tb = tb.tb_next
    return REC.location(where.tb_frame.f_code.co_filename, where.tb_lineno) if where is not None else 0


def await_site(frame):
    """Where a task's awaitable was awaited: the innermost user frame of the coroutines running in
    this step (not beyond the task's step), else `frame` itself (asyncio's own code)."""
    f = frame
    while f is not None and id(f.f_code) not in STEP_CODES:
        if f.f_code.co_filename in USER_FILES:
            return f
        f = f.f_back
    return frame


# -- generators ------------------------------------------------------------------------------------

def generator(fn):
    """Decorator: the generator gets its lane when it is created, as the C++ Generator does."""
    name = fn.__name__ + "()"

    def make(*args, **kwargs):
        gen = fn(*args, **kwargs)
        if not closed:
            lane = REC.lane(name, rec_mod.GENERATOR)
            info = _Gen(lane, name)
            key = id(gen.gi_frame)
            _gens[key] = info
            _lane_gens[lane] = info
            # A generator dropped before it ran is forgotten here; one that ran is finalized first
            # (close(), recorded) and forgotten at its end: weakrefs are cleared before that.
            weakref.finalize(gen, _forget, key, lane, info)
        return gen

    _copy_identity(make, fn)
    return make


def async_generator(fn):
    def make(*args, **kwargs):
        agen = fn(*args, **kwargs)
        key = id(agen.ag_frame)
        _agens[key] = agen
        weakref.finalize(agen, _agens.pop, key, None)
        return agen

    _copy_identity(make, fn)
    return make


def _copy_identity(wrapper, fn):
    for attr in ("__module__", "__name__", "__qualname__", "__doc__"):
        try:
            setattr(wrapper, attr, getattr(fn, attr))
        except AttributeError:
            pass
    wrapper.__dict__.update(fn.__dict__)
    wrapper.__wrapped__ = fn


def _forget(key, lane, info):
    if not info.started and _gens.get(key) is info:
        del _gens[key]
        _lane_gens.pop(lane, None)


def mark_send(obj):
    global _pending_send
    _pending_send = obj
    return obj


def _driver_frame(frame):
    """Above a traced generator's frame: skip the generators that delegate to it (yield from)."""
    back = frame.f_back
    while back is not None:
        info = _gens.get(id(back))
        if info is None or not info.delegating:
            return back
        back = back.f_back
    return back


def _outermost(frame):
    """The generator object the driver resumes: the outermost of a yield-from chain."""
    outer = frame
    back = frame.f_back
    while back is not None:
        info = _gens.get(id(back))
        if info is None or not info.delegating:
            break
        outer = back
        back = back.f_back
    return outer


def _call_label(frame, value, exc):
    global _pending_send
    pending, _pending_send = _pending_send, None
    if exc is not None:
        if not isinstance(exc, GeneratorExit):
            return f"throw({safe_repr(exc)})"
        # g.close() in the script, or the generator dropped (its last reference gone) and finalized.
        explicit = pending is not None and getattr(pending, "gi_frame", None) is _outermost(frame)
        return "close()" if explicit else FINALIZED
    if value is not None:
        return f"send({safe_repr(value)})"
    outer = _outermost(frame)
    if pending is not None and getattr(pending, "gi_frame", None) is outer:
        return "send(None)"
    return "next()"


def gen_start():
    global _pending_delegate
    frame = sys._getframe(1)
    info = _gens.get(id(frame))
    if info is None or closed:
        return
    pending, _pending_delegate = _pending_delegate, None
    if pending is not None and pending[0].gi_frame is frame:
        cause = pending[1]          # the outer generator's `yield from` starts us
        global _pending_send
        _pending_send = None
    else:
        driver = _driver_frame(frame)
        cause = REC.event(rec_mod.SUSPEND, REC.current_lane(), rec_mod.NO_EVENT, _call_label(frame, None, None),
                          location(user_frame(driver)))
    info.started = True
    ev = REC.event(rec_mod.START, info.lane, cause)
    REC.frames().append((info.lane, ev))


def yield_(value):
    """`yield value`, recorded: the suspension here, the driver's resumption, then what resumes us."""
    frame = sys._getframe(1)
    info = _gens.get(id(frame))
    if info is None or closed:
        return (yield value)
    text = safe_repr(value)
    ev = REC.event(rec_mod.SUSPEND, info.lane, rec_mod.NO_EVENT, "yield " + text, location(frame))
    driver = _pop_to_driver(info.lane)
    REC.event(rec_mod.RESUME, driver, ev, text)
    try:
        sent = yield value
    except BaseException as exc:
        # close() reaches this helper directly (the generator's own frame is not running yet):
        # the frame that called close() is then the one above this helper.
        _resumed(frame, sys._getframe(1), exc=exc)
        raise
    _resumed(frame, sys._getframe(1), value=sent)
    return sent


def _pop_to_driver(lane):
    """Leaves this generator's lane and the delegating ones under it; returns the driver's lane."""
    frames = REC.frames()
    if frames and frames[-1][0] == lane:
        frames.pop()
    while frames:
        info = _lane_gens.get(frames[-1][0])
        if info is None or not info.delegating:
            break
        frames.pop()
    return frames[-1][0] if frames else rec_mod.NO_LANE


def _resumed(frame, above, value=None, exc=None):
    global _pending_delegate
    info = _gens.get(id(frame))
    if info is None or closed:
        return
    frames = REC.frames()
    pending, _pending_delegate = _pending_delegate, None
    if pending is not None and pending[0].gi_frame is frame:
        cause = pending[1]          # an outer generator's `yield from` resumes us first
    else:
        driver = _driver_frame(frame) if frame.f_back is not None or above is frame else above
        label = _call_label(frame, value, exc)
        where = 0 if label == FINALIZED else location(user_frame(driver))
        cause = REC.event(rec_mod.SUSPEND, REC.current_lane(), rec_mod.NO_EVENT, label, where)
        # Re-enter the delegating generators between the driver and us, outermost first.
        chain = []
        outer = info.outer
        while outer is not None and outer.delegating:
            chain.append(outer)
            outer = outer.outer
        for outer in reversed(chain):
            frames.append((outer.lane, cause))
    detail = safe_repr(exc) if exc is not None else safe_repr(value)
    ev = REC.event(rec_mod.RESUME, info.lane, cause, detail)
    frames.append((info.lane, ev))


def yield_from(sub):
    """`yield from sub`: this generator parks in the delegation; a traced sub-generator runs next."""
    global _pending_delegate
    frame = sys._getframe(1)
    info = _gens.get(id(frame))
    sub_info = _gens.get(id(getattr(sub, "gi_frame", None))) if getattr(sub, "gi_frame", None) else None
    if info is None or sub_info is None or closed:
        return sub
    ev = REC.event(rec_mod.SUSPEND, info.lane, rec_mod.NO_EVENT, "yield from " + sub_info.name, location(frame))
    info.delegating = True
    sub_info.outer = info
    info.delegate_event = -1
    _pending_delegate = (sub, ev)
    return sub


def yield_from_done(value):
    """The delegation returned `value`: this generator runs on (cause: the delegate's end)."""
    frame = sys._getframe(1)
    info = _gens.get(id(frame))
    if info is None or not info.delegating or closed:
        return value
    info.delegating = False
    ev = REC.event(rec_mod.RESUME, info.lane, info.delegate_event, safe_repr(value))
    frames = REC.frames()
    if not frames or frames[-1][0] != info.lane:
        frames.append((info.lane, ev))
    else:
        frames[-1] = (info.lane, ev)
    return value


def _end(frame, kind, detail, caller_detail, outer_detail=None):
    info = _gens.pop(id(frame), None)
    if info is None or closed:
        return
    _lane_gens.pop(info.lane, None)
    ev = REC.event(kind, info.lane, rec_mod.NO_EVENT, detail)
    frames = REC.frames()
    if frames and frames[-1][0] == info.lane:
        frames.pop()
    outer = _lane_gens.get(frames[-1][0]) if frames else None
    if outer is not None and outer.delegating:
        outer.delegate_event = ev   # yield_from_done() records the outer generator's resume
        if kind == rec_mod.ERROR or detail == "closed":
            outer.delegating = False
            REC.event(rec_mod.RESUME, outer.lane, ev, outer_detail or caller_detail)
        return
    REC.event(rec_mod.RESUME, frames[-1][0] if frames else rec_mod.NO_LANE, ev, caller_detail)


def gen_return(value):
    text = safe_repr(value)
    _end(sys._getframe(1), rec_mod.DONE, text, "StopIteration()" if value is None else f"StopIteration({text})")


def gen_raise(exc):
    frame = sys._getframe(1)
    if isinstance(exc, GeneratorExit):
        _end(frame, rec_mod.DONE, "closed", "None", safe_repr(exc))
    elif isinstance(exc, StopIteration):
        pass  # PEP 479 turns it into RuntimeError first; nothing to do here
    else:
        text = describe(exc)
        _end(frame, rec_mod.ERROR, text, "raised " + text, safe_repr(exc))


# -- coroutines awaited inline, async generators ----------------------------------------------------

def _inline_parent(frame):
    """The frame awaiting `frame` inline, or None when it is a task's own coroutine."""
    back = frame.f_back
    if back is None or id(back.f_code) in STEP_CODES:
        return None
    return back


def co_enter():
    frame = sys._getframe(1)
    if closed:
        return
    parent = _inline_parent(frame)
    if parent is None:
        return
    REC.event(rec_mod.ENTER, REC.current_lane(), rec_mod.NO_EVENT, frame.f_code.co_name + "()",
              location(user_frame(parent)))
    _inline.add(id(frame))


def co_return(value):
    frame = sys._getframe(1)
    if id(frame) in _inline:
        _inline.discard(id(frame))
        if not closed:
            REC.event(rec_mod.LEAVE, REC.current_lane(), rec_mod.NO_EVENT, safe_repr(value))


def co_raise(exc):
    frame = sys._getframe(1)
    if id(frame) in _inline:
        _inline.discard(id(frame))
        if not closed:
            REC.event(rec_mod.LEAVE, REC.current_lane(), rec_mod.NO_EVENT, "raised " + describe(exc))


_ag_running = {}            # lane -> [async generator frames entered and not left], innermost last


def _ag_in(frame):
    if closed:
        return
    lane = REC.current_lane()
    REC.event(rec_mod.ENTER, lane, rec_mod.NO_EVENT, frame.f_code.co_name + "()", location(user_frame(frame.f_back)))
    _ag_running.setdefault(lane, []).append(frame)


def _ag_out(frame, detail):
    if closed:
        return
    lane = REC.current_lane()
    running = _ag_running.get(lane)
    if running and running[-1] is frame:
        running.pop()
    REC.event(rec_mod.LEAVE, lane, rec_mod.NO_EVENT, detail)


def ag_enter():
    _ag_in(sys._getframe(1))


def ag_yield(value):
    _ag_out(sys._getframe(1), "yield " + safe_repr(value))
    return value


def ag_resumed(sent):
    _ag_in(sys._getframe(1))
    return sent


def ag_return(value):
    _ag_out(sys._getframe(1), "StopAsyncIteration")


def ag_raise(exc):
    frame = sys._getframe(1)
    if isinstance(exc, GeneratorExit):
        _ag_out(frame, "closed")
    else:
        _ag_out(frame, "raised " + describe(exc))


def running_async_generator(lane):
    """The async generator object running inline on `lane` now (innermost), or None."""
    running = _ag_running.get(lane)
    if not running:
        return None
    return _agens.get(id(running[-1]))
