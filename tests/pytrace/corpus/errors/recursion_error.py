# Infinite recursion: RecursionError, with python3's repeated-frames summary.
def countdown(n):
    return countdown(n - 1)


countdown(10)
