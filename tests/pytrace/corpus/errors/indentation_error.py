# An IndentationError is a SyntaxError too.
def f():
    x = 1
      return x
