# sys.exit in a thread only ends that thread.
import sys
import threading


def worker():
    print("worker leaving with sys.exit")
    sys.exit(9)


t = threading.Thread(target=worker)
t.start()
t.join()
print("main carries on and exits 0")
