# The @coroutine decorator that primes a generator, and a small grep "sink" pipeline built on send().
import functools


def coroutine(func):
    @functools.wraps(func)
    def start(*args, **kwargs):
        gen = func(*args, **kwargs)
        next(gen)
        return gen
    return start


@coroutine
def printer(prefix):
    while True:
        line = yield
        print(prefix + line)


@coroutine
def grep(pattern, target):
    try:
        while True:
            line = yield
            if pattern in line:
                target.send(line)
    except GeneratorExit:
        print("grep: closing")
        target.close()


g = grep("python", printer("match: "))
for line in ["I like python", "no snakes here", "python generators", "the end"]:
    g.send(line)
g.close()
