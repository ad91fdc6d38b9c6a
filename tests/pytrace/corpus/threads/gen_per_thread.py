# Each thread builds and drives its own generator; the threads run one after another.
import threading
import time


def ticker(name, n):
    for i in range(n):
        yield f"{name}:{i}"


def run(name, n, delay):
    time.sleep(delay)
    for item in ticker(name, n):
        print(item)


threads = [threading.Thread(target=run, args=(name, 3, 0.25 * k), name=f"T{k}")
           for k, name in enumerate(["red", "green", "blue"])]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("all threads joined")
