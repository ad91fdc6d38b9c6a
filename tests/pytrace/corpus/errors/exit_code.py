# sys.exit with a number after some work.
import sys

print("checking inputs")
errors = ["missing name", "bad date"]
for e in errors:
    print("error:", e, file=sys.stderr)
sys.exit(len(errors) + 1)
