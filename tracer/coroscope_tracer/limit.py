"""The wall-time limit, armed when the tracer starts (before its imports, which take a while on a
busy machine): if it expires before the runner has put its own handler in place, the runner stops
the run as soon as the run has begun (a trace that says why, not a tracer that vanished)."""

expired = False


def expired_early(signum, frame):
    global expired
    expired = True
