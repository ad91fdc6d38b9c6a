# An exception in a thread is printed by threading's excepthook; the main thread carries on.
import threading


def broken():
    raise RuntimeError("the worker failed")


t = threading.Thread(target=broken, name="Worker-A")
t.start()
t.join()
print("main thread still running; exit code stays 0")
