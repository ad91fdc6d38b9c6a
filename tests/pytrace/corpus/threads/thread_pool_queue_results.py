# Homework: worker threads take numbers from one queue and put results on another.
import queue
import threading

tasks = queue.Queue()
results = queue.Queue()


def worker():
    while True:
        n = tasks.get()
        if n is None:
            break
        results.put((n, n ** 2))


workers = [threading.Thread(target=worker) for _ in range(3)]
for w in workers:
    w.start()
for n in range(10):
    tasks.put(n)
for _ in workers:
    tasks.put(None)
for w in workers:
    w.join()
collected = sorted(results.get() for _ in range(results.qsize()))
print(collected)
print("sum of squares:", sum(sq for _, sq in collected))
