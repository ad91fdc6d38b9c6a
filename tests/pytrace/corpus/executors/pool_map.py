# executor.map keeps the input order even when later items finish first.
from concurrent.futures import ThreadPoolExecutor
import time


def download(site):
    delay = {"python.org": 0.3, "example.com": 0.1, "wikipedia.org": 0.2}[site]
    time.sleep(delay)
    return f"{site}: {int(delay * 1000)} ms"


with ThreadPoolExecutor(max_workers=3) as pool:
    for line in pool.map(download, ["python.org", "example.com", "wikipedia.org"]):
        print(line)
print("pool closed")
