#!/usr/bin/env python3
"""Adds bookmarks with notes to a .coroscope trace, written from docs/trace-format.md alone.

    tools/add-notes.py IN.coroscope OUT.coroscope SEQ NOTE [SEQ NOTE ...]

The trace must have no NOTE section yet. The NOTE section goes right before END!, and the END!
checksum is recomputed (CRC-32 of everything before the END! tag). The app and `coroscope-cli show`
then list the notes; the docs' presentation screenshot is made this way.
"""
import struct
import sys
import zlib


def main(argv):
    if len(argv) < 5 or len(argv) % 2 == 0:
        sys.exit(__doc__)
    data = open(argv[1], "rb").read()
    if data[:8] != b"CORSCOPE" or data[-16:-12] != b"END!":
        sys.exit(f"{argv[1]}: not a Coroscope trace file")
    pos = 16
    while pos < len(data) - 16:  # walk the section headers
        tag, length = data[pos:pos + 4], struct.unpack_from("<Q", data, pos + 4)[0]
        if tag == b"NOTE":
            sys.exit(f"{argv[1]}: it has notes already")
        pos += 12 + length
    notes = sorted((int(argv[i]), argv[i + 1].encode("utf-8")) for i in range(3, len(argv), 2))
    payload = struct.pack("<I", len(notes))
    for seq, note in notes:
        payload += struct.pack("<II", seq, len(note)) + note
    body = data[:-16] + b"NOTE" + struct.pack("<Q", len(payload)) + payload
    out = body + b"END!" + struct.pack("<Q", 4) + struct.pack("<I", zlib.crc32(body))
    open(argv[2], "wb").write(out)


if __name__ == "__main__":
    main(sys.argv)
