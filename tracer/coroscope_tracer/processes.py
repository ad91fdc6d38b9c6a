"""Processes the script starts: multiprocessing, ProcessPoolExecutor, os.fork, subprocesses.

A forked child is a copy of the tracer: it must never write into the parent's stream (the stream
would be corrupted, and an inherited descriptor keeps the pipe open after the parent ends). At
fork, the child drops its recorder, closes the stream's descriptor and gets python3's own
standard streams back, so that what it prints reaches the process's stdout as under python3.

Each multiprocessing process is a lane of its own (kind `process`), named as multiprocessing names
it (Process-1, ForkProcess-1, SpawnPoolWorker-2, ...): created when it starts (from a Submit "start
Process-1" on the starting lane when the script starts it), ended with its exit code when the
parent sees it end; `p.join()` suspends the joining lane until then. A child forked for a
process lane sends what it prints, its stderr and, as a ProcessPoolExecutor's worker, each job it
takes and what the job returns, through a pipe of its own to the parent, which records them on the
child's lane (its Enter caused by the job's Submit). Children of the spawn and forkserver start
methods never see the tracer: their lanes show their start and end, their output goes to the
process's stdout.

Nothing outlives the run: the tracer is the subreaper of what the script starts (an orphan that
double-forked and left the process group is still its descendant), and when the run ends, every
descendant left is killed (python3 would leave them running; Coroscope's run is over). Core kills
the process group and those descendants too, when it stops a run or the tracer dies.
"""

import _thread
import functools
import io
import os
import queue
import signal
import sys
import threading
import time
import types

from . import hooks, stdio
from . import recorder as rec_mod
from .hooks import location
from .reprs import arg_text, describe, safe_repr

REC = None
MODULE_LANE = 0
NO = rec_mod.NO_EVENT


# -- the child's side ---------------------------------------------------------------------------

_start_lock = threading.Lock()   # one process started at a time: _forking names its lane
_forking = None                  # the lane of the process being forked
_child = None                    # in a forked child with a lane: (lane, channel's write end)


def _quote(text):
    return (text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
            .replace("\t", "\\t"))


