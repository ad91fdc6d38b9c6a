#include "TimelinePane.h"

#include "timeline/TimelineWidget.h"
#include "views/LaneFilterBar.h"

#include <QVBoxLayout>

namespace coroscope {

TimelinePane::TimelinePane(TimelineWidget *timeline, QWidget *parent)
    : QWidget(parent)
    , m_timeline(timeline)
    , m_filterBar(new LaneFilterBar(timeline))
{
    setObjectName(QStringLiteral("timelinePane"));
    auto *box = new QVBoxLayout(this);
    box->setContentsMargins(0, 0, 0, 0);
    box->setSpacing(0);
    box->addWidget(m_filterBar);
    box->addWidget(m_timeline, 1);
    setFocusProxy(m_timeline);
}

} // namespace coroscope
