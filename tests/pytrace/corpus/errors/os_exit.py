# os._exit skips the cleanup: finally blocks and atexit handlers do not run.
import atexit
import os
import sys

atexit.register(lambda: print("atexit handler (never printed)"))
print("flushing before os._exit")
sys.stdout.flush()
try:
    os._exit(7)
finally:
    print("finally (never printed)")
