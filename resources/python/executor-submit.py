import time
from concurrent.futures import ThreadPoolExecutor
def job(name, seconds):
    time.sleep(seconds)
    print(f"{name} done after {seconds}s")
    return f"{name} result"
with ThreadPoolExecutor(max_workers=2) as pool:
    fa = pool.submit(job, "a", 0.3)
    fb = pool.submit(job, "b", 0.1)
    fc = pool.submit(job, "c", 0.1)
    print("submitted; a done?", fa.done())
    print(fa.result())
    print(fb.result(), fc.result())
