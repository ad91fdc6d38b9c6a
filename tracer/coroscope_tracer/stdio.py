"""print() and the standard streams: each printed line is an Output event on the lane printing it.

What goes to stderr (a traceback asyncio logs, print(..., file=sys.stderr)) is collected into
reports, as the C++ runtime's "stderr" metadata: the console shows them in its dark-red part.
"""

import io
import sys
from _thread import get_ident

from . import hooks
from . import recorder as rec_mod


class _Buffer(io.RawIOBase):
    """sys.stdout.buffer: bytes written there are text to the stream above."""

    def __init__(self, text):
        self._text = text

    def writable(self):
        return True

    def write(self, data):
        self._text.write(bytes(data).decode("utf-8", "replace"))
        return len(data)


class TracedStdout(io.TextIOBase):
    def __init__(self, recorder, fileno):
        self._rec = recorder
        self._partials = {}          # thread id -> its line not ended yet (threads print whole lines)
        self._fileno = fileno
        self.buffer = _Buffer(self)

    @property
    def encoding(self):
        return "utf-8"

    @property
    def errors(self):
        return "strict"

    def writable(self):
        return True

    def isatty(self):
        return False

    def fileno(self):
        return self._fileno

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        partials = self._partials
        key = get_ident()
        if "\n" not in text:
            partials[key] = partials.get(key, "") + text
            return len(text)
        lines = (partials.pop(key, "") + text).split("\n")
        rest = lines.pop()
        if rest:
            partials[key] = rest
        for line in lines:
            self._line(line)
        return len(text)

    def _line(self, line):
        if hooks.closed:
            return
        frame = hooks.user_frame(sys._getframe(2))
        STDERR.flush_report()
        self._rec.event(rec_mod.OUTPUT, self._rec.current_lane(), -1, line, hooks.location(frame))
        self._rec.flush_if_due()

    def flush(self):
        # print(..., flush=True): what was recorded goes out now (a live view shows it at once).
        if not hooks.closed:
            self._rec.flush_if_due(0)

    def finish(self):
        """The script ended on a line without its newline: it is printed all the same."""
        while self._partials:
            self._line(self._partials.pop(next(iter(self._partials))))


class TracedStderr(io.TextIOBase):
    def __init__(self, recorder, fileno):
        self._rec = recorder
        self._report = []
        self._fileno = fileno
        self.buffer = _Buffer(self)
        self.reports = []

    @property
    def encoding(self):
        return "utf-8"

    @property
    def errors(self):
        return "backslashreplace"

    def writable(self):
        return True

    def isatty(self):
        return False

    def fileno(self):
        return self._fileno

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self._report.append(text)
        return len(text)

    def flush(self):
        pass

    def flush_report(self):
        """What was written since the last report becomes one (a traceback is written in one go)."""
        if self._report:
            text = "".join(self._report).rstrip("\n")
            self._report.clear()
            if text:
                self.reports.append(text)
                self._rec.meta("stderr", text)


STDERR = None


def install(recorder, stdout_fd, stderr_fd):
    global STDERR
    STDERR = TracedStderr(recorder, stderr_fd)
    sys.stdout = TracedStdout(recorder, stdout_fd)
    sys.stderr = STDERR
    return sys.stdout, STDERR
