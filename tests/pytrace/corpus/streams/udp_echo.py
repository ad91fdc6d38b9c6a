# A UDP echo server and client with datagram endpoints.
import asyncio


class EchoServer(asyncio.DatagramProtocol):
    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        message = data.decode()
        print(f"server got {message!r}")
        self.transport.sendto(data[::-1], addr)


class EchoClient(asyncio.DatagramProtocol):
    def __init__(self, message, on_done):
        self.message = message
        self.on_done = on_done

    def connection_made(self, transport):
        print(f"client sends {self.message!r}")
        transport.sendto(self.message.encode())

    def datagram_received(self, data, addr):
        print(f"client got {data.decode()!r}")
        self.on_done.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    server, _ = await loop.create_datagram_endpoint(EchoServer, local_addr=("127.0.0.1", 0))
    port = server.get_extra_info("sockname")[1]
    done = loop.create_future()
    client, _ = await loop.create_datagram_endpoint(
        lambda: EchoClient("stressed", done), remote_addr=("127.0.0.1", port))
    await done
    client.close()
    server.close()


asyncio.run(main())
