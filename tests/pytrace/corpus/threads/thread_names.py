# Threads named by threading, and the current thread's name inside each.
import threading
import time


def work(delay):
    time.sleep(delay)
    print(f"{threading.current_thread().name} finished after {delay} s")


threads = [threading.Thread(target=work, args=(d,)) for d in (0.6, 0.2, 0.4)]
threads.append(threading.Thread(target=work, args=(0.8,), name="custom-name"))
print("main thread is", threading.current_thread().name)
for t in threads:
    t.start()
for t in threads:
    t.join()
print("alive threads:", threading.active_count())
