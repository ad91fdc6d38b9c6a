# multiprocessing.Process with a Queue to send results back.
# corpus: mask=pid
import multiprocessing as mp
import os


def worker(q, n):
    q.put((n, sum(range(n))))


if __name__ == "__main__":
    print(f"parent pid {os.getpid()}")
    q = mp.Queue()
    procs = [mp.Process(target=worker, args=(q, n)) for n in (10, 100, 1000)]
    for p in procs:
        p.start()
    results = sorted(q.get() for _ in procs)
    for p in procs:
        p.join()
    for n, s in results:
        print(f"sum(range({n})) = {s}")
    print("exit codes:", [p.exitcode for p in procs])
