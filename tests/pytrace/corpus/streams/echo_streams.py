# The streams echo server and client in one script, on an ephemeral port of 127.0.0.1.
import asyncio


async def handle_echo(reader, writer):
    data = await reader.read(100)
    message = data.decode()
    print(f"Server received {message!r}")
    print(f"Server sending: {message!r}")
    writer.write(data)
    await writer.drain()
    print("Server closing the connection")
    writer.close()
    await writer.wait_closed()


async def tcp_echo_client(port, message):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    print(f"Client send: {message!r}")
    writer.write(message.encode())
    await writer.drain()
    data = await reader.read(100)
    print(f"Client received: {data.decode()!r}")
    print("Client close the connection")
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle_echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        await tcp_echo_client(port, "Hello World!")


asyncio.run(main())
