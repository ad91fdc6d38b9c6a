# logging to stderr with a format, the way scripts set it up on day one.
import asyncio
import logging

logging.basicConfig(level=logging.INFO, format="%(levelname)s:%(name)s:%(message)s")
log = logging.getLogger("fetcher")


async def fetch(n):
    log.info("fetching %d", n)
    await asyncio.sleep(0.1 * n)
    if n == 2:
        log.warning("item %d was slow", n)
    return n


async def main():
    print(await asyncio.gather(fetch(1), fetch(2)))
    log.error("finished with one warning")


asyncio.run(main())
