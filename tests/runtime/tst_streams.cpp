// asyncio streams over real TCP sockets on 127.0.0.1 (real-time runs), as a user meets them: an
// echo round trip with both the server's handler and the client on the timeline, readline /
// readuntil / read(n) / read() semantics including IncompleteReadError at EOF, a refused connection,
// a port already taken, and a peer that resets the connection.
// Every test carries its Python equivalent, run with CPython 3.11 (bytes decoded so that the printed
// lines read the same); PORT stands for the port number.
#include "RuntimeTestSupport.h"

#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace coroscope;
using namespace coroscope::testing;

namespace {

// A plain listening (or merely bound) POSIX socket on 127.0.0.1, outside the event loop.
int rawSocket(bool listening, int *port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0)
        return -1;
    if (listening)
        ::listen(fd, 1);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
    *port = ntohs(addr.sin_port);
    return fd;
}

// The port of the last run, for messages that name it.
int g_port = 0;

QString withPort(QString s)
{
    return s.replace(QString::number(g_port), "PORT");
}

} // namespace

// Inside namespace coroscope, so that sleep() is asyncio's and not POSIX's.
namespace coroscope {
namespace {

// async def handle_echo(reader, writer):
//     line = await reader.readline()
//     print("server got", repr(line.decode()))
//     writer.write(line.upper())
//     await writer.drain()
//     writer.close()
//     await writer.wait_closed()
// async def main():
//     server = await asyncio.start_server(handle_echo, "127.0.0.1", 0)
//     port = server.sockets[0].getsockname()[1]
//     reader, writer = await asyncio.open_connection("127.0.0.1", port)
//     writer.write(b"hello echo\n")
//     await writer.drain()
//     print("client got", repr((await reader.readline()).decode()))
//     print("then", repr((await reader.read()).decode()))
//     writer.close()
//     await writer.wait_closed()
//     server.close()
//     await server.wait_closed()
// -> server got 'hello echo\n' / client got 'HELLO ECHO\n' / then ''
namespace echo {
Task<> handle_echo(StreamReader reader, StreamWriter writer)
{
    auto line = co_await reader.readline();
    print("server got", repr(line));
    writer.write(upper(line));
    co_await writer.drain();
    writer.close();
    co_await writer.wait_closed();
}
Task<> main()
{
    auto server = co_await start_server(handle_echo, "127.0.0.1", 0);
    auto [host, port] = server.sockets()[0].getsockname();
    auto [reader, writer] = co_await open_connection("127.0.0.1", port);
    writer.write("hello echo\n");
    co_await writer.drain();
    print("client got", repr(co_await reader.readline()));
    print("then", repr(co_await reader.read()));
    writer.close();
    co_await writer.wait_closed();
    server.close();
    co_await server.wait_closed();
}
} // namespace echo

// async def staged(reader, writer):
//     for part in (b"line1\n", b"abc|def|", b"tail"):
//         writer.write(part)
//         await writer.drain()
//         await asyncio.sleep(0.05)
//     writer.close()
// async def main():
//     server = await asyncio.start_server(staged, "127.0.0.1", 0)
//     port = server.sockets[0].getsockname()[1]
//     reader, writer = await asyncio.open_connection("127.0.0.1", port)
//     print(repr((await reader.readline()).decode()))
//     print(repr((await reader.readuntil(b"|")).decode()))
//     print(repr((await reader.read(2)).decode()))
//     print(repr((await reader.readuntil(b"|")).decode()))
//     try:
//         await reader.readuntil(b"|")
//     except asyncio.IncompleteReadError as e:
//         print("IncompleteReadError", repr(e.partial.decode()), str(e))
//     print(repr((await reader.readline()).decode()), repr((await reader.read()).decode()), reader.at_eof())
//     writer.close()
//     server.close()
// -> 'line1\n' / 'abc|' / 'de' / 'f|' /
//    IncompleteReadError 'tail' 4 bytes read on a total of undefined expected bytes / '' '' True
// main2 reads everything with read(), twice:   -> 'line1\nabc|def|tail' / ''
// main3 calls readline() three times:          -> 'line1\n' / 'abc|def|tail' / ''
namespace reading {
Task<> staged(StreamReader, StreamWriter writer)
{
    for (auto part : {"line1\n", "abc|def|", "tail"}) {
        writer.write(part);
        co_await writer.drain();
        co_await sleep(0.05);
    }
    writer.close();
}
Task<> main()
{
    auto server = co_await start_server(staged, "127.0.0.1", 0);
    auto [host, port] = server.sockets()[0].getsockname();
    auto [reader, writer] = co_await open_connection("127.0.0.1", port);
    print(repr(co_await reader.readline()));
    print(repr(co_await reader.readuntil("|")));
    print(repr(co_await reader.read(2)));
    print(repr(co_await reader.readuntil("|")));
    try {
        co_await reader.readuntil("|");
    } catch (const IncompleteReadError &e) {
        print("IncompleteReadError", repr(e.partial), e.what());
    }
    auto line = co_await reader.readline();
    auto rest = co_await reader.read();
    print(repr(line), repr(rest), reader.at_eof());
    writer.close();
    server.close();
}
Task<> main2()
{
    auto server = co_await start_server(staged, "127.0.0.1", 0);
    auto [host, port] = server.sockets()[0].getsockname();
    auto [reader, writer] = co_await open_connection("127.0.0.1", port);
    print(repr(co_await reader.read()));
    print(repr(co_await reader.read()));
    writer.close();
    server.close();
}
Task<> main3()
{
    auto server = co_await start_server(staged, "127.0.0.1", 0);
    auto [host, port] = server.sockets()[0].getsockname();
    auto [reader, writer] = co_await open_connection("127.0.0.1", port);
    for (int i = 0; i < 3; ++i)
        print(repr(co_await reader.readline()));
    writer.close();
    server.close();
}
void module()
{
    run(main());
    run(main2());
    run(main3());
}
} // namespace reading

// async def main():
//     s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
//     try:
//         await asyncio.open_connection("127.0.0.1", port)
//     except ConnectionError as e:
//         print(type(e).__name__, e)
//     server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
//     port = server.sockets[0].getsockname()[1]
//     try:
//         await asyncio.start_server(lambda r, w: None, "127.0.0.1", port)
//     except OSError as e:
//         print(type(e).__name__, e)
//     server.close()
// -> ConnectionRefusedError [Errno 111] Connect call failed ('127.0.0.1', PORT)
//    OSError [Errno 98] error while attempting to bind on address ('127.0.0.1', PORT): address already in use
namespace refused {
Task<> nothing(StreamReader, StreamWriter)
{
    co_return;
}
Task<> main()
{
    int port = 0;
    ::close(rawSocket(false, &port)); // a port nobody listens on
    g_port = port;
    try {
        co_await open_connection("127.0.0.1", port);
        print("connected?");
    } catch (const ConnectionError &e) {
        print(e.typeName(), e.what());
    }
}
Task<> taken()
{
    auto server = co_await start_server(nothing, "127.0.0.1", 0);
    auto [host, port] = server.sockets()[0].getsockname();
    g_port = port;
    try {
        co_await start_server(nothing, "127.0.0.1", port);
        print("bound twice?");
    } catch (const OSError &e) {
        print(e.typeName(), e.what());
    }
    server.close();
}
} // namespace refused

// async def main():
//     ls = socket.socket(); ls.bind(("127.0.0.1", 0)); ls.listen(1); port = ls.getsockname()[1]
//     reader, writer = await asyncio.open_connection("127.0.0.1", port)
//     conn, _ = ls.accept()
//     conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
//     conn.close()                      # the peer resets the connection
//     try:
//         print(await reader.readline())
//     except ConnectionError as e:
//         print(type(e).__name__, e)
//     ls.close()
// -> ConnectionResetError [Errno 104] Connection reset by peer
// main2: the same, but `await asyncio.sleep(0.1)` before reading (the reset has arrived already),
// then read() and readline():
// -> read ConnectionResetError [Errno 104] Connection reset by peer
//    readline ConnectionResetError [Errno 104] Connection reset by peer
namespace reset {
int acceptAndReset(int listening)
{
    const int conn = ::accept(listening, nullptr, nullptr); // already queued: does not block
    linger lg{1, 0};
    ::setsockopt(conn, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    return ::close(conn);
}
Task<> main()
{
    int port = 0;
    const int ls = rawSocket(true, &port);
    auto [reader, writer] = co_await open_connection("127.0.0.1", port);
    acceptAndReset(ls);
    try {
        print(repr(co_await reader.readline()));
    } catch (const ConnectionError &e) {
        print(e.typeName(), e.what());
    }
    ::close(ls);
}
Task<> main2()
{
    int port = 0;
    const int ls = rawSocket(true, &port);
    auto [reader, writer] = co_await open_connection("127.0.0.1", port);
    acceptAndReset(ls);
    co_await sleep(0.1);
    try {
        print(repr(co_await reader.read()));
    } catch (const ConnectionError &e) {
        print("read", e.typeName(), e.what());
    }
    try {
        print(repr(co_await reader.readline()));
    } catch (const ConnectionError &e) {
        print("readline", e.typeName(), e.what());
    }
    ::close(ls);
}
} // namespace reset

// Streams need the real clock: on the virtual one they refuse, with a message saying so.
namespace virtualclock {
Task<> main()
{
    co_await open_connection("127.0.0.1", 9);
}
} // namespace virtualclock

} // namespace
} // namespace coroscope

class TestStreams : public QObject
{
    Q_OBJECT
private slots:
    void echoRoundTrip()
    {
        const auto r = runProgram([] { run(echo::main()); }, realTime());
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"server got 'hello echo\\n'", "client got 'HELLO ECHO\\n'", "then ''"}));

        const auto &t = r.trace;
        QCOMPARE(t.clock, ClockMode::Real);
        const auto client = laneNamed(t, "Task-1 main()");
        const auto server = laneNamed(t, "Task-2 handle_echo()");
        QVERIFY2(server != NoLane, qPrintable(laneNames(t).join(", ")));
        QCOMPARE(t.lanes[server].kind, LaneKind::Task);
        // Each side's socket waits are suspensions labelled with the operation.
        const auto clientWaits = story(t, client, {EventKind::Suspend});
        QVERIFY2(clientWaits.contains("suspend connect"), qPrintable(clientWaits.join(", ")));
        QVERIFY2(clientWaits.contains("suspend readline"), qPrintable(clientWaits.join(", ")));
        QVERIFY2(clientWaits.contains("suspend read"), qPrintable(clientWaits.join(", ")));
        QVERIFY(story(t, server, {EventKind::Suspend}).contains("suspend readline"));
        // The server's handler starts from the loop's accept callback.
        const auto serverStart = findEvent(t, EventKind::Start, server);
        const auto sched = t.events[serverStart].cause;
        QCOMPARE(t.events[sched].eventKind(), EventKind::Schedule);
        QCOMPARE(t.detail(t.events[t.events[sched].cause]), "accept");
        // The client's readline is woken by the loop seeing its socket readable.
        const auto readline = findEvent(t, EventKind::Suspend, client, "readline");
        const auto resume = findEvent(t, EventKind::Resume, client, {}, readline);
        const auto wake = t.events[t.events[resume].cause].cause;
        QCOMPARE(t.events[wake].eventKind(), EventKind::Callback);
        QCOMPARE(t.detail(t.events[wake]), "socket readable");
        // Time is the wall clock, in order.
        for (std::size_t i = 1; i < t.events.size(); ++i)
            QVERIFY(t.time(std::uint32_t(i - 1)) <= t.time(std::uint32_t(i)));
    }

    void readSemantics()
    {
        const auto r = runProgram(reading::module, realTime());
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r),
                 QStringList({"'line1\\n'", "'abc|'", "'de'", "'f|'",
                              "IncompleteReadError 'tail' 4 bytes read on a total of undefined expected bytes",
                              "'' '' True", "'line1\\nabc|def|tail'", "''", "'line1\\n'", "'abc|def|tail'", "''"}));
        // Each kind of wait is labelled: the first run waits in readline and readuntil, the second
        // in read().
        const auto &t = r.trace;
        QStringList waits;
        for (auto seq : eventsOf(t, NoLane, {EventKind::Suspend}))
            waits << qs(t.detail(t.events[seq]));
        QVERIFY2(waits.contains("readline") && waits.contains("readuntil") && waits.contains("read"),
                 qPrintable(waits.join(", ")));
    }

    void connectionRefusedNamesTheAddress()
    {
        const auto r = runProgram([] { run(refused::main()); }, realTime());
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r).size(), 1);
        QCOMPARE(withPort(lines(r).front()),
                 QString("ConnectionRefusedError [Errno 111] Connect call failed ('127.0.0.1', PORT)"));
    }

    void uncaughtRefusalEndsTheRun()
    {
        int port = 0;
        ::close(rawSocket(false, &port));
        const auto r = runProgram([port] { run(open_connection("127.0.0.1", port)); }, realTime());
        QCOMPARE(QString::fromStdString(r.error),
                 QString("ConnectionRefusedError: [Errno 111] Connect call failed ('127.0.0.1', %1)").arg(port));
    }

    void portAlreadyTaken()
    {
        const auto r = runProgram([] { run(refused::taken()); }, realTime());
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r).size(), 1);
        QCOMPARE(withPort(lines(r).front()), QString("OSError [Errno 98] error while attempting to bind on address "
                                                     "('127.0.0.1', PORT): address already in use"));
    }

    void peerResetIsAnErrorOnRead()
    {
        const auto r = runProgram([] { run(reset::main()); }, realTime());
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"ConnectionResetError [Errno 104] Connection reset by peer"}));
        const auto main = laneNamed(r.trace, "Task-1 main()");
        QCOMPARE(story(r.trace, main, {EventKind::Done}), QStringList({"done None"}));
    }

    void resetThatArrivedBeforeTheRead()
    {
        const auto r = runProgram([] { run(reset::main2()); }, realTime());
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"read ConnectionResetError [Errno 104] Connection reset by peer",
                                        "readline ConnectionResetError [Errno 104] Connection reset by peer"}));
    }

    void socketsNeedTheRealClock()
    {
        const auto r = runProgram([] { run(virtualclock::main()); });
        QVERIFY(!r.ok());
        QVERIFY2(r.error.find("real-time") != std::string::npos, r.error.c_str());
    }
};

QTEST_GUILESS_MAIN(TestStreams)
#include "tst_streams.moc"
