#pragma once

#include <QLabel>

namespace coroscope::PaneHeader {

// The title strip above a pane ("Console", "C++ · s_gather_order.cpp"): one look for all panes.
QLabel *create(const QString &text = {}, QWidget *parent = nullptr);

} // namespace coroscope::PaneHeader
