#pragma once

#include <QWidget>

namespace coroscope {

class LaneFilterBar;
class TimelineWidget;

// The window's timeline with its lane filter strip above it (shown for big runs).
class TimelinePane : public QWidget
{
    Q_OBJECT
public:
    explicit TimelinePane(TimelineWidget *timeline, QWidget *parent = nullptr);

    TimelineWidget *timeline() const { return m_timeline; }
    LaneFilterBar *filterBar() const { return m_filterBar; }

private:
    TimelineWidget *m_timeline;
    LaneFilterBar *m_filterBar;
};

} // namespace coroscope
