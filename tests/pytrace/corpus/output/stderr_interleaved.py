# Lines to stdout and stderr alternately (each stream is compared on its own).
import sys

for i in range(3):
    print(f"out {i}")
    print(f"err {i}", file=sys.stderr)
sys.stderr.write("partial stderr ")
sys.stderr.write("line\n")
print("out end")
