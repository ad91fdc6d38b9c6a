# Generator expressions are lazy: the side effects show when values are pulled.
def noisy(n):
    print(f"computing {n}")
    return n * n


squares = (noisy(n) for n in range(4))
print("generator made")
print("first:", next(squares))
print("rest:", list(squares))
evens = [noisy(n) for n in range(4) if n % 2 == 0]
print("list comprehension done:", evens)
print("any:", any(noisy(n) > 3 for n in range(10)))
