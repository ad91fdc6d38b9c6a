import asyncio
def download_file_async(loop, url, callback):
    print(f"download {url} started")
    loop.call_later(0.1, callback, f"<{url} content>")
def process(result):
    print(f"process {result}")
async def download_file(url):
    print(f"download {url} started")
    await asyncio.sleep(0.1)
    return f"<{url} content>"
async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    def on_done(result):
        process(result)
        done.set_result(None)
    download_file_async(loop, "a.txt", on_done)
    print("main continues while a.txt downloads")
    await done
    process(await download_file("b.txt"))
asyncio.run(main())
