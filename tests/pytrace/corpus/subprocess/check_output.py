# subprocess.check_output and CalledProcessError, outside asyncio.
import subprocess

out = subprocess.check_output(["echo", "hello world"], text=True)
print("captured:", out.strip())
words = subprocess.run(["wc", "-w"], input="one two three four\n", capture_output=True, text=True)
print("wc says:", words.stdout.strip())
try:
    subprocess.check_output(["sh", "-c", "exit 3"])
except subprocess.CalledProcessError as e:
    print("failed:", e)
