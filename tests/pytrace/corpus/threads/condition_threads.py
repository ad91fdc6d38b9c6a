# threading.Condition: consumers wait until the producer announces an item.
import threading
import time

items = []
cond = threading.Condition()


def consumer(name):
    with cond:
        while not items:
            cond.wait()
        item = items.pop(0)
    print(f"{name} took {item}")


def producer():
    for item in ("apple", "pear"):
        time.sleep(0.3)
        with cond:
            items.append(item)
            cond.notify()


c1 = threading.Thread(target=consumer, args=("c1",))
c1.start()
time.sleep(0.3)
c2 = threading.Thread(target=consumer, args=("c2",))
c2.start()
p = threading.Thread(target=producer)
p.start()
for t in (c1, c2, p):
    t.join()
print("shop closed")
