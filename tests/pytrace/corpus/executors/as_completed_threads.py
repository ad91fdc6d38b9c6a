# concurrent.futures.as_completed yields futures as they finish.
from concurrent.futures import ThreadPoolExecutor, as_completed
import time

URLS = {"slow": 0.6, "fast": 0.1, "medium": 0.35}


def fetch(name):
    time.sleep(URLS[name])
    return len(name) * 100


with ThreadPoolExecutor(max_workers=4) as executor:
    future_to_name = {executor.submit(fetch, name): name for name in URLS}
    for future in as_completed(future_to_name):
        name = future_to_name[future]
        print(f"{name!r} page is {future.result()} bytes")
