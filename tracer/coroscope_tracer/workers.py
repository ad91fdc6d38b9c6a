"""concurrent.futures' ThreadPoolExecutor: each worker thread a lane, each job handed over recorded.

As the C++ ThreadPoolExecutor records: Submit on the submitting lane; the worker's lane created by
the submit that starts it; on the worker, Suspend "work queue" while it waits, Resume with the job
it takes (cause: its Submit), Enter / Leave around the job; Done when the thread ends.
"""

import concurrent.futures
import sys
import threading
from concurrent.futures import _base
from concurrent.futures import thread as cf_thread

from . import hooks
from . import recorder as rec_mod
from .reprs import describe, safe_repr

REC = None
_outstanding = 0            # jobs submitted and not finished: the virtual clock waits for them
_lock = threading.Lock()


def outstanding():
    return _outstanding


def _job_name(fn, args):
    from .labels import callable_name
    return callable_name(fn, args)


class _TracedWorkItem(cf_thread._WorkItem):
    def __init__(self, future, fn, args, kwargs, name, submit):
        super().__init__(future, fn, args, kwargs)
        self.name = name
        self.submit = submit

    def run(self):
        global _outstanding
        try:
            if not self.future.set_running_or_notify_cancel():
                return
            frames = REC.frames()
            lane = frames[-1][0] if frames else rec_mod.NO_LANE
            enter = REC.event(rec_mod.ENTER, lane, self.submit, self.name)
            frames.append((lane, enter))
            try:
                result = self.fn(*self.args, **self.kwargs)
            except BaseException as exc:
                frames[-1] = (lane, REC.event(rec_mod.LEAVE, lane, rec_mod.NO_EVENT, "raised " + describe(exc)))
                self.future._cs_done = frames[-1][1]
                self.future.set_exception(exc)
                self = None
            else:
                frames[-1] = (lane, REC.event(rec_mod.LEAVE, lane, rec_mod.NO_EVENT, safe_repr(result)))
                self.future._cs_done = frames[-1][1]
                self.future.set_result(result)
            finally:
                frames.pop()
        finally:
            with _lock:
                _outstanding -= 1


def _traced_worker(executor_reference, work_queue, initializer, initargs, lane):
    # (The thread's Start and its end are the lane's as for any thread: threads.py.)
    if initializer is not None:
        try:
            initializer(*initargs)
        except BaseException:
            _base.LOGGER.critical('Exception in initializer:', exc_info=True)
            executor = executor_reference()
            if executor is not None:
                executor._initializer_failed()
            return
    try:
        while True:
            if work_queue.empty():
                REC.event(rec_mod.SUSPEND, lane, rec_mod.NO_EVENT, "work queue")
                work_item = work_queue.get(block=True)
                if work_item is not None:
                    REC.local.frames[-1] = (lane, REC.event(rec_mod.RESUME, lane, work_item.submit, work_item.name))
                else:
                    REC.local.frames[-1] = (lane, REC.event(rec_mod.RESUME, lane, rec_mod.NO_EVENT, "shutdown"))
            else:
                work_item = work_queue.get(block=True)
            if work_item is not None:
                work_item.run()
                del work_item
                executor = executor_reference()
                if executor is not None:
                    executor._idle_semaphore.release()
                del executor
                continue
            executor = executor_reference()
            if cf_thread._shutdown or executor is None or executor._shutdown:
                if executor is not None:
                    executor._shutdown = True
                work_queue.put(None)
                return
            del executor
    except BaseException:
        _base.LOGGER.critical('Exception in worker', exc_info=True)


def _submit(self, fn, /, *args, **kwargs):
    global _outstanding
    with self._shutdown_lock, cf_thread._global_shutdown_lock:
        if self._broken:
            raise cf_thread.BrokenThreadPool(self._broken)
        if self._shutdown:
            raise RuntimeError('cannot schedule new futures after shutdown')
        if cf_thread._shutdown:
            raise RuntimeError('cannot schedule new futures after interpreter shutdown')
        name = _job_name(fn, args)
        submit = REC.event(rec_mod.SUBMIT, REC.current_lane(), REC.current_slice(), "submit " + name)
        f = _base.Future()
        f._cs_name = name
        w = _TracedWorkItem(f, fn, args, kwargs, name, submit)
        with _lock:
            _outstanding += 1
        self._work_queue.put(w)
        _adjust_thread_count(self, submit)
        return f


