"""CPython's own asyncio test suite against the traced Task, Future and loop, per interpreter.

    python3.X tracer/tests/cpython_suite.py [--module test_tasks ...] [--jobs N]
    python3.X tracer/tests/cpython_suite.py --module test_tasks --traced|--baseline [--results FILE]
    python3 tracer/tests/cpython_suite.py --python 3.12 [...]    (as ctest runs it)

Without --traced / --baseline it compares: each module of the version's test_asyncio (the list
below, those the version has) runs twice in a child process of the same interpreter,

  baseline  plainly, with asyncio's pure-Python Task (asyncio.Task = tasks._PyTask), as CPython's
            PyTask_PyFuture_Tests runs its task tests;
  traced    with the tracer installed as a traced run installs it (runner.run), recording on into a
            sink that discards, a budget that never ends. tasks._PyTask and futures._PyFuture are
            the traced Task and Future, so every class of the suite written against the pure-Python
            ones (PyTask_PyFuture_Tests, PyFutureTests, PyEagerTaskFactoryLoopTests, ...) runs
            against the traced ones under its own name; asyncio.Task is the traced Task; the loops
            asyncio makes are traced (TracedPolicy stays the default policy, asyncio.SelectorEventLoop
            is TracedLoop, so asyncio.run, Runner, IsolatedAsyncioTestCase and test_events' loop
            classes run on it), and the suite's TestLoop is a traced TestLoop: its own clock and
            time generator, the tracer's ready queue, timers and recording.

and the sets of passing tests are compared. It fails when a test passes in the baseline and not
traced, unless it is excluded, with its reason, in docs/pytrace.md ("Exclusions from CPython's test
suite"); and when an excluded test passes traced (the exclusion is stale). Classes written against
the C Task or Future (CTask_CFuture_Tests, CFutureTests, ...) are left out of both runs: the tracer
never uses them. The last line printed is `SUMMARY {json}`.

--python X.Y finds that version's interpreter (pyenv's, then python3.X on PATH; the first whose
test.test_asyncio is installed: Debian's python3 has it only with libpython3.X-testsuite), or takes
the interpreter at a path (--python /usr/bin/python3), and runs the comparison on it; when there is
none it says so and exits with SKIP (77), for ctest.
"""

import argparse
import fnmatch
import json
import os
import re
import subprocess
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TRACER = os.path.dirname(HERE)
DOCS = os.path.join(os.path.dirname(TRACER), "docs", "pytrace.md")
EXCLUSIONS_HEADING = "## Exclusions from CPython's test suite"

MODULES = ["test_tasks", "test_futures", "test_locks", "test_queues", "test_taskgroups", "test_timeouts",
           "test_waitfor", "test_pep492", "test_runners", "test_context", "test_eager_task_factory",
           "test_events"]

# Classes run against the C Task / Future / C accelerated functions: not the tracer's.
_C_CLASS = re.compile(r"C(Task|Future|Sub|Introspection|CurrentLoop|Eager|GetEventLoop)")

VERSION = "%d.%d" % sys.version_info[:2]
SKIP = 77


def available_modules():
    import test.test_asyncio as pkg
    folder = os.path.dirname(pkg.__file__)
    return [m for m in MODULES if os.path.exists(os.path.join(folder, m + ".py"))]


# -- exclusions (docs/pytrace.md) -----------------------------------------------------------------

