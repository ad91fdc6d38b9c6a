# A progress spinner that really prints its frames (with flush) while the main thread sleeps.
import sys
import threading
import time

stop = threading.Event()


def spinner():
    frames = "|/-\\"
    i = 0
    while not stop.is_set():
        sys.stdout.write("\rworking " + frames[i % 4])
        sys.stdout.flush()
        i += 1
        time.sleep(0.2)
    sys.stdout.write("\rworking done\n")


t = threading.Thread(target=spinner)
t.start()
time.sleep(1.1)
stop.set()
t.join()
print("finished")
