# A ThreadPoolExecutor made without `with` and never shut down, as many book examples do:
# python3 waits for the workers at exit and ends at once.
from concurrent.futures import ThreadPoolExecutor
import time


def task(n):
    time.sleep(0.1 * n)
    return f"task {n} done"


executor = ThreadPoolExecutor(max_workers=3)
futures = [executor.submit(task, n) for n in (3, 1, 2)]
for f in futures:
    print(f.result())
print("last line")
