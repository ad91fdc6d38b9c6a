# Worker threads with q.task_done() and q.join(), the pattern of the queue module's documentation.
import queue
import threading
import time

q = queue.Queue()
lock = threading.Lock()
processed = []


def worker():
    while True:
        item = q.get()
        time.sleep(0.05)
        with lock:
            processed.append(item)
        q.task_done()


for i in range(3):
    threading.Thread(target=worker, daemon=True, name=f"worker-{i}").start()

for item in range(12):
    q.put(item)
print("all items queued")
q.join()
print("all work completed:", sorted(processed))
