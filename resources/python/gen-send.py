from typing import Generator
def my_generator() -> Generator[int, str, str]:
    x = yield 88
    yield x.upper()
gen = my_generator()
print(next(gen))
print(gen.send('foo'))
