#include "TimelineStepsTicker.h"

#include <cmath>

namespace coroscope {

double TimelineStepsTicker::getTickStep(const QCPRange &range)
{
    const double raw = QCPAxisTicker::getTickStep(range);
    if (raw <= 1)
        return 1;
    // The next 1-2-5 step, so ticks land on whole events.
    const double mag = std::pow(10, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        if (m * mag >= raw - 1e-9)
            return std::max(1.0, m * mag);
    }
    return 10 * mag;
}

QString TimelineStepsTicker::getTickLabel(double tick, const QLocale &, QChar, int)
{
    return QString::number(qint64(std::llround(tick)));
}

} // namespace coroscope