def read_exclusions(path=DOCS, version=VERSION):
    """{pattern: reason} for this version, from the table under EXCLUSIONS_HEADING: rows of
    | versions | `module.Class.test` (fnmatch pattern) | reason |, versions "all" or "3.12, 3.13"."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        return {}
    start = text.find(EXCLUSIONS_HEADING)
    if start < 0:
        return {}
    section = text[start + len(EXCLUSIONS_HEADING):]
    end = section.find("\n## ")
    if end >= 0:
        section = section[:end]
    out = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not cells[1].startswith("`"):
            continue
        versions = [v.strip() for v in cells[0].split(",")]
        if "all" not in versions and version not in versions:
            continue
        for pattern in re.findall(r"`([^`]+)`", cells[1]):
            out[pattern] = cells[2]
    return out


def excluded(test_id, exclusions):
    for pattern, reason in exclusions.items():
        if fnmatch.fnmatchcase(test_id, pattern):
            return pattern
    return None


# -- the two environments -------------------------------------------------------------------------

def setup_baseline():
    """Plain asyncio, its tasks the pure-Python Task (as PyTask_PyFuture_Tests runs them)."""
    import asyncio
    from asyncio import tasks
    asyncio.Task = tasks.Task = tasks._PyTask
    if hasattr(tasks, "create_eager_task_factory"):
        asyncio.eager_task_factory = tasks.eager_task_factory = tasks.create_eager_task_factory(tasks._PyTask)


class HarnessDeadlock(RuntimeError):
    pass


def setup_traced(real_clock=False):
    """The tracer installed as runner.run installs it for a script, recording into a sink."""
    sys.path.insert(0, TRACER)
    from coroscope_tracer import versions
    versions.check()
    from asyncio import futures, tasks
    from coroscope_tracer import aio, clock, hooks, loop, tracebacks, workers
    from coroscope_tracer import recorder as rec_mod

    rec = rec_mod.Recorder(lambda chunk: None, budget=1 << 62, real_clock=real_clock)
    hooks.REC = rec
    module_lane = rec.lane("<module>", rec_mod.MODULE, parent=rec_mod.NO_LANE, cause=rec_mod.NO_EVENT)
    rec.frames().append((module_lane, rec.event(rec_mod.START, module_lane)))
    clock.install(rec, virtual=not real_clock)
    aio.install(rec)

    def deadlock(lp):
        # A script's run would end here ("deadlock"); python3 would wait for ever. A test fails.
        raise HarnessDeadlock("the traced loop has nothing ready, no timer and no outside work")

    loop.on_deadlock = deadlock
    tracebacks.install()
    workers.install(rec)
    clock.on_outside_work(lambda: workers.outstanding() > 0)

    # The suite's pure-Python Task and Future are the traced ones. (The loops asyncio makes are
    # traced already, as in a script's run: aio.install.)
    from coroscope_tracer.task import TracedFuture, TracedTask
    tasks._PyTask = TracedTask
    futures._PyFuture = TracedFuture

    from test.test_asyncio import utils as test_utils
    test_utils.TestLoop = traced_test_loop(test_utils.TestLoop, loop, rec, rec_mod)
    return rec


def traced_test_loop(TestLoop, loop_mod, rec, rec_mod):
    """The suite's TestLoop (its clock, moved by the test's generator) over the traced loop."""
    import heapq
    from coroscope_tracer import state

    class TracedTestLoop(TestLoop, loop_mod.TracedLoop):
        def __init__(self, gen=None):
            # TracedLoop's selector set-up registers the self-pipe through TestLoop's _add_reader.
            self.readers = {}
            self.writers = {}
            self.reset_counters()
            super().__init__(gen)

        def _select(self, timeout):
            # TestLoop's clock does not jump: its time generator moves it (TestLoop._run_once).
            return self._selector.select(timeout)

        def _cs_fire_due_timers(self):
            # TracedLoop's, on TestLoop's clock: due when `when` is before the loop's time.
            end_time = self.time() + self._clock_resolution
            while self._scheduled:
                handle = self._scheduled[0]
                if handle._when >= end_time:
                    break
                handle = heapq.heappop(self._scheduled)
                handle._scheduled = False
                if not state.quiet and not handle._cancelled and getattr(handle, "_cs_arm", -1) != -1:
                    handle._cs_seq = rec.event(rec_mod.TIMER_FIRE, self._cs_lane, handle._cs_arm, handle._cs_name)
                self._ready.append(handle)

    TracedTestLoop.__name__ = TracedTestLoop.__qualname__ = "TestLoop"
    return TracedTestLoop


# -- running one module in this process ------------------------------------------------------------

class Result(unittest.TestResult):
    """Each test's outcome, written as a JSON line the moment it is known (a hang or a crash loses
    nothing); a per-test watchdog ends the process with its traceback when a test hangs."""

    def __init__(self, out, timeout, verbose):
        super().__init__()
        self.out = out
        self.timeout = timeout
        self.verbose = verbose
        self.outcomes = {}
        self._failed = {}

    @staticmethod
    def name(test):
        return test.id().replace("test.test_asyncio.", "")

    def _write(self, record):
        self.out.write(json.dumps(record) + "\n")
        self.out.flush()

    def startTest(self, test):
        super().startTest(test)
        self._failed.pop(self.name(test), None)
        self._write({"start": self.name(test)})
        import faulthandler
        faulthandler.dump_traceback_later(self.timeout, exit=True)

    def stopTest(self, test):
        import faulthandler
        faulthandler.cancel_dump_traceback_later()
        name = self.name(test)
        outcome, detail = self._failed.pop(name, ("pass", None))
        if name in self.outcomes and outcome == "pass":
            outcome, detail = self.outcomes[name], None   # skipped / expected failure
        self.outcomes[name] = outcome
        self._write({"test": name, "outcome": outcome, "detail": detail})
        if self.verbose:
            print(f"{outcome:6} {name}", file=sys.stderr, flush=True)
        super().stopTest(test)

    def _fail(self, test, kind, err):
        name = self.name(test) if isinstance(test, unittest.TestCase) else str(test)
        text = self._exc_info_to_string(err, test) if err else ""
        self._failed.setdefault(name, (kind, text[-6000:]))
        if not isinstance(test, unittest.TestCase):    # a class or module fixture
            self.outcomes[name] = kind
            self._write({"test": name, "outcome": kind, "detail": text[-6000:]})

    def addError(self, test, err):
        self._fail(test, "error", err)

    def addFailure(self, test, err):
        self._fail(test, "fail", err)

    def addSubTest(self, test, subtest, err):
        if err is not None:
            kind = "fail" if issubclass(err[0], test.failureException) else "error"
            self._fail(test, kind, err)

    def addSkip(self, test, reason):
        self.outcomes[self.name(test)] = "skip"

    def addExpectedFailure(self, test, err):
        self.outcomes[self.name(test)] = "xfail"

    def addUnexpectedSuccess(self, test):
        self._failed.setdefault(self.name(test), ("xpass", "unexpected success"))


def load(module_name, skip):
    """The module's tests, without the classes written against the C Task / Future."""
    import importlib
    module = importlib.import_module("test.test_asyncio." + module_name)
    loader = unittest.TestLoader()
    suite = unittest.TestSuite()
    for name in sorted(dir(module)):
        cls = getattr(module, name)
        if not (isinstance(cls, type) and issubclass(cls, unittest.TestCase)) or cls.__module__ != module.__name__:
            continue
        if _C_CLASS.search(name):
            continue
        for test in loader.loadTestsFromTestCase(cls):
            if Result.name(test) not in skip:
                suite.addTest(test)
    return suite


