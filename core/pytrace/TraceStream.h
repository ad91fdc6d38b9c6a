#pragma once

#include "trace/Trace.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace coroscope {

// Turns the Python tracer's event stream (docs/pytrace-protocol.md) into a Trace, incrementally:
// feed() takes the bytes as they come off the pipe, in chunks cut anywhere. The one writer of the
// native format stays core: the tracer only streams lines, this builds the Trace from them.
//
// Every record is checked before it is used (ids defined, causes in the past, lanes and kinds
// known), so a damaged stream stops at its first bad line with a message naming the line; what
// came before stays.
class TraceStream
{
public:
    TraceStream();

    // False once the stream is broken: error() says where and why, later input is ignored.
    bool feed(std::string_view bytes);
    // The input has ended: a last line without its newline is taken as it is.
    bool finish();

    bool ok() const { return m_error.empty(); }
    const std::string &error() const { return m_error; }
    // The end marker arrived: the tracer finished the run (normally, or stopped it and said why).
    bool complete() const { return m_complete; }
    // Bytes fed so far and records read (lines).
    std::uint64_t bytes() const { return m_bytes; }
    std::uint64_t lines() const { return m_lineNumber; }

    const Trace &trace() const { return m_trace; }
    // Metadata of the caller's, before what the stream brings (the script's text, the sample it mirrors).
    void addMetadata(std::string key, std::string value) { m_trace.metadata.emplace_back(std::move(key), std::move(value)); }
    // The trace, without the timer dues its TimerFire events imply.
    Trace takeTrace()
    {
        m_trace.dropImpliedTimerDues();
        return std::move(m_trace);
    }

private:
    bool line(std::string_view text);
    bool fail(std::string message);
    // One event, from an `E` line or a binary batch: checked, then appended.
    // `what`: the record it came from ('L', 'E' or 'B'), for the messages.
    bool addEvent(char what, std::int64_t kind, std::int64_t lane, std::int64_t cause, std::int64_t detail, std::int64_t loc,
                  std::int64_t time, std::int64_t due);
    // Takes what `bytes` holds of the binary batch being read; the rest is returned.
    std::string_view binary(std::string_view bytes);
    bool readRecord(char tag, std::string_view rest);
    std::uint32_t string(std::uint64_t streamId, bool &ok);

    Trace m_trace;
    std::string m_partial;                     // a line (or a binary record) cut by the end of a chunk
    std::uint64_t m_batchLeft = 0;             // events still to come in the binary batch being read
    std::vector<std::uint32_t> m_strings{0};   // stream string id -> StringTable id
    std::vector<std::uint32_t> m_locations{0}; // stream location id -> Trace::locations index
    std::string m_error;
    std::uint64_t m_lineNumber = 0;
    std::uint64_t m_bytes = 0;
    bool m_headerSeen = false;
    bool m_complete = false;
};

} // namespace coroscope
