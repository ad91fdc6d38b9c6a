# A round-robin scheduler of generators, the way coroutines were taught before async/await.
from collections import deque


def task(name, n):
    for i in range(n):
        print(f"{name} step {i}")
        yield


def scheduler(tasks):
    ready = deque(tasks)
    while ready:
        t = ready.popleft()
        try:
            next(t)
            ready.append(t)
        except StopIteration:
            print("finished one task")


scheduler([task("A", 3), task("B", 1), task("C", 2)])
