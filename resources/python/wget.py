import asyncio
DELAYS = {"www.sina.com.cn": 0.3, "www.sohu.com": 0.1, "www.163.com": 0.2}
async def handle(reader, writer):
    request = await reader.readuntil(b"\r\n\r\n")
    host = [l.split(b":", 1)[1].strip().decode() for l in request.split(b"\r\n") if l.lower().startswith(b"host:")][0]
    await asyncio.sleep(DELAYS[host])
    body = f"hello from {host}\n".encode()
    writer.write(b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n" +
                 f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
    await writer.drain()
    writer.close()
    await writer.wait_closed()
async def wget(host, port):
    print(f"wget {host}...")
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET / HTTP/1.0\r\nHost: {host}\r\n\r\n".encode())
    await writer.drain()
    while True:
        line = await reader.readline()
        if line == b"\r\n":
            break
        print("%s header > %s" % (host, line.decode().rstrip()))
    writer.close()
    await writer.wait_closed()
    print(f"Done {host}.")
async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        await asyncio.gather(*(wget(h, port) for h in DELAYS))
asyncio.run(main())
