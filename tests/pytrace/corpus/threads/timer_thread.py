# threading.Timer: one fires, one is cancelled before it can.
import threading
import time


def hello(who):
    print(f"hello, {who}")


t1 = threading.Timer(0.2, hello, args=("world",))
t2 = threading.Timer(1.0, hello, args=("nobody",))
t1.start()
t2.start()
time.sleep(0.5)
t2.cancel()
print("second timer cancelled")
t1.join()
t2.join()
print("bye")
