# A text progress bar redrawn with \r while the work sleeps.
import sys
import time

total = 20
for i in range(total + 1):
    filled = "#" * i + "." * (total - i)
    sys.stdout.write(f"\r[{filled}] {i * 100 // total:3d}%")
    sys.stdout.flush()
    time.sleep(0.02)
print()
print("download complete")
