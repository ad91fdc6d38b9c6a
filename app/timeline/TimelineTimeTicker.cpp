#include "TimelineTimeTicker.h"

#include "TimelineCoordinates.h"

#include <algorithm>
#include <cmath>

namespace coroscope {

double TimelineTimeTicker::getTickStep(const QCPRange &range)
{
    m_step = QCPAxisTicker::getTickStep(range);
    // One unit for the whole axis, the one that suits its largest value.
    m_unit = secondsUnit(std::max({std::fabs(range.lower), std::fabs(range.upper), m_step}));
    return m_step;
}

QString TimelineTimeTicker::getTickLabel(double tick, const QLocale &, QChar, int)
{
    if (std::fabs(tick) < m_step * 1e-6)
        tick = 0;
    return QString::fromStdString(formatSeconds(tick, m_step, m_unit));
}

} // namespace coroscope
