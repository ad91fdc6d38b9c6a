# A ProcessPoolExecutor that is never shut down explicitly.
from concurrent.futures import ProcessPoolExecutor


def cube(x):
    return x ** 3


if __name__ == "__main__":
    pool = ProcessPoolExecutor(max_workers=2)
    results = [pool.submit(cube, i) for i in range(1, 6)]
    print([r.result() for r in results])
    print("main done")
