# A generator's return value travels in StopIteration.value.
def countdown(n):
    while n:
        yield n
        n -= 1
    return "liftoff"


g = countdown(3)
while True:
    try:
        print(next(g))
    except StopIteration as e:
        print("returned:", e.value)
        break


def collect():
    result = yield from countdown(2)
    print("delegated generator said", result)


print(list(collect()))
