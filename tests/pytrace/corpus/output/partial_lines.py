# print with end="" and sep, sys.stdout.write without newlines, a progress line finished later.
import sys
import time

print("loading", end="")
for _ in range(3):
    time.sleep(0.05)
    print(".", end="", flush=True)
print(" done")
print("a", "b", "c", sep="-", end="!\n")
sys.stdout.write("no newline yet... ")
sys.stdout.write("now\n")
print("tab\tseparated\tvalues")
print("last line without a newline", end="")
