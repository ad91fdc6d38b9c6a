#pragma once

#include <qcustomplot.h>

namespace coroscope {

// The time axis: seconds in one unit per zoom ("0 s", "250 ms", "12 µs").
class TimelineTimeTicker : public QCPAxisTicker
{
protected:
    double getTickStep(const QCPRange &range) override;
    QString getTickLabel(double tick, const QLocale &locale, QChar formatChar, int precision) override;

private:
    double m_step = 1;
    double m_unit = 1;
};

} // namespace coroscope
