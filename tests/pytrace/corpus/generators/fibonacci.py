# The classic: an infinite generator, sliced.
from itertools import islice


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


print(list(islice(fib(), 15)))
for i, f in enumerate(fib()):
    if f > 100:
        print(f"first Fibonacci number above 100 is F({i}) = {f}")
        break