def _unquote(text):
    if "\\" not in text:
        return text
    out = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            out.append({"n": "\n", "r": "\r", "t": "\t"}.get(text[i + 1], text[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _send(tag, *fields):
    """One record to the parent: `lane tag field<TAB>field...`. A pipe keeps a write of up to 4096
    bytes in one piece, so children never interleave: a longer last field goes first in pieces
    (the tag in lower case: more follows)."""
    lane, fd = _child
    *head, text = [_quote(str(f)) for f in fields]
    while len(text.encode("utf-8", "surrogateescape")) > 3000:
        piece, text = text[:1000], text[1000:]
        if piece.endswith("\\") and not piece.endswith("\\\\"):   # (not inside an escape)
            piece, text = piece[:-1], "\\" + text
        _write_record(fd, f"{lane} {tag.lower()} {piece}\n")
    _write_record(fd, f"{lane} {tag} {chr(9).join(head + [text])}\n")


def _write_record(fd, record):
    data = record.encode("utf-8", "surrogateescape")
    while data:
        try:
            n = os.write(fd, data)
        except InterruptedError:
            continue
        except OSError:
            return
        data = data[n:]


class _ChildStream(io.TextIOBase):
    """The forked child's sys.stdout: each write goes to the parent as it is made (O), which
    writes it through to the real stdout in its place and records its lines on the child's lane,
    as the traced stdout does in the parent."""

    def __init__(self, fileno):
        from .stdio import _Buffer
        self._fileno = fileno
        self.buffer = _Buffer(self)     # (bytes written there are text to this stream)

    @property
    def encoding(self):
        return "utf-8"

    def writable(self):
        return True

    def isatty(self):
        return False

    def fileno(self):
        return self._fileno

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if text:
            frame = hooks.user_frame(sys._getframe(1))
            where = (frame.f_code.co_filename, frame.f_lineno) if frame is not None else ("", 0)
            _send("O", where[0], where[1], text)
        return len(text)

    def _out(self, data, text):        # (what _Buffer calls: bytes written to sys.stdout.buffer)
        self.write(data.decode("utf-8", "replace"))

    def flush(self):
        pass


class _ChildStderr(_ChildStream):
    """The forked child's sys.stderr: what is written between two flushes is one report (a
    traceback), as the traced stderr collects it."""

    def __init__(self, fileno):
        super().__init__(fileno)
        self._text = []

    @property
    def errors(self):
        return "backslashreplace"

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self._text.append(text)
        return len(text)

    def flush(self):
        text = "".join(self._text)
        self._text.clear()
        if text:
            _send("E", text)

    close = flush


def _after_fork_in_child():
    global _child, _channel, _reader, _forking
    if REC is None:
        return
    fd = getattr(REC._write, "fd", None)
    REC.detach()
    hooks.closed = True
    if fd is not None:
        try:
            os.close(fd)
        except OSError:
            pass
    try:
        signal.setitimer(signal.ITIMER_REAL, 0)   # the parent's time limit is the parent's
        signal.signal(signal.SIGTERM, signal.SIG_DFL)   # (p.terminate(): killed as under python3)
    except (OSError, ValueError):
        pass
    for name, fn in _REAL_TIME.items():
        setattr(time, name, fn)
    forking, channel = _forking, _channel
    _forking = _channel = _reader = None
    if channel is not None:
        os.close(channel[0])
    if forking is not None and channel is not None:
        # A process with a lane: what it prints is recorded there, by the parent.
        _child = (forking, channel[1])
        sys.stdout = sys.__stdout__ = _ChildStream(1)
        sys.stderr = sys.__stderr__ = _ChildStderr(2)
        return
    if channel is not None:
        os.close(channel[1])
    # (Any other fork: stdio's own after-fork hook has it write plainly to the fds it inherited.)


# -- the parent's side: the channel's records -----------------------------------------------------

_channel = None     # (read end, write end): made at the first fork of a process with a lane
_reader = None      # the thread that records what arrives
_drain_lock = threading.Lock()
_partial = b""


def _before_fork():
    global _channel
    if _forking is not None and _channel is None:
        r, w = os.pipe2(os.O_CLOEXEC)
        os.set_blocking(r, False)
        _channel = (r, w)


def _after_fork_in_parent():
    global _reader
    if _channel is not None and _reader is None:
        # Below threading: the script's threading.enumerate() and active_count() stay python3's.
        from . import threads
        threads.share_for_good()
        _reader = _thread.start_new_thread(_read_channel, ())


def _read_channel():
    import select
    fd = _channel[0]
    while not hooks.closed:
        try:
            select.select([fd], [], [], 0.5)
        except (OSError, ValueError):
            return
        drain()


def drain(block=True):
    """Records what the children sent so far. (From the reader, and before anything that must come
    after it: a child's end, the run's end.)"""
    global _partial
    if _channel is None or hooks.closed:
        return
    if not _drain_lock.acquire(blocking=block):
        return
    try:
        chunks = []
        while True:
            try:
                chunk = os.read(_channel[0], 65536)
            except BlockingIOError:
                break
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        if not chunks:
            return
        data = _partial + b"".join(chunks)
        lines = data.split(b"\n")
        _partial = lines.pop()
        for line in lines:
            _record(line.decode("utf-8", "surrogateescape"))
    finally:
        _drain_lock.release()


_pieces = {}        # lane -> the first pieces of a long record
_lines = {}         # lane -> what a child printed of a line not ended yet
_leaves = {}        # a job's Submit -> its Leave on the worker's lane (the cause of its result)


def leave_of(submit):
    """The Leave of the job that `submit` handed over, once the worker's report is in."""
    drain()
    return _leaves.pop(submit, None)


def _record(line):
    try:
        lane_text, tag, rest = line.split(" ", 2)
        lane = int(lane_text)
    except ValueError:
        return
    if tag.islower():
        _pieces.setdefault(lane, []).append(rest)
        return
    fields = rest.split("\t")
    if lane in _pieces:
        fields[-1] = "".join(_pieces.pop(lane)) + fields[-1]
    fields = [_unquote(f) for f in fields]
    try:
        if tag == "O":
            filename, lineno, text = fields
            out = stdio.STDOUT
            if out is not None:
                stdio.write_through(1, text.encode(out.encoding, out.errors))
            lines = (_lines.pop(lane, "") + text).split("\n")
            rest = lines.pop()
            if rest:
                _lines[lane] = rest
            loc = REC.location(filename, int(lineno)) if filename else 0
            for line in lines:
                REC.event(rec_mod.OUTPUT, lane, NO, line, loc)
        elif tag == "E":
            text = fields[0]
            if stdio.STDERR is not None:
                stdio.write_through(2, text.encode(stdio.STDERR.encoding, "backslashreplace"))
            if text.rstrip("\n"):
                REC.meta("stderr", text.rstrip("\n"))
        elif tag == "J":
            submit, name = fields
            REC.event(rec_mod.ENTER, lane, int(submit), name)
        elif tag == "L":
            submit, detail = fields
            _leaves[int(submit)] = REC.event(rec_mod.LEAVE, lane, NO, detail)
    except ValueError:
        pass


# -- multiprocessing's processes ------------------------------------------------------------------

def _process_start(self):
    """BaseProcess.start: the process's lane first, then the process (forked: the child knows it)."""
    global _forking
    if hooks.closed or self._popen is not None or REC is None:
        return _orig["start"](self)     # (raises as multiprocessing does)
    caller = sys._getframe(1)
    frames = REC.local.frames
    here = frames[-1] if frames else getattr(threading.current_thread(), "_cs_parent", (MODULE_LANE, NO))
    if here[0] == rec_mod.NO_LANE:
        here = (MODULE_LANE, NO)
    if caller.f_code.co_filename in hooks.USER_FILES:
        cause = REC.event(rec_mod.SUBMIT, here[0], here[1], f"start {self.name}", location(caller))
    else:
        cause = here[1]          # a pool's worker: caused by what made the pool start it
    lane = REC.lane(self.name, rec_mod.PROCESS, parent=here[0], cause=cause)
    self._cs_lane = lane
    with _start_lock:
        _forking = lane
        try:
            _orig["start"](self)
        except BaseException as exc:
            REC.event(rec_mod.ERROR, lane, NO, describe(exc))
            raise
        finally:
            _forking = None
    REC.event(rec_mod.START, lane, cause)
    self._popen._cs_lane = lane
    self._popen._cs_end = None


def _ended(popen):
    """The parent has seen the process end (a poll, a wait, a join): its lane ends, after what it
    sent before."""
    lane = getattr(popen, "_cs_lane", None)
    if lane is None or popen._cs_end is not None or hooks.closed:
        return
    drain()
    code = popen.returncode
    if code == 0:
        popen._cs_end = REC.event(rec_mod.DONE, lane, NO, "exit code 0")
    else:
        what = f"exit code {code}" if code > 0 else f"killed by {_signal_name(-code)}"
        popen._cs_end = REC.event(rec_mod.ERROR, lane, NO, what)


def _signal_name(number):
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _polling(orig):
    def poll(self, *args, **kwargs):
        code = orig(self, *args, **kwargs)
        if code is not None and getattr(self, "_cs_end", 0) is None:
            _ended(self)
        return code
    poll.__wrapped__ = orig
    return poll


def _process_join(self, timeout=None):
    """p.join() in the script: the joining lane waits for the process's end."""
    popen = self._popen
    caller = sys._getframe(1)
    if (popen is None or getattr(popen, "_cs_lane", None) is None or popen._cs_end is not None or hooks.closed
            or caller.f_code.co_filename not in hooks.USER_FILES):
        return _orig["join"](self, timeout)
    here = REC.current_lane()
    label = f"{self.name}.join()" if timeout is None else f"{self.name}.join({arg_text(timeout)})"
    REC.event(rec_mod.SUSPEND, here, NO, label, location(caller))
    try:
        _orig["join"](self, timeout)
    finally:
        end = popen._cs_end
        resume = REC.event(rec_mod.RESUME, here, end if end is not None else NO, "None")
        frames = REC.local.frames
        if frames and frames[-1][0] == here:
            frames[-1] = (here, resume)


# -- ProcessPoolExecutor: jobs handed to the workers ----------------------------------------------

def _pool_submit(self, fn, /, *args, **kwargs):
    """Submit on the submitting lane, as for a thread pool; the job carries it to the worker."""
    if hooks.closed:
        return _orig["submit"](self, fn, *args, **kwargs)
    name = _job_name(fn, args)
    frames = REC.local.frames
    here = frames[-1] if frames else (REC.current_lane(), REC.current_slice())
    caller = sys._getframe(1)
    loc = location(hooks.user_frame(caller))       # (ex.map(...): the line of the map)
    submit = REC.event(rec_mod.SUBMIT, here[0], here[1], "submit " + name, loc)
    frames.append((here[0], submit))   # (the workers this submit starts are caused by it)
    _submitting.job = (submit, name)   # (for the work item it makes: _work_item)
    try:
        return _orig["submit"](self, fn, *args, **kwargs)
    finally:
        _submitting.job = None
        frames.pop()


_submitting = threading.local()


def _pool_shutdown(self, wait=True, *, cancel_futures=False):
    """shutdown(wait=True) in the script (or its `with`): the lane waits for the workers."""
    frame = sys._getframe(1)
    if frame.f_code.co_name == "__exit__" and frame.f_back is not None:   # `with ProcessPoolExecutor()`
        frame = frame.f_back
    if (not wait or hooks.closed or not self._processes or frame.f_code.co_filename not in hooks.USER_FILES
            or not REC.local.frames):
        return _orig["shutdown"](self, wait, cancel_futures=cancel_futures)
    here = REC.local.frames[-1][0]
    REC.event(rec_mod.SUSPEND, here, NO, "shutdown(wait=True)", location(frame))
    try:
        return _orig["shutdown"](self, wait, cancel_futures=cancel_futures)
    finally:
        REC.event(rec_mod.RESUME, here, NO, "None")


def _work_item(orig):
    """_WorkItem.__init__: its future carries the job's Submit (before the manager thread can see
    it)."""
    def __init__(self, future, fn, args, kwargs):
        orig(self, future, fn, args, kwargs)
        future._cs_job = getattr(_submitting, "job", None)
    return __init__


def _job_name(fn, args):
    """square(3); for a chunk of ProcessPoolExecutor.map, its calls: square(0), square(1)."""
    from .labels import callable_name
    if (isinstance(fn, functools.partial) and fn.func is cf_process._process_chunk and len(fn.args) == 1
            and len(args) == 1 and isinstance(args[0], tuple)):
        names = [callable_name(fn.args[0], a) for a in args[0][:4]]
        return ", ".join(names) + (", ..." if len(args[0]) > 4 else "")
    return callable_name(fn, args)


def _add_call_item_to_queue(self):
    """3.11's _ExecutorManagerThread.add_call_item_to_queue, the job's Submit given to the call
    item (a forked worker sends it back when it takes the job)."""
    while True:
        if self.call_queue.full():
            return
        try:
            work_id = self.work_ids_queue.get(block=False)
        except queue.Empty:
            return
        else:
            work_item = self.pending_work_items[work_id]
            if work_item.future.set_running_or_notify_cancel():
                item = cf_process._CallItem(work_id, work_item.fn, work_item.args, work_item.kwargs)
                item._cs_job = getattr(work_item.future, "_cs_job", None)
                self.call_queue.put(item, block=True)
            else:
                del self.pending_work_items[work_id]
                continue


def _process_worker(call_queue, *args):
    """A pool's worker process. Forked with a lane, it tells the parent each job it takes and what
    the job gives back; otherwise (spawn, forkserver: never this function) as python3's. (The rest
    of the arguments are the version's: 3.11 added max_tasks.)"""
    if _child is not None:
        get = call_queue.get

        def traced_get(*a, **k):
            item = get(*a, **k)
            job = getattr(item, "_cs_job", None)
            if job is not None:
                item.fn = _reporting(item.fn, job)
            return item

        call_queue.get = traced_get
    return _orig["worker"](call_queue, *args)


def _reporting(fn, job):
    submit, name = job
    chunk = isinstance(fn, functools.partial) and fn.func is cf_process._process_chunk

    def run(*args, **kwargs):
        _send("J", submit, name)
        try:
            result = fn(*args, **kwargs)
        except BaseException as exc:
            _send("L", submit, "raised " + describe(exc))
            raise
        if chunk and isinstance(result, list):
            _send("L", submit, ", ".join(safe_repr(r) for r in result))   # (a map's chunk: its results)
        else:
            _send("L", submit, safe_repr(result))
        return result

    return run


_real_monotonic = time.monotonic   # (bound when this module is imported, before clock.install())
# The time module's own functions: a forked child is not traced, its clock is the real one.
_REAL_TIME = {name: getattr(time, name) for name in (
    "sleep", "time", "time_ns", "monotonic", "monotonic_ns", "perf_counter", "perf_counter_ns",
    "localtime", "gmtime", "ctime", "asctime", "strftime")}


def _become_subreaper():
    """PR_SET_CHILD_SUBREAPER: orphans among the script's descendants are re-parented to the
    tracer, not to init, so they can be found and ended with the run."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(36, 1, 0, 0, 0)   # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError, ImportError):
        pass   # (not Linux: the process group alone)


def descendants(root):
    """The pids descending from `root`, read from /proc, parents before their children."""
    children = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    found = []
    todo = [root]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.append(child)
                todo.append(child)
    return found


def end_children():
    """The run is over: multiprocessing's resource tracker is told to clean up and end (as at
    python3's exit), then every descendant still running is killed."""
    tracker = sys.modules.get("multiprocessing.resource_tracker")
    if tracker is not None:
        try:
            tracker._resource_tracker._stop()
        except Exception:
            pass
    try:
        os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOHANG | os.WNOWAIT)
    except ChildProcessError:
        return             # no child at all (the common case: no look through /proc)
    except OSError:
        pass
    me = os.getpid()
    for _ in range(8):     # (children of the killed are re-parented to us: again until none)
        left = descendants(me)
        if not left:
            return
        for pid in left:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        for pid in left:
            try:
                os.waitpid(pid, 0)
            except OSError:
                pass


class _PatchOnImport:
    """A meta path finder: when one of these modules is imported (by the script, or by what it
    imports), it is patched right after it has run. multiprocessing costs start-up time that a
    script without processes should not pay."""

    def __init__(self, patches):
        self.patches = patches

    def find_spec(self, fullname, path=None, target=None):
        patch = self.patches.get(fullname)
        if patch is None:
            return None
        import importlib.machinery
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        if spec is None or spec.loader is None:
            return None
        spec.loader = _PatchingLoader(spec.loader, patch)
        return spec


class _PatchingLoader:
    def __init__(self, loader, patch):
        self._loader = loader
        self._patch = patch

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        module.__loader__ = self._loader
        self._loader.exec_module(module)
        self._patch(module)

    def __getattr__(self, name):
        return getattr(self._loader, name)


_orig = {}


def _patch_process(module):
    _orig["start"] = module.BaseProcess.start
    _orig["join"] = module.BaseProcess.join
    module.BaseProcess.start = _process_start
    module.BaseProcess.join = _process_join


def _patch_popen(module):
    module.Popen.poll = _polling(module.Popen.poll)


def _patch_pool(module):
    global cf_process
    cf_process = module
    _orig["submit"] = module.ProcessPoolExecutor.submit
    _orig["worker"] = module._process_worker
    module.ProcessPoolExecutor.submit = _pool_submit
    _orig["shutdown"] = module.ProcessPoolExecutor.shutdown
    module.ProcessPoolExecutor.shutdown = _pool_shutdown
    module._WorkItem.__init__ = _work_item(module._WorkItem.__init__)
    module._ExecutorManagerThread.add_call_item_to_queue = _add_call_item_to_queue
    # The workers' target: this function in a forked child; pickled for spawn and forkserver, it
    # is found under its name in the child: concurrent.futures' own.
    _process_worker.__module__ = module.__name__
    _process_worker.__qualname__ = _process_worker.__name__ = "_process_worker"
    module._process_worker = _process_worker


def _patch_connection(module):
    # multiprocessing.connection.wait() computes its deadline from time.monotonic() read at call
    # time: on the virtual clock, which stands still outside the event loop, a wait with a timeout
    # would never end. Library code waits in real time.
    module.time = types.SimpleNamespace(monotonic=_real_monotonic)


_PATCHES = {
    "multiprocessing.process": _patch_process,
    "multiprocessing.popen_fork": _patch_popen,
    "multiprocessing.popen_forkserver": _patch_popen,
    "multiprocessing.connection": _patch_connection,
    "concurrent.futures.process": _patch_pool,
}
cf_process = None


def install(recorder, module_lane):
    global REC, MODULE_LANE
    REC = recorder
    MODULE_LANE = module_lane
    os.register_at_fork(before=_before_fork, after_in_parent=_after_fork_in_parent,
                        after_in_child=_after_fork_in_child)
    _become_subreaper()
    for name, patch in _PATCHES.items():
        if name in sys.modules:
            patch(sys.modules[name])
    sys.meta_path.insert(0, _PatchOnImport(_PATCHES))
