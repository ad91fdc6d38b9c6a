#pragma once

#include "ChromeDocument.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace coroscope {

// Walks a Chrome Trace Event document with simdjson's On Demand API and collects what a pass needs
// into a ChromeDocument. Every value is read or checked (strict JSON: values a pass does not need are
// validated, not skipped), nesting is limited to kChromeMaxDepth levels (a recursive walk, so at most
// that deep), and every refusal names the byte it is about.
//
// Two passes: Native collects the events carried in args (seq, kind, detail...) and the "coroscope"
// tables, which is all an export needs; Foreign collects every event's Chrome fields, for a trace
// another tool wrote (run only when the document turned out to have no "coroscope" object).
//
// The input must be followed by kPadding readable bytes (simdjson reads ahead).
class ChromeJsonReader
{
public:
    enum class Pass { Native, Foreign };

    struct Failure {
        bool syntax = false;     // simdjson refused the JSON itself: JsonSyntaxCheck says where and why
        std::uint64_t offset = 0;
        std::string message;     // a content error's message (no position prefix)
    };

    static constexpr std::size_t kPadding = 64;

    ChromeJsonReader(ChromeDocument &doc, Pass pass);
    ~ChromeJsonReader();

    // A whole document at `data` (offsets are relative to it, plus `shift` from `spliceAt` on: the
    // importer's fast path reads the head and the tail of a document as one, its middle cut out).
    // `eventsAt`, when not ~0, is where the traceEvents array must start (the cut-out middle belongs
    // to it); another one is a failure.
    bool readDocument(const char *data, std::size_t length, std::uint64_t spliceAt = ~std::uint64_t(0),
                      std::uint64_t shift = 0, std::uint64_t eventsAt = ~std::uint64_t(0));
    // A run of traceEvents elements wrapped as "[" ... "]" at `data`; `origin` is the input offset of
    // the byte after the "[". `eventDepth` is the nesting level of the events in the document.
    bool readEvents(const char *data, std::size_t length, std::uint64_t origin, int eventDepth);

    const Failure &failure() const { return m_failure; }

private:
    ChromeDocument &m_doc;
    Pass m_pass;
    Failure m_failure;
    struct Parser;
    std::unique_ptr<Parser> m_parser;
};

} // namespace coroscope
