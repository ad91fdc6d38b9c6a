# The script interrupts itself with SIGINT while sleeping: KeyboardInterrupt, its traceback, and the
# exit status of a process killed by SIGINT (a shell shows 130).
import os
import signal
import threading
import time

threading.Timer(0.2, os.kill, args=(os.getpid(), signal.SIGINT)).start()
print("sleeping; Ctrl-C arrives in 0.2 s")
time.sleep(2)
print("not reached")
