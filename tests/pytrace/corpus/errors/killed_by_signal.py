# The script is ended by SIGTERM (no handler): no traceback, the shell shows 143.
import os
import signal
import sys

print("about to be terminated")
sys.stdout.flush()
os.kill(os.getpid(), signal.SIGTERM)
print("not reached")
