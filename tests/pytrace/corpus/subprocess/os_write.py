# os.write to file descriptor 1 and sys.stdout.buffer, mixed with print().
import os
import sys

print("print one")
os.write(1, b"os.write line\n")
print("print two")
sys.stdout.flush()
sys.stdout.buffer.write("buffer line\n".encode())
sys.stdout.buffer.flush()
print("print three")
os.write(2, b"to stderr through os.write\n")
print("print four")
