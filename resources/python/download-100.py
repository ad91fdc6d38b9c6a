import asyncio
async def handle(reader, writer):
    await reader.readuntil(b"\r\n\r\n")
    await asyncio.sleep(0.05)
    writer.write(b"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok")
    await writer.drain()
    writer.close()
async def download(port):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"GET / HTTP/1.0\r\n\r\n")
    data = await reader.read()
    writer.close()
    return data.endswith(b"ok")
async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    ok = 0
    for _ in range(10):
        ok += await download(port)
    seq = loop.time() - t0
    t0 = loop.time()
    results = await asyncio.gather(*(download(port) for _ in range(100)))
    conc = loop.time() - t0
    print(f"sequential: 10 pages ok={ok}")
    print(f"concurrent: 100 pages ok={sum(results)}")
    print("concurrent faster per page:", conc / 100 < seq / 10)
    server.close()
asyncio.run(main())
