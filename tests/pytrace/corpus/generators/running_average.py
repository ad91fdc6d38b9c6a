# A coroutine-style generator: prime it with next(), then send() values in.
def averager():
    total = 0.0
    count = 0
    average = None
    while True:
        term = yield average
        total += term
        count += 1
        average = total / count


avg = averager()
next(avg)
for value in (10, 30, 5, 15):
    print(f"sent {value:>3}, average now {avg.send(value):.2f}")
avg.close()
print("closed:", avg.gi_frame is None)
