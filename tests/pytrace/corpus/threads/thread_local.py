# threading.local: each thread sees its own attribute.
import threading
import time

data = threading.local()


def show(name, delay):
    data.name = name
    time.sleep(delay)
    print(f"thread {threading.current_thread().name} sees {data.name}")


data.name = "main"
ts = [threading.Thread(target=show, args=(f"value-{i}", 0.2 * i), name=f"t{i}") for i in (1, 2, 3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("main sees", data.name)
