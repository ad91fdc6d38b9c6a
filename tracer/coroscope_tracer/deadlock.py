"""What a deadlocked run says: the future the loop waits for and, task by task, what each waits
for and at which line of the script."""

import os
from asyncio import tasks

from .awaits import await_chain
from .hooks import USER_FILES
from .labels import future_label, task_label


def report(loop):
    waited = getattr(loop, "_cs_waited", None) or loop._cs_main
    what = future_label(waited) if waited is not None else "the future"
    lines = [f"deadlock: the event loop has nothing left to run, but {what} is still pending"]
    pending = [t for t in tasks.all_tasks(loop) if getattr(t, "_cs_lane", None) is not None]
    for task in sorted(pending, key=lambda t: t._cs_lane):
        waiting = future_label(task._fut_waiter) if task._fut_waiter is not None else "nothing"
        line = f"  {task_label(task)} waits for {waiting}"
        user = [f for f in await_chain(task) if f.f_code.co_filename in USER_FILES]
        if user:
            line += f" at {os.path.basename(user[-1].f_code.co_filename)}:{user[-1].f_lineno}"
        lines.append(line)
    return "\n".join(lines)
