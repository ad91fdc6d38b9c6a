#pragma once

#include "ChromeDocument.h"
#include "Trace.h"

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace coroscope {

// Another tool's Chrome trace as Coroscope shows it, mapped the way Perfetto's JSON importer maps it
// (docs/trace-format.md, "Traces from other tools"):
// - each thread (pid, tid) is a lane; "X" slices and "B"/"E" pairs on it are its running spans, nested
//   ones entered and left;
// - each async track, (cat, id) or (pid, cat, id2.local), is a lane of its own named after its first
//   slice and its id, a child of the thread that began it: its "b"/"e" (and legacy "S"/"F") slices
//   nest on it as on a thread, and it is done when its last slice ends (one the trace never ends runs
//   on to its end);
// - flows ("s"/"t"/"f" by id, cat and name; "bind_id" with "flow_out"/"flow_in" on slices) are wake-up
//   arrows: a schedule event where the flow leaves, the cause of the slice it binds to;
// - instants ("i"/"I"/"R", async "n"/"T"/"p") are markers (output events) on their lane; process and
//   global ones on a lane of their own.
class ForeignTraceBuilder
{
public:
    explicit ForeignTraceBuilder(const ChromeDocument &doc)
        : m_doc(doc)
    { }

    // False, with the message, when nothing in the document can be shown.
    bool build(Trace &out, std::string &message);

private:
    struct Slice {
        std::int64_t begin = 0;
        std::int64_t end = -1; // -1 while open
        std::uint32_t lane = 0;
        ChromeText name;
        std::uint32_t cause = NoEvent; // the schedule event of a flow into it, once emitted
        std::uint32_t record = 0;
        bool openAtEnd = false; // an async slice the trace never ends: no end event
    };
    struct Instant {
        std::int64_t time = 0;
        std::uint32_t lane = 0;
        ChromeText name;
    };
    struct Flow {
        std::uint32_t sourceLane = 0;
        std::int64_t sourceTime = 0;
        std::uint32_t target = 0; // slice
        ChromeText name;
    };
    struct LaneInfo {
        std::string name;
        std::uint32_t parent = NoLane;
        bool async = false;
    };

    std::uint32_t threadLane(std::int64_t pid, std::int64_t tid);
    std::uint32_t asyncLane(const ChromeForeign &e);
    std::uint32_t processLane(std::int64_t pid, bool global);
    std::string_view text(ChromeText t) const { return m_doc.text(t); }
    void pairSlices(const std::vector<std::uint32_t> &order);
    void bindFlows(const std::vector<std::uint32_t> &order);
    std::uint32_t enclosingSlice(std::uint32_t lane, std::int64_t time) const;
    std::uint32_t nextSlice(std::uint32_t lane, std::int64_t time) const;
    bool emit(Trace &out, std::string &message);

    const ChromeDocument &m_doc;
    std::map<std::pair<std::int64_t, std::int64_t>, std::string> m_threadNames;
    std::map<std::int64_t, std::string> m_processNames;
    std::map<std::pair<std::int64_t, std::int64_t>, std::uint32_t> m_threadLanes;
    std::map<std::tuple<std::int64_t, std::string_view, std::string_view>, std::uint32_t> m_asyncLanes;
    std::map<std::int64_t, std::uint32_t> m_processLanes;
    std::vector<LaneInfo> m_lanes;
    std::vector<Slice> m_slices;
    std::vector<Instant> m_instants;
    std::vector<Flow> m_flows;
    std::vector<std::vector<std::uint32_t>> m_slicesOfLane; // slice indices by begin
    std::vector<std::uint32_t> m_sliceOfRecord;             // for bind_id flows; NoEvent for none
};

} // namespace coroscope
