# A daemon thread loops forever; the program ends when the main thread does.
import threading
import time


def heartbeat():
    n = 0
    while True:
        n += 1
        time.sleep(0.1)


t = threading.Thread(target=heartbeat, daemon=True)
t.start()
time.sleep(0.35)
print("daemon alive:", t.is_alive(), "daemon:", t.daemon)
print("main thread exits now")
