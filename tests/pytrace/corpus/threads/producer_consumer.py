# Producer and consumer threads passing work through queue.Queue, ending with a sentinel.
import queue
import threading
import time

q = queue.Queue()
SENTINEL = None


def producer(items):
    for item in items:
        time.sleep(0.2)
        print(f"produced {item}")
        q.put(item)
    q.put(SENTINEL)


def consumer():
    while True:
        item = q.get()
        if item is SENTINEL:
            print("consumer: no more work")
            break
        print(f"consumed {item} -> {item * 10}")


p = threading.Thread(target=producer, args=([1, 2, 3, 4],))
c = threading.Thread(target=consumer)
c.start()
p.start()
p.join()
c.join()
print("done")
