# send, throw and close on one generator, with try/except/finally inside it.
class Reset(Exception):
    pass


def counter():
    n = 0
    try:
        while True:
            try:
                step = yield n
                n += step if step is not None else 1
            except Reset:
                print("  counter: reset")
                n = 0
    finally:
        print("  counter: finally (closing)")


c = counter()
print(next(c))
print(c.send(5))
print(next(c))
print(c.throw(Reset))
print(c.send(2))
c.close()
try:
    next(c)
except StopIteration:
    print("StopIteration after close")
