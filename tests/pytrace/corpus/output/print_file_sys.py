# print(file=...) to sys.stdout, sys.__stdout__ and an io.StringIO.
import io
import sys

buf = io.StringIO()
print("into the buffer", file=buf)
print("to sys.stdout", file=sys.stdout)
print("to sys.__stdout__", file=sys.__stdout__)
sys.__stdout__.flush()
print("buffer held:", buf.getvalue().strip())
print("stdout is a tty:", sys.stdout.isatty())
print("encoding:", sys.stdout.encoding)
