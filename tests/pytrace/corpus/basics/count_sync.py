# The synchronous twin of countasync: time.sleep blocks, so the counts come one after another.
# corpus: mask=elapsed
import time


def count():
    print("One")
    time.sleep(0.3)
    print("Two")


def main():
    for _ in range(3):
        count()


if __name__ == "__main__":
    s = time.perf_counter()
    main()
    elapsed = time.perf_counter() - s
    print(f"executed in {elapsed:0.2f} seconds.")
