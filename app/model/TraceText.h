#pragma once

#include "trace/Trace.h"

#include <QCoreApplication>
#include <QString>

namespace coroscope {

// How the panes name things of the trace, in the UI language.
class TraceText
{
    Q_DECLARE_TR_FUNCTIONS(TraceText)
public:
    // "1.000 s" (milliseconds shown; microseconds too when the time has them).
    static QString time(std::int64_t ns);
    // The event kind as a short word ("resume", "恢复").
    static QString kind(EventKind kind);
    // One sentence on what the kind means, for tooltips.
    static QString kindHelp(EventKind kind);
    static QString laneName(const Trace &trace, std::uint32_t lane);
    static QString detail(const Trace &trace, const Event &e);
    static QString location(const Trace &trace, const Event &e);
    static QString str(std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }
};

} // namespace coroscope
