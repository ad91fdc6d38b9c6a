# contextvars.copy_context and Context.run outside asyncio.
import contextvars

var = contextvars.ContextVar("var", default="outer")


def show(where):
    print(f"{where}: {var.get()}")


def inner():
    var.set("inner")
    show("inside run()")


ctx = contextvars.copy_context()
ctx.run(inner)
show("after run()")
print("ctx holds:", ctx[var])
token = var.set("changed")
show("after set")
var.reset(token)
show("after reset")
