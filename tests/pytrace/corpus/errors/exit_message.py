# sys.exit with a string: the message goes to stderr and the code is 1.
import sys

print("about to give up")
sys.exit("fatal: configuration file not found")
