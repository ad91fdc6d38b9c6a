#pragma once

#include "Trace.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// What one pass of ChromeJsonReader collects from a Chrome Trace Event document, before a trace is
// built from it: plain data, so that the JSON walking and the two mappings (a Coroscope export read
// back exactly, another tool's trace mapped as Perfetto does) stay apart.
namespace coroscope {

// Times beyond ±10^15 us (31 years) are refused, so that ts + dur and shifts to the first event never
// overflow 64-bit nanoseconds.
inline constexpr std::int64_t kChromeMaxMicros = 1'000'000'000'000'000;

// A text kept in one of the document's arenas (ChromeDocument::arena).
struct ChromeText {
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
};

// One native event carried in a JSON event's args, resolved once the tables are known. (args.d, the
// detail's string id, is checked but not kept: the text decides, and each text is resolved once.)
struct ChromeCarried {
    std::int64_t time = 0;
    std::uint32_t seq = 0;
    std::uint32_t lane = 0;
    std::uint32_t cause = NoEvent;
    std::uint32_t loc = 0;
    std::uint32_t detail = 0; // index into ChromeDocument::details; 0: none
    std::uint8_t kind = 0;
};

// An event of another tool's trace, as written (ChromeJsonReader's foreign pass). The builder
// (ForeignTraceBuilder) pairs, nests and binds them.
struct ChromeForeign {
    enum Flag : std::uint16_t {
        HasTs = 1,
        HasDur = 2,
        HasId = 4,       // id, or id2.global
        LocalId = 8,     // id2.local: the id is scoped to the process
        HasBindId = 16,  // flow v2: bind_id with flow_in / flow_out on a slice
        FlowIn = 32,
        FlowOut = 64,
        BindEnclosing = 128, // "bp": "e" on a flow end
    };
    std::int64_t pid = 0;
    std::int64_t tid = 0;
    std::int64_t ts = 0;
    std::int64_t dur = 0;
    std::uint64_t offset = 0; // where the JSON event starts, for error messages
    std::uint64_t bindId = 0;
    ChromeText id;      // as written: "0x2a", or the digits of a number
    ChromeText cat;
    ChromeText name;
    ChromeText argName; // args.name (what an "M" event names)
    std::uint16_t flags = 0;
    char ph = 0;
    char scope = 0; // "s" of an instant: 't', 'p' or 'g'; 0 when absent

    bool has(Flag f) const { return (flags & f) != 0; }
};

struct ChromeDocument {
    // The tables of the "coroscope" object (strings, locations, lanes, timer dues, metadata, clock).
    Trace trace;
    bool haveHeader = false;
    std::uint64_t headerOffset = 0;
    std::int64_t declaredEvents = -1;
    std::uint64_t eventsAt = 0;
    std::vector<std::uint64_t> locationOffsets, laneOffsets, dueOffsets;
    // The lanes' names, interned once the events' details are (so that ids come out as recorded).
    std::vector<std::string> laneNames;

    std::vector<ChromeCarried> carried;
    // Where each carried event's JSON event starts, for error messages: kept only by a pass asked to
    // (the importer reads a trace again for them when its events turn out to be wrong).
    bool keepOffsets = false;
    std::vector<std::uint64_t> carriedOffsets;
    std::vector<ChromeText> details {ChromeText {}}; // the carried events' detail texts, most of them once
    std::vector<ChromeForeign> foreign;
    std::string arena; // carried details and foreign texts, back to back

    std::string_view text(ChromeText t) const { return std::string_view(arena).substr(t.offset, t.length); }
};

} // namespace coroscope
