def echo():
    while True:
        received = yield
        print(f"收到: {received}")
g = echo()
next(g)
g.send("hello")
g.send("world")
