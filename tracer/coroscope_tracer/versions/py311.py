"""CPython 3.11: 3.10's Task.__step and _run_once; asyncio.Runner, TaskGroup, timeout() and
Barrier are new (the tracer hooks them), and so are Task.cancelling() / uncancel()."""

from .py310 import Facts as _Facts310
from .py310 import LoopSteps, TaskSteps  # noqa: F401 (unchanged in 3.11)


class Facts(_Facts310):
    runner = True
    taskgroup = True


FACTS = Facts
