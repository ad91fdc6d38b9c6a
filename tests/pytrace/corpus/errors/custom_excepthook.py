# A script that installs its own sys.excepthook to print a friendlier message.
import sys


def friendly(exc_type, exc, tb):
    print(f"Oops: {exc_type.__name__}: {exc}", file=sys.stderr)
    print("(run with --debug for the full traceback)", file=sys.stderr)


sys.excepthook = friendly
print("loading settings")
settings = {"width": "80"}
height = int(settings["height"])
