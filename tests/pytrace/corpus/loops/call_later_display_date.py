# The docs' display_date, as a countdown of call_later steps with the loop's clock.
import asyncio


def tick(end_time, loop, n):
    print(f"tick {n}")
    if (loop.time() + 0.25) >= end_time:
        loop.stop()
        return
    loop.call_later(0.25, tick, end_time, loop, n + 1)


loop = asyncio.new_event_loop()
end_time = loop.time() + 1.1
loop.call_soon(tick, end_time, loop, 0)
try:
    loop.run_forever()
finally:
    loop.close()
