"""What every part of the tracer reads of the run in progress (set once by the runner)."""

REC = None          # the run's Recorder
quiet = False       # asyncio.run's teardown (shutdown_asyncgens, ...): nothing is recorded
