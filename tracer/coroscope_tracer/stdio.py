"""print() and the standard streams: written as python3 -u writes them, and recorded as they go.

What the script writes reaches the process's real stdout and stderr at once, byte for byte, as under
`python3 -u` (the stand-in for a terminal): `coroscope-cli run` passes it through, so it prints what
python3 prints, in the same order. Each line is also an Output event on the lane printing it, and
what goes to stderr (a traceback asyncio logs, print(..., file=sys.stderr)) is collected into
reports, as the C++ runtime's "stderr" metadata: the console shows them in its dark-red part.

File descriptors 1 and 2 of the process are pipes the tracer reads, the real ones kept aside: what
reaches them below print() (a subprocess, os.write, C code, a forked worker) is forwarded to the
real ones and recorded too, in the order it was written. Each write first takes what is waiting in
those pipes, so a child's line that ended before the script prints comes before the script's line;
a reader thread forwards what arrives while the script prints nothing.
"""

import _thread
import codecs
import io
import os
import select
import stat
import sys

from . import hooks
from . import recorder as rec_mod

_lock = _thread.RLock()     # one writer at a time, across threads and the reader
_real = {}                  # 1, 2 -> the real stdout / stderr (dups kept aside)
_capture = {}               # 1, 2 -> the read end of the pipe now at that fd
_poll = None                # a poll object on the capture pipes
_streams = {}               # 1, 2 -> the stream recording what that fd gets
_unrecorded = []            # (fd, bytes) the reader thread forwarded but could not record
_forked = False             # in a process forked from the run: write plainly, record nothing
_done = False


def _write_all(fd, data):
    view = memoryview(data)
    while view:
        try:
            n = os.write(fd, view)
        except InterruptedError:
            continue
        except BlockingIOError:
            select.select([], [fd], [])
            continue
        view = view[n:]


def _forward_waiting(record):
    """Moves what waits in the capture pipes to the real fds (lock held). `record`: feed it to the
    streams now (a thread of the script's), else keep it for the next one that can (the reader)."""
    if _poll is None:
        return
    while True:
        ready = _poll.poll(0)
        if not ready:
            break
        got = False
        for fd, _ in ready:
            which = 1 if fd == _capture.get(1) else 2
            try:
                data = os.read(fd, 65536)
            except (BlockingIOError, InterruptedError):
                continue
            except OSError:
                data = b""
            if not data:
                _poll.unregister(fd)
                continue
            got = True
            _write_all(_real[which], data)
            _unrecorded.append((which, data))
        if not got:
            break
    if record and _unrecorded:
        waiting = _unrecorded[:]
        _unrecorded.clear()
        for which, data in waiting:
            _streams[which].raw(data)


def _reader():
    """Forwards what reaches fds 1 and 2 while the script itself writes nothing (a subprocess
    printing while the script waits for it). A raw thread: not one of the script's."""
    fds = list(_capture.values())
    while not _done:
        try:
            select.select(fds, [], [], 0.5)
        except (OSError, ValueError):
            return
        with _lock:
            if _done or _forked:
                return
            _forward_waiting(record=False)


class _Buffer(io.RawIOBase):
    """sys.stdout.buffer / sys.stderr.buffer: bytes go out as they are."""

    def __init__(self, stream):
        self._stream = stream

    def writable(self):
        return True

    def fileno(self):
        return self._stream.fileno()

    def write(self, data):
        data = bytes(data)
        self._stream._out(data, None)
        return len(data)


class _Stream(io.TextIOBase):
    """What sys.stdout and sys.stderr become: text encoded as python3 encodes it, written through."""

    def __init__(self, recorder, fd, original):
        self._rec = recorder
        self._fd = fd
        # python3's own choice for this stream (the locale's encoding; surrogateescape in the C
        # locale, backslashreplace for stderr): what the script writes is encoded the same way.
        self._encoding = getattr(original, "encoding", None) or "utf-8"
        self._errors = getattr(original, "errors", None) or "strict"
        self._decoder = codecs.getincrementaldecoder(self._encoding)("replace")
        self.buffer = _Buffer(self)

    @property
    def encoding(self):
        return self._encoding

    @property
    def errors(self):
        return self._errors

    @property
    def line_buffering(self):
        return False

    @property
    def write_through(self):
        return True

    def writable(self):
        return True

    def isatty(self):
        return False

    def fileno(self):
        return self._fd

    def reconfigure(self, *, encoding=None, errors=None, newline=None, line_buffering=None,
                    write_through=None):
        """As python3's: the encoding and errors can change; the stream stays written through."""
        if encoding is not None:
            self._encoding = encoding
            self._decoder = codecs.getincrementaldecoder(encoding)("replace")
        if errors is not None:
            self._errors = errors

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self._out(text.encode(self._encoding, self._errors), text)
        return len(text)

    def flush(self):
        pass

    def _out(self, data, text):
        if _forked or _done:
            _write_all(self._fd if _forked else _real.get(self._fd, self._fd), data)
            return
        with _lock:
            _forward_waiting(record=True)
            _write_all(_real[self._fd], data)
            self.text(text if text is not None else self._decoder.decode(data), True)

    def raw(self, data):
        """Bytes that reached the fd below Python."""
        self.text(self._decoder.decode(data), False)


