"""Tracebacks as python3 prints them: the tracer's own frames left out.

A traced run goes through frames that a plain run does not have: the tracer's wrappers, asyncio's
pure-Python Future and Task (the C ones that python3 uses have no frames), the tracer's own
asyncio.run. Every traceback the script can see is built by the `traceback` module (the uncaught
exception's, which the runner prints with it, traceback.print_exc(), logging, asyncio's "Task
exception was never retrieved"), so its frame walkers are wrapped once: a hidden frame is skipped,
and a frame standing in for one of asyncio's functions is shown as that function's frame at the
line python3 shows (asyncio.run's `return runner.run(main)`). A warning's `stacklevel` counts the
frames python3 has, so a warning that asyncio raises for its caller names the script's line, not the
tracer's wrapper in between.
"""

import dis
import inspect
import io
import os
import sys
import traceback
import warnings

_PACKAGE = os.path.dirname(os.path.abspath(__file__)) + os.sep
_keep = []          # the code objects below, kept alive so that their ids stay theirs
_hidden = set()     # ids of code objects whose frames python3 never shows
_aliases = {}       # id(code) -> (_StandIn, positions): shown as another function's frame


class _StandIn:
    """What the traceback module reads of a frame: its code, globals and locals."""

    __slots__ = ("f_code", "f_globals", "f_locals", "f_lineno")

    def __init__(self, fn, lineno):
        self.f_code = fn.__code__
        self.f_globals = fn.__globals__
        self.f_locals = {}
        self.f_lineno = lineno


def _codes(obj):
    fn = getattr(obj, "__func__", obj)
    for attr in ("fget", "fset", "fdel"):
        if getattr(fn, attr, None) is not None:
            yield from _codes(getattr(fn, attr))
    code = getattr(fn, "__code__", None)
    if code is not None:
        yield code


def hide_class(cls):
    """The frames of `cls`'s own methods are never shown (a pure-Python class standing in for a C one)."""
    for value in vars(cls).values():
        for code in _codes(value):
            _keep.append(code)
            _hidden.add(id(code))


def hide_stack(frame):
    """The frames from `frame` down are never shown (what lies below the script's module: the
    bootstrap's "<string>" line, runpy, the tracer's main)."""
    while frame is not None:
        _keep.append(frame.f_code)
        _hidden.add(id(frame.f_code))
        frame = frame.f_back


def alias(replacement, original, marker):
    """`replacement`'s frames show as `original`'s at the line holding `marker` (with the call's
    columns, for the carets under it)."""
    lines, first = inspect.getsourcelines(original)
    lineno = next(first + i for i, text in enumerate(lines) if marker in text)
    positions = (lineno, lineno, None, None)
    try:
        calls = [i for i in dis.get_instructions(original) if i.positions and i.positions.lineno == lineno
                 and i.opname.startswith("CALL")]
        if calls:
            p = calls[-1].positions
            positions = (p.lineno, p.end_lineno, p.col_offset, p.end_col_offset)
    except AttributeError:   # 3.10: no positions, the line alone
        pass
    code = replacement.__code__
    _keep.append(code)
    _aliases[id(code)] = (_StandIn(original, lineno), positions)


def _shown(frame):
    """The frame as python3 would show it: itself, a stand-in, or None (not shown)."""
    code = frame.f_code
    key = id(code)
    if key in _aliases:
        return _aliases[key]
    if key in _hidden or code.co_filename.startswith(_PACKAGE):
        return None
    return frame


_walk_tb = traceback.walk_tb
_walk_stack = traceback.walk_stack


def walk_tb(tb):
    for frame, lineno in _walk_tb(tb):
        shown = _shown(frame)
        if shown is frame:
            yield frame, lineno
        elif shown is not None:
            yield shown[0], shown[0].f_lineno


def walk_stack(f):
    for frame, lineno in _walk_stack(f):
        shown = _shown(frame)
        if shown is frame:
            yield frame, lineno
        elif shown is not None:
            yield shown[0], shown[0].f_lineno


_warn = warnings.warn


def warn(message, category=None, stacklevel=1, source=None, **kwargs):
    if stacklevel > 1:
        # Up `stacklevel - 1` shown frames from the caller, however many hidden ones lie between.
        frame, steps, shown = sys._getframe(1), 0, 1
        while shown < stacklevel and frame is not None:
            frame = frame.f_back
            steps += 1
            if frame is not None and _shown(frame) is not None:
                shown += 1
        stacklevel = steps + 1
    return _warn(message, category, stacklevel + 1, source, **kwargs)


def install():
    warnings.warn = warn
    traceback.walk_tb = walk_tb
    traceback.walk_stack = walk_stack
    full = getattr(traceback, "_walk_tb_with_full_positions", None)
    if full is not None:     # 3.11 and later: frames with their columns, for the carets
        def walk_tb_with_full_positions(tb):
            for frame, positions in full(tb):
                shown = _shown(frame)
                if shown is frame:
                    yield frame, positions
                elif shown is not None:
                    yield shown
        traceback._walk_tb_with_full_positions = walk_tb_with_full_positions


def format_uncaught(exc):
    """The text python3 prints for an exception that ends the script."""
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)).rstrip("\n")
    return _with_suggestion(text, exc)


def _with_suggestion(text, exc):
    """Until 3.12 "Did you mean: 'sleep'?" is the interpreter's own display's (the C one), not the
    traceback module's: the line is taken from it."""
    if hasattr(traceback, "_compute_suggestion_error") or not isinstance(exc, (NameError, AttributeError, ImportError)):
        return text
    plain = traceback.format_exception_only(type(exc), exc)[0].rstrip("\n")
    buffer, saved = io.StringIO(), sys.stderr
    sys.stderr = buffer
    try:
        sys.__excepthook__(type(exc), exc, exc.__traceback__)
    except BaseException:
        return text
    finally:
        sys.stderr = saved
    for line in reversed(buffer.getvalue().splitlines()):
        if line.startswith(plain + ". Did you mean"):
            head, _, tail = text.rpartition(plain)
            return head + line + tail
    return text
