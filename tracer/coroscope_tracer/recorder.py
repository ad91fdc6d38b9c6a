"""The recorder: lanes, events, interned strings and locations, written as the stream protocol.

One Recorder per run (RECORDER, set by the runner). It mirrors core's Recorder and Runtime: events
get consecutive sequence numbers, each thread has a stack of (lane, slice event) frames telling which
lane runs now and which event began its current slice (the cause of what it schedules), and the
clock is virtual (nanoseconds, moved by the event loop) or the real monotonic clock.

A switch records three events, so recording one must stay cheap: events are packed as 64-bit
integers into an array and written in binary batches (`B` records); strings, lanes and metadata are
text lines between them (docs/pytrace-protocol.md describes both).
"""

import os
import struct
import sys
import threading
from time import monotonic as _monotonic, monotonic_ns as _monotonic_ns  # the real clocks, bound before
# clock.install() points the time module at the virtual one

NO_EVENT = -1
NO_LANE = -1

# Lane kinds, spelled as core's laneKindName() spells them.
MODULE, LOOP, TASK, COROUTINE, GENERATOR, WORKER, PROCESS = (
    "module", "loop", "task", "coroutine", "generator", "worker", "process")

# Event kinds: core's EventKind values (the numbers are part of the protocol).
(CREATE, START, SUSPEND, RESUME, OUTPUT, ENTER, LEAVE, DONE, ERROR, CANCEL, SCHEDULE, CALLBACK,
 TIMER_ARM, TIMER_FIRE, TIMER_CANCEL, CLOCK, FAULT, SUBMIT, SYNC) = range(19)
FIELDS = 7   # kind, lane, cause, detail, location, time, due (-1 unless a timer-arm's)


def escape(text):
    """One line of the stream holds any text: backslash, newline and carriage return escaped."""
    if "\\" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
    return text


class BudgetExceeded(Exception):
    pass


class _ThreadState(threading.local):
    """Per thread: the stack of (lane, slice event) frames; a thread starts with none."""

    def __init__(self):
        self.frames = []


