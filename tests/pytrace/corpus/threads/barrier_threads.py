# threading.Barrier: three runners wait at the start line, then go together.
import threading
import time

barrier = threading.Barrier(3, action=lambda: print("-- all at the line, go! --"))


def runner(name, warmup):
    time.sleep(warmup)
    print(f"{name} ready")
    barrier.wait()
    time.sleep(warmup)
    print(f"{name} finished")


threads = [threading.Thread(target=runner, args=(n, w)) for n, w in
           (("Ann", 0.1), ("Bob", 0.5), ("Cid", 0.3))]
for t in threads:
    t.start()
for t in threads:
    t.join()
