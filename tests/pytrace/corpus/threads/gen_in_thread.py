# A generator created in the main thread and iterated in a worker thread.
import threading


def squares(n):
    for i in range(n):
        yield i * i


def consume(gen, out):
    for value in gen:
        out.append(value)
        print("worker got", value)


results = []
t = threading.Thread(target=consume, args=(squares(5), results))
t.start()
t.join()
print("results:", results)
