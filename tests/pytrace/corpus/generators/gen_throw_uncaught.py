# throw() into a generator that does not catch it: the exception comes straight back out, and the
# traceback shows the generator's line.
def reader(lines):
    for n, line in enumerate(lines, 1):
        yield n, line.strip()


r = reader(["alpha\n", "beta\n", "gamma\n"])
print(next(r))
print(next(r))
r.throw(ValueError("bad record"))
print("never printed")
