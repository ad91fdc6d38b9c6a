"""CPython 3.13: 3.12's task steps; _run_once computes its select timeout in other words (the
same value); Queue.shutdown() and as_completed() as an async iterator are new; asyncio.create_task()
passes the name to the loop, and a task factory's task gets set_name(name) even when name is None
(3.13.0 names such tasks "None": what that interpreter does, the trace shows)."""

from asyncio import base_events

from .py312 import Facts as _Facts312
from .py312 import TaskSteps  # noqa: F401 (unchanged in 3.13)


class Facts(_Facts312):
    queue_shutdown = True
    as_completed_iterator = True
    loop_aliases = ("EventLoop",)
    exit_warning_place = ("<sys>", 0)


FACTS = Facts


class LoopSteps:
    """3.13's BaseEventLoop._run_once, recorded, on the run's clock."""

    def _run_once(self):
        sched_count = len(self._scheduled)
        if (sched_count > base_events._MIN_SCHEDULED_TIMER_HANDLES and
                self._timer_cancelled_count / sched_count > base_events._MIN_CANCELLED_TIMER_HANDLES_FRACTION):
            new_scheduled = []
            for handle in self._scheduled:
                if handle._cancelled:
                    handle._scheduled = False
                else:
                    new_scheduled.append(handle)
            base_events.heapq.heapify(new_scheduled)
            self._scheduled = new_scheduled
            self._timer_cancelled_count = 0
        else:
            while self._scheduled and self._scheduled[0]._cancelled:
                self._timer_cancelled_count -= 1
                handle = base_events.heapq.heappop(self._scheduled)
                handle._scheduled = False

        timeout = None
        if self._ready or self._stopping:
            timeout = 0
        elif self._scheduled:
            timeout = self._scheduled[0]._when - self.time()
            if timeout > base_events.MAXIMUM_SELECT_TIMEOUT:
                timeout = base_events.MAXIMUM_SELECT_TIMEOUT
            elif timeout < 0:
                timeout = 0

        event_list = self._select(timeout)
        self._process_events(event_list)
        event_list = None

        self._cs_fire_due_timers()
        self._cs_run_ready()
