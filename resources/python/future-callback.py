import time
from concurrent.futures import ThreadPoolExecutor, as_completed
def download(url, seconds):
    time.sleep(seconds)
    return f"{url}: {len(url) * 100} bytes"
def report(future):
    print("callback:", future.result())
with ThreadPoolExecutor(max_workers=3) as pool:
    futures = []
    for url, s in [("a.example", 0.3), ("bb.example", 0.1), ("ccc.example", 0.2)]:
        f = pool.submit(download, url, s)
        f.add_done_callback(report)
        futures.append(f)
    for f in as_completed(futures):
        pass
print("all done")
