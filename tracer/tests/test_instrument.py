"""The hooks compiled into a script change nothing it does: same values, same exceptions, same lines.

Each case runs twice, compiled plainly and with the hooks (with a recorder that only counts), and
must give the same result. Run with: python3 -m unittest discover -s tracer/tests -t tracer
"""

import builtins
import sys
import traceback
import unittest

from coroscope_tracer import hooks, instrument
from coroscope_tracer import recorder as rec_mod

CASES = {
    "send and return": """
def gen():
    x = yield 1
    y = yield x * 2
    return x + y
g = gen()
out = [next(g), g.send(5)]
try:
    g.send(7)
except StopIteration as e:
    out.append(e.value)
result = out
""",
    "throw caught inside": """
def gen():
    while True:
        try:
            yield 'ready'
        except ValueError as e:
            log.append(str(e))
log = []
g = gen()
next(g)
g.throw(ValueError('boom'))
g.close()
result = log
""",
    "finally runs on close, in order": """
log = []
def gen():
    try:
        yield 1
        yield 2
    finally:
        log.append('cleanup')
g = gen()
next(g)
g.close()
log.append('after')
result = log
""",
    "return inside try/finally": """
log = []
def gen():
    try:
        yield 1
        return 'r'
    finally:
        log.append('f')
g = gen(); next(g)
try:
    next(g)
except StopIteration as e:
    log.append(e.value)
result = log
""",
    "yield from returns the value": """
def inner():
    a = yield 'i1'
    return a * 10
def outer():
    r = yield from inner()
    yield r
g = outer()
result = [next(g), g.send(4)]
""",
    "yield from a list": """
def g():
    yield from [1, 2]
    yield 3
result = list(g())
""",
    "generator expression and comprehension": """
def squares(n):
    for i in range(n):
        yield i * i
result = ([x for x in squares(4)], sum(x for x in squares(3)))
""",
    "methods and closures": """
class C:
    def __init__(self):
        self.k = 3
    def items(self):
        for i in range(self.k):
            yield i
    def make(self):
        def inner():
            yield self.k
        return inner
c = C()
result = (list(c.items()), list(c.make()()))
""",
    "docstring kept": """
def gen():
    '''doc'''
    yield 1
result = gen.__doc__, gen.__name__, list(gen())
""",
    "coroutines": """
import asyncio
async def child(x):
    if x < 0:
        raise ValueError(x)
    await asyncio.sleep(0)
    return x + 1
async def main():
    try:
        await child(-1)
    except ValueError as e:
        caught = e.args
    return caught, await child(1)
result = asyncio.run(main())
""",
    "async generator": """
import asyncio
async def agen():
    for i in range(3):
        await asyncio.sleep(0)
        yield i
async def main():
    return [v async for v in agen()]
result = asyncio.run(main())
""",
}


class _Counter:
    """A recorder that keeps nothing: the hooks run for real, their output is dropped."""

    def __init__(self):
        self.rec = rec_mod.Recorder(lambda chunk: None, budget=10 ** 9)
        lane = self.rec.lane("<module>", rec_mod.MODULE, rec_mod.NO_LANE, rec_mod.NO_EVENT)
        self.rec.frames().append((lane, self.rec.event(rec_mod.START, lane)))


class InstrumentTest(unittest.TestCase):
    def setUp(self):
        counter = _Counter()
        hooks.REC = counter.rec
        hooks.closed = False
        builtins.__coroscope__ = hooks

    def run_both(self, source):
        plain = {}
        exec(compile(source, "<case>", "exec"), plain)
        traced = {}
        hooks.USER_FILES.add("<case>")
        exec(instrument.instrument(source, "<case>"), traced)
        return plain["result"], traced["result"]

    def test_cases_behave_the_same(self):
        for name, source in CASES.items():
            with self.subTest(name):
                plain, traced = self.run_both(source)
                self.assertEqual(plain, traced)

    def test_traceback_lines_are_the_users(self):
        source = "def gen():\n    yield 1\n    raise KeyError('k')\ng = gen()\nnext(g)\nnext(g)\n"
        code = instrument.instrument(source, "<tb>")
        try:
            exec(code, {})
        except KeyError as e:
            lines = [f.lineno for f in traceback.extract_tb(e.__traceback__) if f.filename == "<tb>"]
        self.assertEqual(lines, [6, 3])

    def test_syntax_errors_are_pythons(self):
        with self.assertRaises(SyntaxError) as cm:
            instrument.instrument("def f(:\n    pass\n", "<bad>")
        self.assertEqual(cm.exception.lineno, 1)


class VersionTest(unittest.TestCase):
    def test_3_10_to_3_13_are_followed(self):
        from coroscope_tracer import versions
        for minor in (10, 11, 12, 13):
            versions.check((3, minor))

    def test_older_and_newer_pythons_are_refused_with_a_reason(self):
        from coroscope_tracer import versions
        with self.assertRaises(versions.UnsupportedPython) as cm:
            versions.check((3, 9))
        self.assertIn("3.9", str(cm.exception))
        self.assertIn("3.10", str(cm.exception))
        with self.assertRaises(versions.UnsupportedPython) as cm:
            versions.check((3, 14))
        # What has not been tested, said plainly.
        self.assertIn("3.14", str(cm.exception))
        self.assertIn("not been tested", str(cm.exception))
        self.assertIn("current task", str(cm.exception))


if __name__ == "__main__":
    unittest.main()
