"""What differs between the CPython versions the tracer follows: one module each, chosen once.

The tracer runs asyncio's own code, except where it must see what happens: a task's step
(Task.__step, and from 3.12 the eager start) and the loop's iteration (_run_once) are written out
in the version's own words, with the recording added. Everything else is shared. A version module
exports:

  TaskSteps   mixin of TracedTask: the written-out step methods
  LoopSteps   mixin of TracedLoop: the written-out _run_once
  FACTS       what the version has (TaskGroup, eager tasks, Queue.shutdown, ...), for the parts
              that hook those
"""

import importlib
import sys

OLDEST = (3, 10)
NEWEST = (3, 13)


class UnsupportedPython(Exception):
    pass


def check(version=None):
    """Raises UnsupportedPython, saying why, for a version the tracer does not follow."""
    v = tuple(version or sys.version_info[:2])
    here = f"this is Python {v[0]}.{v[1]} ({sys.executable})"
    if v < OLDEST:
        raise UnsupportedPython(
            f"Coroscope's tracer runs on CPython 3.10 to 3.13; {here}. Python {v[0]}.{v[1]} is no longer "
            f"maintained and its asyncio differs (no asyncio.Runner, older Task internals): install "
            f"python3.10 or newer and choose it (coroscope-cli --python PATH, or Run > Python Interpreter...).")
    if v > NEWEST:
        raise UnsupportedPython(
            f"Coroscope's tracer has been tested on CPython 3.10 to 3.13; {here}, which it has not been "
            f"tested on, and whose asyncio differs where the tracer looks: 3.14's pure-Python Task keeps "
            f"its current task apart from the C asyncio.current_task(), tasks can start eagerly per call "
            f"(eager_start=), task factories receive keyword arguments, asyncio.graph builds call graphs. "
            f"Rather than draw a run that may be wrong, it refuses: choose Python 3.13 or older "
            f"(coroscope-cli --python PATH, or Run > Python Interpreter...).")


def load():
    """The module of the running interpreter's version."""
    check()
    return importlib.import_module(f"{__name__}.py3{sys.version_info[1]}")