class Recorder:
    def __init__(self, write, budget=1_000_000, real_clock=False):
        self._write = write          # takes bytes, the next chunk of the stream
        self._out = []               # encoded records not written yet, in order
        self._pending = []           # events since the last text record, FIELDS ints each, flat
        if sys.byteorder != "little":
            raise RuntimeError("the tracer's binary events are little-endian")
        self._strings = {"": 0}
        self._locations = {}         # (file, line) -> id; 0 is "unknown"
        self.seq = 0                 # events recorded so far = the next event's seq
        self._lanes = []             # names, by lane id
        self.budget = budget
        self.real_clock = real_clock
        self._real_start = _monotonic_ns()
        self.real_start_ns = self._real_start   # time.monotonic_ns() when the run began
        self.now = 0                 # the clock, ns since the run began (virtual mode)
        self.local = _ThreadState()
        self._lock = None            # a lock while threads other than the main one may record
        self._fast = None            # the unlocked `event` of the virtual clock, while one thread records
        self.adopt = None            # called for a thread that records with no lane yet: gives it one
        self._last_flush = _monotonic()
        self.on_budget = None        # called once when the budget is spent (the runner stops the run)
        self._spent = False
        self._out.append(b"coroscope-pytrace 1\n")
        if not real_clock:
            self._fast = self.event = self._fast_event()
        self._main = threading.get_ident()

    # -- threads --------------------------------------------------------------------------------
    # Events are numbered by their position in the stream, so two threads recording at once must
    # never interleave inside one event: while another thread may record, every call takes the
    # lock; a run with one thread keeps the unlocked fast path (share / unshare switch them).
    def share(self):
        """Other threads may record from now on: every call takes the lock."""
        if self._lock is None:
            self._lock = threading.RLock()
            if self._fast is not None:
                self.event = self._fast_event(self._lock)   # the same, under the lock

    def unshare(self):
        """Only this thread records again (the caller holds no lock and no other thread records)."""
        if self._lock is not None:
            self._lock = None
            if self._fast is not None:
                self.event = self._fast

    def frames(self):
        frames = self.local.frames
        if not frames and self.adopt is not None and threading.get_ident() != self._main:
            self.adopt()   # a thread that records before it has a lane gets one now
        return frames

    def current(self):
        """(lane, slice event) of what runs now on this thread."""
        frames = self.frames()
        return frames[-1] if frames else (NO_LANE, NO_EVENT)

    def current_lane(self):
        frames = self.frames()
        return frames[-1][0] if frames else NO_LANE

    def current_slice(self):
        """The event that began what runs now: the cause of what it schedules. (A library's
        thread without a lane is given none for this: it causes, it does not run.)"""
        frames = self.local.frames
        return frames[-1][1] if frames else NO_EVENT

    # -- strings, locations, lanes ----------------------------------------------------------------
    def _text(self, line):
        """A text record: after the events recorded so far, which go first as one binary batch."""
        if self._pending:
            self._end_batch()
        self._out.append(line.encode("utf-8", "surrogateescape"))

    def _end_batch(self):
        pending = self._pending
        self._out.append(b"B %d\n" % (len(pending) // FIELDS))
        self._out.append(struct.pack("<%dq" % len(pending), *pending))  # (one C loop: the fastest way here)
        pending.clear()  # (the same list: the fast event() holds it)

    def intern(self, text):
        sid = self._strings.get(text)
        if sid is None:
            sid = len(self._strings)
            self._strings[text] = sid
            self._text(f"S {sid} {escape(text)}\n")
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
                    self._text(f"F {lid} {fid} {line}\n")
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
            frames = self.frames() if parent is None or cause is None else ()
            if parent is None:
                parent = frames[-1][0] if frames else NO_LANE
            if cause is None:
                cause = frames[-1][1] if frames else NO_EVENT
            lane = len(self._lanes)
            self._lanes.append(name)
            self._check_budget()
            if self.real_clock:
                self.now = _monotonic_ns() - self._real_start
            self._text(f"L {lane} {kind} {parent} {self.intern(name)} {cause} {self.now}\n")
            self.seq += 1
            return lane
        finally:
            if lock:
                lock.release()

    def rename(self, lane, name):
        lock = self._lock
        if lock:
            lock.acquire()
        try:
            self._lanes[lane] = name
            self._text(f"R {lane} {self.intern(name)}\n")
        finally:
            if lock:
                lock.release()

    # -- events ---------------------------------------------------------------------------------
    def event(self, kind, lane, cause=NO_EVENT, detail="", loc=0):
        """Records one event and returns its seq. (The instance's `event` is the fast version below,
        made by _fast_event(); this one is the reference and the locked path.)"""
        lock = self._lock
        if lock:
            lock.acquire()
        try:
            return self._append(kind, lane, cause, detail, loc)
        finally:
            if lock:
                lock.release()

    def _append(self, kind, lane, cause, detail, loc):
        sid = self._strings.get(detail)
        if sid is None:
            sid = self.intern(detail)
        seq = self.seq
        if seq >= self.budget:
            self._check_budget()
        if self.real_clock:
            self.now = _monotonic_ns() - self._real_start
        self.seq = seq + 1
        self._pending.extend((kind, lane, cause, sid, loc, self.now, -1))
        if len(self._pending) > 65536:
            self.flush()
        return seq

    def _fast_event(self, lock=None):
        """The virtual-clock `event`: what every switch calls three times, kept to a dictionary
        lookup, a compare and an append (with `lock`: the same under it, while threads record)."""
        strings = self._strings
        extend = self._pending.extend
        pending = self._pending
        slow = self._append

        def event(kind, lane, cause=NO_EVENT, detail="", loc=0):
            sid = strings.get(detail)
            seq = self.seq
            if sid is None or seq >= self.budget or len(pending) > 65536:
                return slow(kind, lane, cause, detail, loc)
            self.seq = seq + 1
            extend((kind, lane, cause, sid, loc, self.now, -1))
            return seq

        if lock is None:
            return event

        def locked_event(kind, lane, cause=NO_EVENT, detail="", loc=0):
            with lock:
                sid = strings.get(detail)
                seq = self.seq
                if sid is None or seq >= self.budget or len(pending) > 65536:
                    return slow(kind, lane, cause, detail, loc)
                self.seq = seq + 1
                extend((kind, lane, cause, sid, loc, self.now, -1))
                return seq

        return locked_event

    def timer_due(self, arm_event, due_ns):
        """The due time of the timer `arm_event` armed: the event just recorded."""
        lock = self._lock
        if lock:
            lock.acquire()
        try:
            pending = self._pending
            if arm_event == self.seq - 1 and pending:
                pending[-1] = due_ns
            else:
                self._text(f"T {arm_event} {due_ns}\n")
        finally:
            if lock:
                lock.release()

    def meta(self, key, value):
        lock = self._lock
        if lock:
            lock.acquire()
        try:
            self._text(f"M {key} {escape(value)}\n")
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
    def end(self):
        """The end marker: the run is over. What a thread still running records later (a daemon
        thread at exit) is dropped: nothing may follow the marker."""
        lock = self._lock
        if lock:
            lock.acquire()
        try:
            self._text("X\n")
            self.flush()
            self._write = _drop
        finally:
            if lock:
                lock.release()

    def detach(self):
        """In a forked child: nothing it records reaches the stream (the parent's), whose file
        descriptor the caller closes."""
        self._write = _drop
        self._out.clear()
        self._pending.clear()
        self._lock = None          # (a copy, perhaps taken by a thread the child does not have)
        if self._fast is not None:
            self.event = self._fast
        self.on_budget = None
        self.budget = float("inf")

    def flush(self):
        lock = self._lock
        if lock:
            lock.acquire()
        try:
            if self._pending:
                self._end_batch()
            if self._out:
                chunk = b"".join(self._out)
                self._out.clear()
                self._write(chunk)
            self._last_flush = _monotonic()
        finally:
            if lock:
                lock.release()

    def flush_if_due(self, interval=0.05):
        """Flush when the last flush is older than `interval` seconds: a live run grows in the app."""
        if (self._out or self._pending) and _monotonic() - self._last_flush >= interval:
            self.flush()


def _drop(chunk):
    pass


def fd_writer(fd):
    """A writer for Recorder that writes whole chunks to a file descriptor."""
    def write(chunk):
        view = memoryview(chunk)
        while view:
            n = os.write(fd, view)
            view = view[n:]
    write.fd = fd   # (a forked child closes it)
    return write
