#pragma once

#include <QString>

#include <cstdint>

namespace coroscope {

struct Trace;

// The hover text of event `seq`: number, kind, lane, time, what it means (what a suspension waits
// for, the value a resume brings, the printed text...), what caused it and its source line. Rich
// text, escaped, in `pointSize` type.
QString timelineToolTip(const Trace &trace, std::uint32_t seq, double pointSize = 12);

} // namespace coroscope
