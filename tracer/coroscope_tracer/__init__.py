"""Coroscope's Python tracer: runs a script on CPython and streams what asyncio does.

The tracer is stdlib only. It runs a user's script (`python3 -m coroscope_tracer script.py`) with
asyncio hooked where it acts (a traced Task, a traced event loop with a virtual clock, traced futures,
the executor's workers, print and the standard streams) and with the script's generator and coroutine
functions compiled with a few calls at entry, yield and return. What happened is written as a line
protocol (docs/pytrace-protocol.md) that core turns into a Trace: the same events, lanes and labels
as the C++ runtime records for its ports of the samples.
"""

PROTOCOL_VERSION = 1
