#include "TransportBar.h"

#include "Fonts.h"
#include "model/CursorController.h"
#include "model/PlaybackController.h"
#include "model/TraceDocument.h"
#include "model/TraceText.h"

#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QToolButton>

#include <algorithm>

namespace coroscope {

TransportBar::TransportBar(TraceDocument *document, CursorController *cursor, PlaybackController *playback,
                           QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_cursor(cursor)
    , m_playback(playback)
    , m_buttons(new QHBoxLayout)
    , m_trailing(new QHBoxLayout)
    , m_position(new QLabel)
    , m_scrub(new QSlider(Qt::Horizontal))
    , m_speedTitle(new QLabel)
    , m_speed(new QSlider(Qt::Horizontal))
    , m_speedValue(new QLabel)
{
    setObjectName(QStringLiteral("transport"));
    m_position->setObjectName(QStringLiteral("position"));
    m_scrub->setObjectName(QStringLiteral("scrubber"));
    m_speed->setObjectName(QStringLiteral("speed"));
    for (QSlider *s : {m_scrub, m_speed})
        s->setFocusPolicy(Qt::NoFocus); // the window's arrow keys step; sliders are for the mouse
    m_scrub->setPageStep(10);
    m_scrub->setMinimumWidth(160);
    m_speed->setRange(0, int(PlaybackController::speedSteps().size()) - 1);
    m_speed->setFixedWidth(110);
    m_speed->setPageStep(1);
    m_position->setTextFormat(Qt::PlainText);

    m_buttons->setSpacing(2);
    m_trailing->setSpacing(2);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(10);
    layout->addLayout(m_buttons);
    layout->addWidget(m_position);
    layout->addWidget(m_scrub, 1);
    layout->addWidget(m_speedTitle);
    layout->addWidget(m_speed);
    layout->addWidget(m_speedValue);
    layout->addLayout(m_trailing);

    connect(cursor, &CursorController::cursorChanged, this, &TransportBar::sync);
    connect(cursor, &CursorController::eventCountChanged, this, &TransportBar::sync);
    connect(document, &TraceDocument::traceChanged, this, &TransportBar::sync);
    connect(m_scrub, &QSlider::valueChanged, this, [this](int value) {
        if (!m_syncing)
            m_cursor->setCursor(value);
    });
    connect(m_scrub, &QSlider::sliderPressed, m_playback, &PlaybackController::pause);
    connect(m_speed, &QSlider::valueChanged, this, [this](int index) {
        if (!m_syncing)
            m_playback->setSpeed(PlaybackController::speedSteps()[std::size_t(index)]);
    });
    connect(playback, &PlaybackController::speedChanged, this, &TransportBar::syncSpeed);
    syncSpeed(playback->speed());
    retranslate();
    sync();
}

void TransportBar::addAction(QAction *action)
{
    auto *button = new QToolButton;
    button->setDefaultAction(action);
    button->setAutoRaise(true);
    button->setIconSize(QSize(26, 26));
    button->setFocusPolicy(Qt::NoFocus);
    m_buttons->addWidget(button);
    // A button follows its action's visibility (Stop shows only while a script runs).
    button->setVisible(action->isVisible());
    connect(action, &QAction::changed, button, [button, action] { button->setVisible(action->isVisible()); });
}

void TransportBar::addSeparator()
{
    auto *line = new QFrame;
    line->setFrameShape(QFrame::VLine);
    line->setFrameShadow(QFrame::Sunken);
    m_buttons->addWidget(line);
}

void TransportBar::addTrailingAction(QAction *action)
{
    auto *button = new QToolButton;
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setFocusPolicy(Qt::NoFocus);
    m_trailing->addWidget(button);
}

void TransportBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void TransportBar::retranslate()
{
    m_speedTitle->setText(tr("Speed"));
    m_scrub->setToolTip(tr("Drag to move through the run, one event per notch."));
    m_speed->setToolTip(tr("Playback speed, in events per second."));
    syncSpeed(m_playback->speed());
    sync();
}

void TransportBar::sync()
{
    m_syncing = true;
    const qint64 count = m_cursor->eventCount();
    const qint64 cursor = m_cursor->cursor();
    m_scrub->setRange(-1, int(std::max<qint64>(count - 1, -1)));
    m_scrub->setValue(int(cursor));
    m_scrub->setEnabled(count > 0);
    if (count == 0) {
        m_position->setText(tr("no trace"));
    } else if (cursor < 0) {
        m_position->setText(count == 1 ? tr("start · 1 event") : tr("start · %1 events").arg(count));
    } else {
        const Trace &trace = m_document->trace();
        const QString time = std::size_t(cursor) < trace.events.size()
            ? TraceText::time(trace.time(std::uint32_t(cursor)))
            : QString();
        m_position->setText(tr("step %1 / %2 · %3").arg(cursor).arg(count - 1).arg(time));
    }
    // Wide enough for the widest position of this trace, so that the label does not jitter as it plays.
    if (count > 0) {
        const auto &events = m_document->trace().events;
        const QString widest = tr("step %1 / %2 · %3")
                                   .arg(count - 1)
                                   .arg(count - 1)
                                   .arg(events.empty() ? QString() : TraceText::time(m_document->trace().endTime()));
        const QFontMetrics fm(m_position->font());
        m_position->setMinimumWidth(std::max(fm.horizontalAdvance(widest), fm.horizontalAdvance(m_position->text())) + 8);
    }
    m_syncing = false;
}

void TransportBar::syncSpeed(int stepsPerSecond)
{
    m_syncing = true;
    const auto &steps = PlaybackController::speedSteps();
    const auto it = std::lower_bound(steps.begin(), steps.end(), stepsPerSecond);
    m_speed->setValue(int(std::min<std::ptrdiff_t>(it - steps.begin(), std::ptrdiff_t(steps.size()) - 1)));
    m_speedValue->setText(tr("%1/s").arg(stepsPerSecond));
    m_syncing = false;
}

} // namespace coroscope
