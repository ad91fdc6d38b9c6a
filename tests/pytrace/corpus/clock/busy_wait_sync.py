# A plain busy wait, no asyncio: poll time.time() until a deadline.
# corpus: timeout=8
import time

start = time.time()
polls = 0
while time.time() - start < 0.5:
    polls += 1
print("waited", round(time.time() - start, 1), "s")
print("polled more than once:", polls > 1)
