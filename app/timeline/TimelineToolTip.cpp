#include "TimelineToolTip.h"

#include "TimelineCoordinates.h"
#include "trace/Trace.h"

#include <QCoreApplication>
#include <QStringList>

namespace coroscope {

namespace {

// A tooltip line is read, not scrolled: `gather(...)` over 10,000 tasks is cut to what fits.
QString esc(std::string_view text)
{
    constexpr std::size_t kMax = 600;
    if (text.size() > kMax) {
        std::size_t cut = kMax;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80)
            --cut;
        return QString::fromUtf8(text.data(), qsizetype(cut)).toHtmlEscaped() + QChar(0x2026);
    }
    return QString::fromUtf8(text.data(), qsizetype(text.size())).toHtmlEscaped();
}

QString eventLine(const Trace &trace, std::uint32_t seq)
{
    const Event &e = trace.events[seq];
    QString text = QStringLiteral("#%1 %2").arg(seq).arg(esc(eventKindName(e.eventKind())));
    if (!trace.detail(e).empty())
        text += QStringLiteral(" “%1”").arg(esc(trace.detail(e)));
    if (e.lane < trace.lanes.size())
        text += QCoreApplication::translate("Timeline", " on %1").arg(esc(trace.laneName(e.lane)));
    return text;
}

} // namespace

QString timelineToolTip(const Trace &trace, std::uint32_t seq, double pointSize)
{
    if (seq >= trace.events.size())
        return {};
    const Event &e = trace.events[seq];
    const QString detail = esc(trace.detail(e));
    const QString lane = e.lane < trace.lanes.size() ? esc(trace.laneName(e.lane)) : QStringLiteral("?");
    QStringList lines;
    lines << QStringLiteral("<b>#%1 %2</b> &nbsp;·&nbsp; %3")
                 .arg(seq)
                 .arg(esc(eventKindName(e.eventKind())), lane);
    lines << QCoreApplication::translate("Timeline", "time %1 &nbsp;·&nbsp; step %2")
                 .arg(QString::fromStdString(formatSeconds(double(trace.time(seq)) * 1e-9, 1e-6)))
                 .arg(seq);

    auto what = [&](const char *label) {
        if (!detail.isEmpty())
            lines
                << QStringLiteral("%1 <b>%2</b>").arg(QCoreApplication::translate("Timeline", label), detail);
    };
    switch (e.eventKind()) {
    case EventKind::Create:
        what(QT_TRANSLATE_NOOP("Timeline", "created:"));
        break;
    case EventKind::Start:
        lines << QCoreApplication::translate("Timeline", "first step of its code");
        break;
    case EventKind::Suspend:
        what(QT_TRANSLATE_NOOP("Timeline", "waits for:"));
        break;
    case EventKind::Resume:
        what(QT_TRANSLATE_NOOP("Timeline", "resumes with:"));
        break;
    case EventKind::Output:
        what(QT_TRANSLATE_NOOP("Timeline", "prints:"));
        break;
    case EventKind::Enter:
        what(QT_TRANSLATE_NOOP("Timeline", "awaits inline:"));
        break;
    case EventKind::Leave:
        what(QT_TRANSLATE_NOOP("Timeline", "inline call returns:"));
        break;
    case EventKind::Done:
        what(QT_TRANSLATE_NOOP("Timeline", "returns:"));
        break;
    case EventKind::Error:
        what(QT_TRANSLATE_NOOP("Timeline", "raises:"));
        break;
    case EventKind::Cancel:
        what(QT_TRANSLATE_NOOP("Timeline", "cancelled:"));
        break;
    case EventKind::Schedule:
        what(QT_TRANSLATE_NOOP("Timeline", "queued:"));
        break;
    case EventKind::Callback:
        what(QT_TRANSLATE_NOOP("Timeline", "runs callback:"));
        break;
    case EventKind::TimerArm: {
        what(QT_TRANSLATE_NOOP("Timeline", "arms a timer:"));
        const auto due = trace.dueTime(seq);
        if (due >= 0)
            lines << QCoreApplication::translate("Timeline", "due at %1")
                         .arg(QString::fromStdString(formatSeconds(double(due) * 1e-9, 1e-6)));
        break;
    }
    case EventKind::TimerFire:
        what(QT_TRANSLATE_NOOP("Timeline", "timer fires:"));
        break;
    case EventKind::TimerCancel:
        what(QT_TRANSLATE_NOOP("Timeline", "timer cancelled:"));
        break;
    case EventKind::Clock:
        what(QT_TRANSLATE_NOOP("Timeline", "clock jumps:"));
        break;
    case EventKind::Fault:
        what(QT_TRANSLATE_NOOP("Timeline", "run stopped:"));
        break;
    case EventKind::Submit:
        what(QT_TRANSLATE_NOOP("Timeline", "hands to a worker:"));
        break;
    case EventKind::Sync:
        what(QT_TRANSLATE_NOOP("Timeline", "synchronises:"));
        break;
    default:
        what(QT_TRANSLATE_NOOP("Timeline", "detail:"));
        break;
    }

    if (e.cause < seq) {
        const Event &c = trace.events[e.cause];
        const bool wake = e.eventKind() == EventKind::Resume || e.eventKind() == EventKind::Start;
        lines << QStringLiteral("%1 %2").arg(wake ? QCoreApplication::translate("Timeline", "woken by:")
                                                  : QCoreApplication::translate("Timeline", "caused by:"),
                                             eventLine(trace, e.cause));
        if (wake && c.eventKind() == EventKind::Schedule && c.cause < e.cause)
            lines << QStringLiteral("&nbsp;&nbsp;&nbsp;%1 %2")
                         .arg(QCoreApplication::translate("Timeline", "queued by:"),
                              eventLine(trace, c.cause));
    }
    const std::string where = trace.locationText(e);
    if (!where.empty())
        lines << QCoreApplication::translate("Timeline", "source: %1").arg(esc(where));
    return QStringLiteral("<div style=\"font-size:%1pt; white-space:nowrap\">%2</div>")
        .arg(pointSize, 0, 'f', 1)
        .arg(lines.join(QStringLiteral("<br>")));
}

} // namespace coroscope
