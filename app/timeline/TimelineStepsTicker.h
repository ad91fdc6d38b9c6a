#pragma once

#include <qcustomplot.h>

namespace coroscope {

// The steps axis: ticks on whole events (1-2-5 steps), plain numbers.
class TimelineStepsTicker : public QCPAxisTicker
{
protected:
    double getTickStep(const QCPRange &range) override;
    QString getTickLabel(double tick, const QLocale &locale, QChar formatChar, int precision) override;
};

} // namespace coroscope
