#include "PredictPanel.h"

#include "model/PredictController.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace coroscope {

PredictPanel::PredictPanel(PredictController *predict, QWidget *parent)
    : QFrame(parent)
    , m_predict(predict)
    , m_label(new QLabel)
    , m_reveal(new QPushButton)
{
    setObjectName(QStringLiteral("predictPanel"));
    // Amber like a question on a slide: it must be seen from the back of the room.
    setStyleSheet(QStringLiteral("QFrame#predictPanel { background: #fff3c4; border: 2px solid #b27d00;"
                                 " border-radius: 4px; }"
                                 "QFrame#predictPanel QLabel { color: #000000; }"));
    m_label->setTextFormat(Qt::RichText);
    m_label->setWordWrap(false);
    m_label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_reveal->setFocusPolicy(Qt::NoFocus); // R / Enter work wherever the focus is
    auto *box = new QHBoxLayout(this);
    box->setContentsMargins(12, 2, 12, 2);
    box->addWidget(m_label, 1);
    box->addWidget(m_reveal);
    connect(m_reveal, &QPushButton::clicked, predict, &PredictController::reveal);
    connect(predict, &PredictController::changed, this, &PredictPanel::refresh);
    refresh();
}

QString PredictPanel::text() const
{
    return m_label->text();
}

void PredictPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        refresh();
    QFrame::changeEvent(event);
}

void PredictPanel::refresh()
{
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    m_label->setFont(big);
    m_reveal->setFont(big);
    const int line = m_predict->revealedCount() + 1;
    const int total = m_predict->outputCount();
    if (m_predict->isAsking())
        m_label->setText(tr("<b>What prints next?</b> Line %1 of %2. Talk it over, then reveal it (R).")
                             .arg(line)
                             .arg(total));
    else if (m_predict->hiddenFrom() >= 0)
        m_label->setText(tr("<b>Predict mode:</b> %1 of %2 lines shown. Play or step: the run stops before "
                            "each new line.")
                             .arg(line - 1)
                             .arg(total));
    else
        m_label->setText(tr("<b>Predict mode:</b> every line has been revealed."));
    m_reveal->setText(tr("Reveal (R)"));
    m_reveal->setEnabled(m_predict->isAsking());
}

} // namespace coroscope
