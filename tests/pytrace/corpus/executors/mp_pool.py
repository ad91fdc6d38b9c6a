# multiprocessing.Pool: map and apply_async.
from multiprocessing import Pool


def f(x):
    return x * x


if __name__ == "__main__":
    with Pool(2) as p:
        print(p.map(f, [1, 2, 3, 4, 5]))
        res = p.apply_async(f, (20,))
        print(res.get(timeout=10))
        print(list(p.imap(f, range(6))))
