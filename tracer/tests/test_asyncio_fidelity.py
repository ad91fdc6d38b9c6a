"""Scripts print under the tracer what they print under python3, where CPython's own test suite
found the tracer differing (tracer/tests/cpython_suite.py; docs/pytrace.md, "CPython's own test
suite"). Each case runs as a script, plainly and traced (python3 -m coroscope_tracer), on the
interpreter running the tests. Run with: python3 -m unittest discover -s tracer/tests -t tracer
"""

import os
import struct
import subprocess
import sys
import tempfile
import unittest

TRACER = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

CASES = {
    # The traced Task and Future are asyncio.Future instances, as the C ones are.
    "futures are asyncio.Future": """
import asyncio
async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(asyncio.sleep(0))
    print(isinstance(t, asyncio.Future), isinstance(loop.create_future(), asyncio.Future),
          isinstance(asyncio.gather(), asyncio.Future), issubclass(asyncio.Task, asyncio.Future))
    await t
asyncio.run(main())
""",
    # A loop the script makes itself is traced (the trace has main()'s lane).
    "a loop of the script's own": """
import asyncio
async def main():
    await asyncio.sleep(1)
    return type(asyncio.get_running_loop()).__name__
loop = asyncio.SelectorEventLoop()
print(loop.run_until_complete(main()))
loop.close()
""",
    # The virtual clock does not jump past a signal that a running interval timer will send.
    "a signal before a timer": """
import asyncio, signal
async def main():
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGALRM, lambda: print("alarm"))
    signal.setitimer(signal.ITIMER_REAL, 0.05)
    await asyncio.sleep(0.5)
    print("slept")
    loop.remove_signal_handler(signal.SIGALRM)
asyncio.run(main())
""",
    # Debug mode: a task's source traceback ends at the line that created it.
    "source traceback": """
import asyncio
async def child():
    pass
async def main():
    t = asyncio.create_task(child())
    print(t._source_traceback[-1].lineno, t._source_traceback[-1].name)
    h = asyncio.get_running_loop().call_later(1, print)
    print(h._source_traceback[-1].lineno, h._source_traceback[-1].name)
    h.cancel()
    await t
asyncio.run(main(), debug=True)
""",
    # A warning asyncio raises for its caller names the script's line (3.10: coroutines passed to
    # wait(); later versions raise TypeError, the same on both sides).
    "a warning's place": """
import asyncio, warnings
async def child():
    return 1
async def main():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            await asyncio.wait([child()])
        except TypeError as e:
            print("TypeError", e)
    for w in caught:
        print(w.category.__name__, os.path.basename(w.filename), w.lineno)
import os
asyncio.run(main())
""",
}


def _unescape(text):
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            out.append({"n": "\n", "r": "\r"}.get(text[i + 1], text[i + 1]))
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def read_stream(data):
    """(what the script printed, its stderr reports, the lanes' names) from a trace stream
    (docs/pytrace-protocol.md)."""
    strings, lines, reports, lanes = {0: ""}, [], [], []
    pos = 0
    while pos < len(data):
        end = data.index(b"\n", pos)
        record = data[pos:end].decode("utf-8")
        pos = end + 1
        tag, _, rest = record.partition(" ")
        if tag == "S":
            sid, _, text = rest.partition(" ")
            strings[int(sid)] = _unescape(text)
        elif tag == "L":
            lanes.append(strings[int(rest.split(" ")[3])])
        elif tag == "M" and rest.startswith("stderr "):
            reports.append(_unescape(rest[len("stderr "):]))
        elif tag == "B":
            count = int(rest)
            for i in range(count):
                kind, _, _, detail, _, _, _ = struct.unpack_from("<7q", data, pos + 56 * i)
                if kind == 4:       # output
                    lines.append(strings[detail])
            pos += 56 * count
    return "".join(line + "\n" for line in lines), "".join(reports), lanes


class AsyncioFidelityTest(unittest.TestCase):
    def run_script(self, source, traced):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "script.py")
            with open(path, "w", encoding="utf-8") as f:
                f.write(source)
            stream = os.path.join(folder, "stream")
            cmd = [sys.executable, "-B"] + (["-m", "coroscope_tracer", "--out", stream] if traced else []) + [path]
            proc = subprocess.run(cmd, cwd=TRACER, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  stdin=subprocess.DEVNULL, text=True, timeout=60)
            recorded = b""
            if traced:
                with open(stream, "rb") as f:
                    recorded = f.read()
            return proc.returncode, proc.stdout, proc.stderr, recorded

    def test_scripts_print_what_python3_prints(self):
        for name, source in CASES.items():
            with self.subTest(name):
                code, out, err, _ = self.run_script(source, traced=False)
                traced_code, _, _, stream = self.run_script(source, traced=True)
                traced_out, traced_err, lanes = read_stream(stream)
                self.assertEqual((code, out, err), (traced_code, traced_out, traced_err))
                self.assertIn("Task-1 main()", lanes)     # the run was traced
