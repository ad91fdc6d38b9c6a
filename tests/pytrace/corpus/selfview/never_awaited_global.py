# A coroutine object kept in a global and never awaited: python3 warns about it at exit, when the
# module's names are cleared ("sys:1").
import asyncio


async def refresh_cache():
    await asyncio.sleep(0.1)


pending = refresh_cache()
print("started the refresh (or so I thought)")