def run_module(args):
    rec = None
    if args.traced:
        rec = setup_traced(real_clock=args.clock == "real")
    else:
        setup_baseline()
    skip = set()
    if args.skip and os.path.exists(args.skip):
        with open(args.skip, encoding="utf-8") as f:
            skip = {line.strip() for line in f if line.strip()}
    out = open(args.results, "a", encoding="utf-8") if args.results else sys.stdout
    suite = load(args.module[0], skip)
    result = Result(out, args.test_timeout, args.verbose)
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        suite.run(result)
    # (the events recorded: proof that the traced run recorded what it ran)
    out.write(json.dumps({"done": True, "events": rec.seq if rec else 0}) + "\n")
    out.flush()
    return 0


# -- comparing (the parent) ------------------------------------------------------------------------

def run_child(module, mode, args, workdir):
    """Runs one module in one mode in child processes; a test that hangs or kills its process is
    recorded as such and the module goes on in a new child without it. {test: (outcome, detail)}."""
    results = os.path.join(workdir, f"{module}.{mode}.jsonl")
    skip_file = os.path.join(workdir, f"{module}.{mode}.skip")
    log = os.path.join(workdir, f"{module}.{mode}.log")
    for path in (results, skip_file, log):
        if os.path.exists(path):
            os.unlink(path)
    outcomes = {}
    events = 0
    started = time.monotonic()
    while True:
        cmd = [sys.executable] + (["-B"] if sys.flags.dont_write_bytecode else []) + [
               "-X", "faulthandler", os.path.abspath(__file__), "--module", module,
               "--" + mode, "--results", results, "--skip", skip_file, "--clock", args.clock,
               "--test-timeout", str(args.test_timeout)]
        with open(log, "a", encoding="utf-8") as logf:
            proc = subprocess.run(cmd, stdout=logf, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                  cwd=workdir)
        done, last_started = False, None
        if not os.path.exists(results):
            open(results, "w").close()
        with open(results, encoding="utf-8") as f:
            for line in f:
                try:
                    rec = json.loads(line)
                except ValueError:
                    continue
                if "start" in rec:
                    last_started = rec["start"]
                elif "test" in rec:
                    outcomes[rec["test"]] = (rec["outcome"], rec.get("detail"))
                    last_started = None
                elif rec.get("done"):
                    done = True
                    events += rec.get("events", 0)
        if done:
            break
        if last_started is None:
            outcomes[f"{module} (process)"] = ("crash", f"exit status {proc.returncode}, see {log}")
            break
        with open(log, encoding="utf-8", errors="replace") as f:
            tail = f.read()[-6000:]
        outcomes[last_started] = ("hang" if "Timeout" in tail else "crash",
                                  f"exit status {proc.returncode}; the log's end:\n{tail}")
        with open(results, "a", encoding="utf-8") as f:
            f.write(json.dumps({"test": last_started, "outcome": outcomes[last_started][0]}) + "\n")
        with open(skip_file, "w", encoding="utf-8") as f:
            f.write("\n".join(outcomes) + "\n")
    return outcomes, time.monotonic() - started, events


