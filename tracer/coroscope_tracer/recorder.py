"""The recorder: lanes, events, interned strings and locations, written as the stream protocol.

One Recorder per run (RECORDER, set by the runner). It mirrors core's Recorder and Runtime: events
get consecutive sequence numbers, each thread has a stack of (lane, slice event) frames telling which
lane runs now and which event began its current slice (the cause of what it schedules), and the
clock is virtual (nanoseconds, moved by the event loop) or the real monotonic clock.

Lines are buffered and written in chunks: a switch records three events, so formatting and writing
must stay cheap (docs/pytrace-protocol.md describes every line).
"""

import os
import threading
from time import monotonic as _monotonic, monotonic_ns as _monotonic_ns  # the real clocks, bound before
# clock.install() points the time module at the virtual one

NO_EVENT = -1
NO_LANE = -1

# Lane kinds and event kinds, spelled as core's laneKindName() / eventKindName() spell them.
MODULE, LOOP, TASK, COROUTINE, GENERATOR, WORKER = (
    "module", "loop", "task", "coroutine", "generator", "worker")


def escape(text):
    """One line of the stream holds any text: backslash, newline and carriage return escaped."""
    if "\\" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
    return text


class BudgetExceeded(Exception):
    pass


class Recorder:
    def __init__(self, write, budget=1_000_000, real_clock=False):
        self._write = write          # takes one str, the next chunk of the stream
        self._out = []               # lines not written yet
        self._strings = {"": 0}
        self._locations = {}         # (file, line) -> id; 0 is "unknown"
        self.seq = 0                 # events recorded so far = the next event's seq
        self._lanes = []             # names, by lane id
        self.budget = budget
        self.real_clock = real_clock
        self._real_start = _monotonic_ns()
        self.now = 0                 # the clock, ns since the run began (virtual mode)
        self.local = threading.local()
        self.local.frames = []
        self._lock = None            # a lock once threads other than the main one record
        self._last_flush = _monotonic()
        self.on_budget = None        # called once when the budget is spent (the runner stops the run)
        self._spent = False
        self._out.append("coroscope-pytrace 1\n")

    # -- threads --------------------------------------------------------------------------------
    def share(self):
        """Another thread records from now on: every call takes the lock."""
        if self._lock is None:
            self._lock = threading.RLock()

    def frames(self):
        try:
            return self.local.frames
        except AttributeError:       # a thread that has not joined the run with enter_thread()
            self.local.frames = []
            return self.local.frames

    def current(self):
        """(lane, slice event) of what runs now on this thread."""
        frames = self.frames()
        return frames[-1] if frames else (NO_LANE, NO_EVENT)

    def current_lane(self):
        frames = self.frames()
        return frames[-1][0] if frames else NO_LANE

    def current_slice(self):
        frames = self.frames()
        return frames[-1][1] if frames else NO_EVENT

    # -- strings, locations, lanes ----------------------------------------------------------------
    def intern(self, text):
        sid = self._strings.get(text)
        if sid is None:
            sid = len(self._strings)
            self._strings[text] = sid
            self._out.append(f"S {sid} {escape(text)}\n")
        return sid

    def location(self, filename, line):
        key = (filename, line)
        lid = self._locations.get(key)
        if lid is None:
            lock = self._lock
            if lock:
                lock.acquire()
            try:
                lid = self._locations.get(key)
                if lid is None:
                    lid = len(self._locations) + 1
                    fid = self.intern(filename)
                    self._locations[key] = lid
                    self._out.append(f"F {lid} {fid} {line}\n")
            finally:
                if lock:
                    lock.release()
        return lid

    def lane_name(self, lane):
        return self._lanes[lane] if 0 <= lane < len(self._lanes) else "?"

    def lane(self, name, kind, parent=None, cause=None):
        """A new lane and its Create event; parent and cause default to what runs now."""
        lock = self._lock
        if lock:
            lock.acquire()
        try:
            frames = self.frames()
            if parent is None:
                parent = frames[-1][0] if frames else NO_LANE
            if cause is None:
                cause = frames[-1][1] if frames else NO_EVENT
            lane = len(self._lanes)
            self._lanes.append(name)
            self._check_budget()
            if self.real_clock:
                self.now = _monotonic_ns() - self._real_start
            self._out.append(f"L {lane} {kind} {parent} {self.intern(name)} {cause} {self.now}\n")
            self.seq += 1
            return lane
        finally:
            if lock:
                lock.release()

    def rename(self, lane, name):
        self._lanes[lane] = name
        self._out.append(f"R {lane} {self.intern(name)}\n")

    # -- events ---------------------------------------------------------------------------------
    def event(self, kind, lane, cause=NO_EVENT, detail="", loc=0):
        lock = self._lock
        if lock:
            lock.acquire()
        try:
            sid = self._strings.get(detail)
            if sid is None:
                sid = self.intern(detail)
            seq = self.seq
            if seq >= self.budget:
                self._check_budget()
            if self.real_clock:
                self.now = _monotonic_ns() - self._real_start
            self.seq = seq + 1
            self._out.append(f"E {kind} {lane} {cause} {sid} {loc} {self.now}\n")
            if len(self._out) > 4096:
                self.flush()
            return seq
        finally:
            if lock:
                lock.release()

    def timer_due(self, arm_event, due_ns):
        self._out.append(f"T {arm_event} {due_ns}\n")

    def meta(self, key, value):
        lock = self._lock
        if lock:
            lock.acquire()
        try:
            self._out.append(f"M {key} {escape(value)}\n")
        finally:
            if lock:
                lock.release()

    def set_now(self, ns):
        if ns > self.now:
            self.now = ns

    def real_now(self):
        return _monotonic_ns() - self._real_start

    def _check_budget(self):
        if self.seq >= self.budget and not self._spent:
            self._spent = True
            self.budget = self.seq + 64       # room for the final events
            if self.on_budget:
                self.on_budget()
            raise BudgetExceeded()

    # -- output ---------------------------------------------------------------------------------
    def flush(self):
        lock = self._lock
        if lock:
            lock.acquire()
        try:
            if self._out:
                chunk = "".join(self._out)
                self._out.clear()
                self._write(chunk)
            self._last_flush = _monotonic()
        finally:
            if lock:
                lock.release()

    def flush_if_due(self, interval=0.05):
        """Flush when the last flush is older than `interval` seconds: a live run grows in the app."""
        if self._out and _monotonic() - self._last_flush >= interval:
            self.flush()


def fd_writer(fd):
    """A writer for Recorder that writes whole chunks to a file descriptor."""
    def write(chunk):
        data = chunk.encode("utf-8", "surrogateescape")
        view = memoryview(data)
        while view:
            n = os.write(fd, view)
            view = view[n:]
    return write
