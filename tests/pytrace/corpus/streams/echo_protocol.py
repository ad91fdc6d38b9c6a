# The same echo, written with asyncio.Protocol classes on both sides.
import asyncio


class EchoServerProtocol(asyncio.Protocol):
    def connection_made(self, transport):
        print("Server: connection made")
        self.transport = transport

    def data_received(self, data):
        message = data.decode()
        print(f"Server: data received {message!r}")
        self.transport.write(data)
        print("Server: close the client socket")
        self.transport.close()


class EchoClientProtocol(asyncio.Protocol):
    def __init__(self, message, on_con_lost):
        self.message = message
        self.on_con_lost = on_con_lost

    def connection_made(self, transport):
        transport.write(self.message.encode())
        print(f"Client: data sent {self.message!r}")

    def data_received(self, data):
        print(f"Client: data received {data.decode()!r}")

    def connection_lost(self, exc):
        print("Client: the server closed the connection")
        self.on_con_lost.set_result(True)


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(EchoServerProtocol, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    on_con_lost = loop.create_future()
    transport, protocol = await loop.create_connection(
        lambda: EchoClientProtocol("Hello World!", on_con_lost), "127.0.0.1", port)
    try:
        await on_con_lost
    finally:
        transport.close()
    server.close()
    await server.wait_closed()
    print("done")


asyncio.run(main())
