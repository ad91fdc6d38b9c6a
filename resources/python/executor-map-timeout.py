import time
from concurrent.futures import ThreadPoolExecutor, TimeoutError
def square(x):
    time.sleep(0.1 * x)
    return x * x
with ThreadPoolExecutor(max_workers=3) as pool:
    print(list(pool.map(square, [1, 2, 3])))
    results = pool.map(square, [1, 6], timeout=0.3)
    try:
        for r in results:
            print("got", r)
    except TimeoutError:
        print("timed out")
