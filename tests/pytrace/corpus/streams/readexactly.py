# A length-prefixed protocol: readexactly for the header and the body, IncompleteReadError at the end.
import asyncio
import struct


async def serve(reader, writer):
    for text in ("short", "a bit longer message", "中文也可以"):
        body = text.encode()
        writer.write(struct.pack("!H", len(body)) + body)
    writer.write(b"\x00")  # half a header, then close
    await writer.drain()
    writer.close()


async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    while True:
        try:
            (size,) = struct.unpack("!H", await reader.readexactly(2))
        except asyncio.IncompleteReadError as e:
            print(f"stream ended: {len(e.partial)} of {e.expected} header bytes")
            break
        body = await reader.readexactly(size)
        print(f"{size:3d} bytes: {body.decode()}")
    writer.close()
    server.close()
    await server.wait_closed()


asyncio.run(main())
