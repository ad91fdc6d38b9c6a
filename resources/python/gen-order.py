def gen():
    print("A")
    x = yield 1
    print("B", x)
    y = yield 2
    print("C", y)
g = gen()
print(next(g))
print(g.send(10))
