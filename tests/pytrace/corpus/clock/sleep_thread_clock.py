# time.sleep in the main thread while a worker thread counts real time.
import threading
import time

ticks = []
stop = threading.Event()


def counter():
    while not stop.wait(0.05):
        ticks.append(time.monotonic())


t = threading.Thread(target=counter)
t.start()
time.sleep(1)
stop.set()
t.join()
print("the worker ticked", "about 20 times" if 14 <= len(ticks) <= 21 else f"{len(ticks)} times")
