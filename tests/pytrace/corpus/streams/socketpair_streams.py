# Streams over a socketpair: no ports at all.
import asyncio
import socket


async def main():
    a, b = socket.socketpair()
    r1, w1 = await asyncio.open_connection(sock=a)
    r2, w2 = await asyncio.open_connection(sock=b)
    w1.write(b"ping\n")
    print("b got", (await r2.readline()).decode().strip())
    w2.write(b"pong\n")
    print("a got", (await r1.readline()).decode().strip())
    w1.close()
    w2.close()
    await w1.wait_closed()
    await w2.wait_closed()


asyncio.run(main())
