# Four coroutines, each sleeping one second in turn: who speaks first after the pause?
# (Equal delays armed one after another: python3 wakes them in the order they went to sleep.)
import asyncio


async def speak(name):
    print(f"{name}: about to sleep")
    await asyncio.sleep(1)
    print(f"{name}: awake")


async def main():
    await asyncio.gather(speak("John"), speak("Terry"), speak("Graham"), speak("Eric"))


asyncio.run(main())
