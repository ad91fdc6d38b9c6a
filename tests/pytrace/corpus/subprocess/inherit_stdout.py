# A child that writes straight to the inherited stdout, between the script's own prints.
import subprocess
import sys

print("before the child")
subprocess.run([sys.executable, "-c", "print('from the child')"])
print("between the children")
subprocess.run(["echo", "from echo"])
print("after the children")