PASSING = ("pass", "xfail", "skip")


def compare(args):
    import concurrent.futures
    import tempfile
    modules = [m for m in args.module or available_modules() if m not in (args.without or ())]
    exclusions = read_exclusions()
    workdir = args.workdir or tempfile.mkdtemp(prefix="cpython-suite-")
    os.makedirs(workdir, exist_ok=True)
    summary = {"python": sys.version.split()[0], "clock": args.clock, "modules": {}, "failures": [],
               "stale_exclusions": [], "excluded": []}
    jobs = [(m, mode) for m in modules for mode in ("baseline", "traced")]
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        runs = {job: pool.submit(run_child, job[0], job[1], args, workdir) for job in jobs}
        for module in modules:
            base, t_base, _ = runs[(module, "baseline")].result()
            traced, t_traced, events = runs[(module, "traced")].result()
            for mode, res in (("baseline", base), ("traced", traced)):
                crash = res.pop(f"{module} (process)", None)
                if crash:    # the child ended before its first test (an import failed, a refusal)
                    summary["failures"].append(f"{module} ({mode} process)")
                    print(f"  CRASH {module} {mode}: {crash[1]}", flush=True)
            counts = {"tests": len(base)}
            for mode, res in (("baseline", base), ("traced", traced)):
                counts[mode] = {k: sum(1 for o, _ in res.values() if o == k)
                                for k in ("pass", "fail", "error", "skip", "xfail", "xpass", "hang", "crash")}
            counts["events_recorded"] = events
            counts["seconds"] = {"baseline": round(t_base, 1), "traced": round(t_traced, 1)}
            failing, excl, stale = [], [], []
            for test, (outcome, _) in sorted(base.items()):
                if outcome != "pass":
                    continue
                t_outcome, detail = traced.get(test, ("missing", None))
                pattern = excluded(test, exclusions)
                if t_outcome in PASSING:
                    if pattern and t_outcome == "pass":
                        stale.append((test, pattern))
                    continue
                if pattern:
                    excl.append((test, t_outcome, exclusions[pattern]))
                else:
                    failing.append((test, t_outcome, detail))
            counts["excluded"] = len(excl)
            counts["failing"] = len(failing)
            summary["modules"][module] = counts
            b, t = counts["baseline"], counts["traced"]
            print(f"{module}: {counts['tests']} tests; baseline {b['pass']} pass {b['fail'] + b['error']} fail "
                  f"{b['skip']} skip ({t_base:.0f} s); traced {t['pass']} pass {t['fail'] + t['error']} fail "
                  f"{t['hang'] + t['crash']} hang/crash {t['skip']} skip ({t_traced:.0f} s, {events} events); "
                  f"{len(excl)} excluded, {len(failing)} failing", flush=True)
            for test, outcome, detail in failing:
                summary["failures"].append(test)
                print(f"  FAIL {test} [{outcome}] passes in the baseline", flush=True)
                if detail and args.details:
                    print("    " + detail.strip().replace("\n", "\n    "), flush=True)
            for test, outcome, reason in excl:
                summary["excluded"].append(test)
            for test, pattern in stale:
                summary["stale_exclusions"].append(test)
                print(f"  STALE {test} passes traced, but docs/pytrace.md excludes it ({pattern})", flush=True)
    ok = not summary["failures"] and not summary["stale_exclusions"]
    summary["ok"] = ok
    print("SUMMARY " + json.dumps(summary, sort_keys=True), flush=True)
    if ok and not args.workdir:
        import shutil
        shutil.rmtree(workdir, ignore_errors=True)
    elif not ok:
        print(f"(the children's results and logs: {workdir})", flush=True)
    return 0 if ok else 1


