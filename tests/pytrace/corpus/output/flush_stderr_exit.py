# Output still buffered at exit is flushed; stderr text without newline too.
import sys

sys.stdout.write("stdout without newline")
sys.stderr.write("stderr without newline")
