# A child process prints; the parent waits for it and then prints.
import multiprocessing


def greet(name):
    print(f"hello from the child, {name}")


if __name__ == "__main__":
    print("parent: starting child")
    p = multiprocessing.Process(target=greet, args=("bob",))
    p.start()
    p.join()
    print("parent: child exited with", p.exitcode)