# -- the interpreter of a version (ctest) -----------------------------------------------------------

def candidates(version):
    """Interpreters of CPython `version` ("3.12") on this machine: pyenv's releases (newest first),
    then python3.12 on PATH."""
    import glob
    import shutil
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    releases = {}
    for path in glob.glob(os.path.join(root, "versions", version + ".*", "bin", "python" + version)):
        micro = path.split(os.sep)[-3][len(version) + 1:]
        if micro.isdigit():
            releases[int(micro)] = path
    found = [releases[m] for m in sorted(releases, reverse=True)]
    on_path = shutil.which("python" + version)
    if on_path and os.path.realpath(on_path) not in {os.path.realpath(p) for p in found}:
        found.append(on_path)
    return found


def find_interpreter(version):
    """(path, None) of the first interpreter of `version` (or the one at that path) with
    test.test_asyncio, or (None, why)."""
    tried = []
    if os.sep in version:
        if not os.access(version, os.X_OK):
            return None, f"no interpreter at {version}"
        paths = [version]
    else:
        paths = candidates(version)
    for path in paths:
        probe = subprocess.run([path, "-c", "import sys, test.test_asyncio; print(sys.version.split()[0])"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        if probe.returncode == 0:
            return path, None
        tried.append(path)
    if not tried:
        return None, f"no CPython {version} here (pyenv's, python{version} on PATH)"
    return None, f"CPython {version} here has no test.test_asyncio ({', '.join(tried)})"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--module", action="append", help="a test_asyncio module (repeatable; default: all)")
    parser.add_argument("--without", action="append", metavar="MODULE", help="leave out a module (repeatable)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--traced", action="store_true", help="run one module traced, in this process")
    mode.add_argument("--baseline", action="store_true", help="run one module plainly, in this process")
    parser.add_argument("--results", help="(with --traced/--baseline) append JSON lines here")
    parser.add_argument("--skip", help="(with --traced/--baseline) a file of test ids not to run")
    parser.add_argument("--clock", choices=("virtual", "real"), default="virtual", help="the traced run's clock")
    parser.add_argument("--test-timeout", type=float, default=120, help="seconds before a test counts as hung")
    parser.add_argument("--jobs", type=int, default=1, help="child processes at once (comparing)")
    parser.add_argument("--workdir", help="where the children's results and logs go (default: a temp folder)")
    parser.add_argument("--details", action="store_true", help="print each failing test's traceback")
    parser.add_argument("--python", metavar="X.Y|PATH", help="run the comparison on that version's "
                        "interpreter, or the one at PATH (exit status 77 when there is none)")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    if args.python:
        path, why = find_interpreter(args.python)
        if path is None:
            print(f"SKIP {why}", flush=True)
            return SKIP
        rest = list(argv if argv is not None else sys.argv[1:])
        for i, arg in enumerate(rest):
            if arg == "--python":
                del rest[i:i + 2]
                break
            if arg.startswith("--python="):
                del rest[i]
                break
        print(f"CPython {args.python}: {path}", flush=True)
        flags = ["-B"] if sys.flags.dont_write_bytecode else []
        return subprocess.run([path] + flags + [os.path.abspath(__file__)] + rest).returncode
    if args.traced or args.baseline:
        if not args.module or len(args.module) != 1:
            parser.error("--traced / --baseline run exactly one --module")
        return run_module(args)
    return compare(args)


if __name__ == "__main__":
    sys.exit(main())