class TracedStdout(_Stream):
    def __init__(self, recorder, fd, original=None):
        super().__init__(recorder, fd, original)
        self._partial = ""

    @property
    def name(self):
        return "<stdout>"

    def text(self, text, printed):
        if "\n" not in text:
            self._partial += text
            return
        lines = (self._partial + text).split("\n")
        self._partial = lines.pop()
        for line in lines:
            self._line(line, printed)

    def _line(self, line, printed):
        if hooks.closed:
            return
        rec = self._rec
        frame = hooks.user_frame(sys._getframe(3)) if printed else None
        lane = rec.current_lane()
        if lane == rec_mod.NO_LANE:
            lane = 0
        STDERR.flush_report()
        rec.event(rec_mod.OUTPUT, lane, -1, line, hooks.location(frame))
        rec.flush_if_due()

    def finish(self):
        """The script ended on a line without its newline: it is recorded all the same (lock held)."""
        if self._partial:
            line, self._partial = self._partial, ""
            self._line(line, False)


class TracedStderr(_Stream):
    def __init__(self, recorder, fd, original=None):
        super().__init__(recorder, fd, original)
        if original is None:
            self._errors = "backslashreplace"
        self._report = []
        self.reports = []

    @property
    def name(self):
        return "<stderr>"

    def text(self, text, printed):
        self._report.append(text)

    def flush_report(self):
        """What was written since the last report becomes one (a traceback is written in one go)."""
        if self._report:
            text = "".join(self._report).rstrip("\n")
            self._report.clear()
            if text and not hooks.closed:
                self.reports.append(text)
                self._rec.meta("stderr", text)


STDOUT = None
STDERR = None


def _after_fork_in_child():
    """A forked worker (multiprocessing, os.fork) is not the traced run: it writes plainly to the
    fds it inherited (the capture pipes, which the run forwards in order) and records nothing. It
    lets go of the real stdout and stderr, so that the run's end is not held up by a worker still
    alive."""
    global _forked, _lock, _poll
    _forked = True
    _lock = _thread.RLock()
    _poll = None
    for fd in list(_real.values()) + list(_capture.values()):
        try:
            os.close(fd)
        except OSError:
            pass
    _real.clear()
    _capture.clear()


def install(recorder, stdout_fd, stderr_fd):
    """sys.stdout and sys.stderr (and their __stdout__ / __stderr__, as under python3, where they
    are the same objects) become the traced streams; fds 1 and 2 become the capture pipes."""
    global STDOUT, STDERR, _poll
    STDOUT = TracedStdout(recorder, stdout_fd, sys.__stdout__)
    STDERR = TracedStderr(recorder, stderr_fd, sys.__stderr__)
    _streams[stdout_fd] = STDOUT
    _streams[stderr_fd] = STDERR
    for original in (sys.__stdout__, sys.__stderr__):
        try:
            original and original.flush()
        except Exception:
            pass
    # Where stdout and stderr are one file (a terminal, `> log 2>&1`), what lands below print() on
    # either goes down one pipe, so that it stays in the order it was written (as a terminal shows
    # it); it is then recorded as stdout.
    one, two = os.fstat(stdout_fd), os.fstat(stderr_fd)
    merged = (one.st_dev, one.st_ino) == (two.st_dev, two.st_ino) and (
        stat.S_ISFIFO(one.st_mode) or stat.S_ISREG(one.st_mode) or os.isatty(stdout_fd))
    for std in (stdout_fd, stderr_fd):
        _real[std] = os.dup(std)
        os.set_inheritable(_real[std], False)
        if merged and std == stderr_fd:
            os.dup2(stdout_fd, std)      # the same capture pipe as stdout
            continue
        r, w = os.pipe()
        os.set_blocking(r, False)
        os.dup2(w, std)                 # (dup2 makes it inheritable: subprocesses write here)
        os.close(w)
        _capture[std] = r
    _poll = select.poll()
    for r in _capture.values():
        _poll.register(r, select.POLLIN)
    os.register_at_fork(after_in_child=_after_fork_in_child)
    sys.stdout = sys.__stdout__ = STDOUT
    sys.stderr = sys.__stderr__ = STDERR
    _thread.start_new_thread(_reader, ())
    return STDOUT, STDERR


def finish():
    """The run is over: what is left in the pipes is forwarded and recorded, the last line without
    its newline too, and fds 1 and 2 are the real ones again (for what the interpreter writes as
    it exits)."""
    global _done
    if _forked or _done or STDOUT is None:
        return
    with _lock:
        _forward_waiting(record=True)
        STDOUT.finish()
        STDERR.flush_report()
        _done = True
        for std, real in _real.items():
            os.dup2(real, std)
