import asyncio
async def handle(reader, writer):
    request = await reader.readuntil(b"\r\n\r\n")
    path = request.split()[1].decode()
    delay = {"/slow": 0.3, "/medium": 0.2, "/fast": 0.1}[path]
    print(f"server: {path} accepted")
    await asyncio.sleep(delay)
    body = f"{path} body".encode()
    writer.write(b"HTTP/1.0 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
    await writer.drain()
    writer.close()
    print(f"server: {path} answered")
async def client(port, path, after):
    await asyncio.sleep(after)
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.0\r\n\r\n".encode())
    data = await reader.read()
    writer.close()
    body = data.split(b"\r\n\r\n")[1].decode()
    print(f"client: got {body}")
async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    await asyncio.gather(client(port, "/slow", 0), client(port, "/medium", 0.02), client(port, "/fast", 0.04))
    server.close()
    await server.wait_closed()
asyncio.run(main())