def _adjust_thread_count(self, submit):
    if self._idle_semaphore.acquire(timeout=0):
        return

    def weakref_cb(_, q=self._work_queue):
        q.put(None)

    num_threads = len(self._threads)
    if num_threads < self._max_workers:
        thread_name = '%s_%d' % (self._thread_name_prefix or self, num_threads)
        lane = REC.lane(thread_name, rec_mod.WORKER, cause=submit)
        import weakref
        t = threading.Thread(name=thread_name, target=_traced_worker,
                             args=(weakref.ref(self, weakref_cb), self._work_queue, self._initializer,
                                   self._initargs, lane))
        t._cs_worker = True
        t._cs_lane = lane
        t._cs_cause = submit
        t.start()
        self._threads.add(t)
        cf_thread._threads_queues[t] = self._work_queue


_original_shutdown = cf_thread.ThreadPoolExecutor.shutdown


def _shutdown(self, wait=True, *, cancel_futures=False):
    frame = sys._getframe(1)
    if frame.f_code is _base.Executor.__exit__.__code__:    # `with ThreadPoolExecutor() as ex:`
        frame = frame.f_back
    if (not wait or not self._threads or hooks.closed or frame is None
            or frame.f_code.co_filename not in hooks.USER_FILES):
        # (asyncio.run's teardown, python3's exit: not the script's own call)
        return _original_shutdown(self, wait, cancel_futures=cancel_futures)
    lane = REC.current_lane()
    REC.event(rec_mod.SUSPEND, lane, rec_mod.NO_EVENT, "shutdown(wait=True)", hooks.location(frame))
    _original_shutdown(self, wait, cancel_futures=cancel_futures)
    REC.event(rec_mod.RESUME, lane, rec_mod.NO_EVENT, "None")


_original_result = _base.Future.result
_DONE = (_base.FINISHED, _base.CANCELLED, _base.CANCELLED_AND_NOTIFIED)


def _result(self, timeout=None):
    """f.result() in the script on a job not finished yet: the lane waits on "result() of
    square(3)", and the job's Leave (on the worker's lane) causes the resume, as in the C++
    runtime."""
    caller = sys._getframe(1)
    name = getattr(self, "_cs_name", None)
    if name is None:
        job = getattr(self, "_cs_job", None)    # a process pool's (processes.py)
        name = job[1] if job is not None else None
    if (name is None or hooks.closed or self._state in _DONE or caller.f_code.co_filename not in hooks.USER_FILES
            or not REC.local.frames):
        return _original_result(self, timeout)
    here = REC.local.frames[-1][0]
    REC.event(rec_mod.SUSPEND, here, rec_mod.NO_EVENT, f"result() of {name}", hooks.location(caller))
    cause = rec_mod.NO_EVENT
    try:
        result = _original_result(self, timeout)
    except TimeoutError:
        detail = "TimeoutError()"
        raise
    except BaseException as exc:
        detail, cause = safe_repr(exc), _done_event(self)
        raise
    else:
        detail, cause = safe_repr(result), _done_event(self)
        return result
    finally:
        resume = REC.event(rec_mod.RESUME, here, cause, detail)
        frames = REC.local.frames
        if frames and frames[-1][0] == here:
            frames[-1] = (here, resume)


def _done_event(future):
    done = getattr(future, "_cs_done", None)
    if done is None and getattr(future, "_cs_job", None) is not None:
        from . import processes
        done = processes.leave_of(future._cs_job[0])
    return rec_mod.NO_EVENT if done is None else done


def install(recorder):
    global REC
    REC = recorder
    cf_thread.ThreadPoolExecutor.submit = _submit
    # A job's exception shows the worker's frame python3 shows (thread.py's `self.fn(...)` line).
    from . import tracebacks
    tracebacks.alias(_TracedWorkItem.run, cf_thread._WorkItem.run, "self.fn(*self.args")
    cf_thread.ThreadPoolExecutor.shutdown = _shutdown
    _base.Future.result = _result
    concurrent.futures.ThreadPoolExecutor = cf_thread.ThreadPoolExecutor
