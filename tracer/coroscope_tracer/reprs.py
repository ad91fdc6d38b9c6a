"""Event details as the C++ runtime writes them: Python's repr, made deterministic and bounded.

A trace must be the same on every run: memory addresses (" at 0x7f..") are dropped and sets are
shown with their items sorted, since their order follows object ids.
"""

import re

_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
LIMIT = 500
CUSTOM = {}   # type -> repr function, for asyncio's own objects (aio.install fills it)


def safe_repr(value, limit=LIMIT):
    try:
        text = _repr(value, 0)
    except Exception:  # a user's __repr__ that raises: say what it is instead
        text = f"<{type(value).__name__} object>"
    if " at 0x" in text:
        text = _ADDRESS.sub("", text)
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return text


def _repr(value, depth):
    t = type(value)
    custom = CUSTOM.get(t)
    if custom is not None:
        return custom(value)
    if depth > 8:
        return "..."
    if t is set or t is frozenset:
        if not value:
            return "set()" if t is set else "frozenset()"
        inner = "{" + ", ".join(sorted(_repr(v, depth + 1) for v in value)) + "}"
        return inner if t is set else f"frozenset({inner})"
    if t is tuple:
        items = [_repr(v, depth + 1) for v in value]
        return "(" + items[0] + ",)" if len(items) == 1 else "(" + ", ".join(items) + ")"
    if t is list:
        return "[" + ", ".join(_repr(v, depth + 1) for v in value) + "]"
    if t is dict:
        return "{" + ", ".join(f"{_repr(k, depth + 1)}: {_repr(v, depth + 1)}" for k, v in value.items()) + "}"
    return repr(value)


def exception_name(exc):
    """The type as a traceback's last line names it: builtins and __main__ unqualified."""
    t = type(exc)
    name = t.__qualname__
    module = t.__module__
    if module not in ("__main__", "builtins") and not module.startswith("asyncio"):
        name = f"{module}.{name}"
    return name


def describe(exc):
    """'ValueError: bad job', or 'TimeoutError' when there is no message."""
    try:
        text = str(exc)
    except Exception:
        text = ""
    name = exception_name(exc)
    return f"{name}: {text}" if text else name


def arg_text(value):
    """How a call's argument reads in a label: sleep(2), sleep(0.1)."""
    return safe_repr(value, 60)
