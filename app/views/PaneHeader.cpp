#include "PaneHeader.h"

namespace coroscope::PaneHeader {

QLabel *create(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(QStringLiteral("paneHeader"));
    label->setStyleSheet(QStringLiteral("QLabel#paneHeader { background: #e6e9ef; color: #263238;"
                                        " padding: 3px 8px; font-weight: bold;"
                                        " border-bottom: 1px solid #c9ced6; }"));
    label->setTextFormat(Qt::PlainText);
    label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    return label;
}

} // namespace coroscope::PaneHeader
