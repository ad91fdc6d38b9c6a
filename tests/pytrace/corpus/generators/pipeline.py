# A generator pipeline over log lines: grep, parse, sum (in the manner of "Generator Tricks for
# Systems Programmers").
LOG = """\
127.0.0.1 - - "GET /index.html" 200 1043
127.0.0.1 - - "GET /missing" 404 -
10.0.0.7 - - "GET /big.iso" 200 734003200
10.0.0.7 - - "POST /form" 302 12
192.168.1.4 - - "GET /index.html" 200 1043
"""


def lines(text):
    for line in text.splitlines():
        print(f"  read: {line[:24]}...")
        yield line


def grep(pattern, source):
    for line in source:
        if pattern in line:
            yield line


def sizes(source):
    for line in source:
        field = line.rsplit(None, 1)[1]
        yield int(field) if field != "-" else 0


total = sum(sizes(grep('"GET', lines(LOG))))
print("bytes sent by GET:", total)
