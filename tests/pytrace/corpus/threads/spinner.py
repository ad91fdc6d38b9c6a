# The spinner from a well-known concurrency chapter: a thread animates while the main thread
# blocks in time.sleep. The frames are counted instead of drawn, so the output can be compared.
import itertools
import time
from threading import Event, Thread


def spin(msg, done, frames):
    for char in itertools.cycle(r"\|/-"):
        status = f"\r{char} {msg}"
        frames.append(status)
        if done.wait(0.1):
            break
    blanks = " " * len(status)
    print(f"\r{blanks}\r", end="")


def slow():
    time.sleep(3)
    return 42


def supervisor():
    done = Event()
    frames = []
    spinner = Thread(target=spin, args=("thinking!", done, frames))
    print(f"spinner object: {spinner}")
    spinner.start()
    result = slow()
    done.set()
    spinner.join()
    print(f"frames drawn: {'many' if len(frames) >= 20 else len(frames)}")
    return result


def main():
    result = supervisor()
    print(f"Answer: {result}")


if __name__ == "__main__":
    main()
