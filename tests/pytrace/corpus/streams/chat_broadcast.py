# A tiny chat room: each message is broadcast to the other clients.
import asyncio

clients = {}


async def room(reader, writer):
    name = (await reader.readline()).decode().strip()
    clients[name] = writer
    while line := await reader.readline():
        text = line.decode().strip()
        for other, w in clients.items():
            if other != name:
                w.write(f"{name}: {text}\n".encode())
                await w.drain()
    del clients[name]
    writer.close()


async def member(port, name, says, hears):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"{name}\n".encode())
    await asyncio.sleep(0.1)
    for text in says:
        writer.write(f"{text}\n".encode())
        await asyncio.sleep(0.2)
    for _ in range(hears):
        print(f"[{name}'s screen] {(await reader.readline()).decode().strip()}")
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(room, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    await asyncio.gather(member(port, "ann", ["hi all"], 1), member(port, "bo", ["hey ann"], 1))
    server.close()
    await server.wait_closed()


asyncio.run(main())
