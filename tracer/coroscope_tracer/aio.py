"""asyncio, hooked where it acts, for one traced run.

asyncio's own code runs; what is hooked records what it does (docs/pytrace.md, "How"):
  task.py      the Task and Future (asyncio's pure-Python ones, the version's step written out)
  loop.py      the event loop (the version's _run_once written out), timers, the clock, asyncio.run
  running.py   wait(), wait_for() and the labels of the futures asyncio makes
  sync.py      locks, events, conditions, semaphores, barriers, queues, TaskGroup, timeout()
  versions/    what differs between CPython 3.10, 3.11, 3.12 and 3.13
"""

import asyncio
from asyncio import futures, runners, tasks, unix_events

from . import labels, loop, reprs, running, state, stepping, sync, task, tracebacks
from .task import VERSION, TracedTask


def install(recorder):
    """Hooks asyncio for this run."""
    state.REC = recorder
    for part in (stepping, task, loop, running):
        part.install(recorder)
    reprs.CUSTOM[TracedTask] = labels.task_repr
    loop.FUTURE_LABELLERS.append(running.label_future)
    # The frames of the pure-Python Task and Future, which python3's C ones do not have, are left
    # out of every traceback the script sees.
    tracebacks.hide_class(futures._PyFuture)
    tracebacks.hide_class(tasks._PyTask)
    asyncio.set_event_loop_policy(loop.TracedPolicy())
    # Every loop the script makes is traced: asyncio.SelectorEventLoop() (asyncio.EventLoop, 3.13),
    # and the policy a set_event_loop_policy(None) makes afresh.
    for name in ("SelectorEventLoop",) + VERSION.FACTS.loop_aliases:
        setattr(asyncio, name, loop.TracedLoop)
        setattr(unix_events, name, loop.TracedLoop)
    asyncio.DefaultEventLoopPolicy = unix_events.DefaultEventLoopPolicy = loop.TracedPolicy
    runners._cancel_all_tasks = loop.cancel_all_tasks
    asyncio.Task = tasks.Task = TracedTask
    if VERSION.FACTS.eager_tasks:
        asyncio.eager_task_factory = tasks.eager_task_factory = tasks.create_eager_task_factory(TracedTask)
    sync.install(recorder, VERSION.FACTS)
