#include "AnnotationBanner.h"

#include "model/CursorController.h"
#include "model/TraceDocument.h"

#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>

namespace coroscope {

AnnotationBanner::AnnotationBanner(TraceDocument *document, CursorController *cursor, QWidget *parent)
    : QFrame(parent)
    , m_document(document)
    , m_cursor(cursor)
    , m_label(new QLabel)
{
    setObjectName(QStringLiteral("annotationBanner"));
    setStyleSheet(
        QStringLiteral("QFrame#annotationBanner { background: #fff8d6; border-left: 8px solid #e69f00;"
                       " border-top: 1px solid #b27d00; border-bottom: 1px solid #b27d00; }"
                       "QFrame#annotationBanner QLabel { color: #000000; }"));
    m_label->setTextFormat(Qt::PlainText);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::NoTextInteraction);
    auto *box = new QHBoxLayout(this);
    box->setContentsMargins(14, 6, 14, 6);
    box->addWidget(m_label, 1);
    connect(cursor, &CursorController::cursorChanged, this, &AnnotationBanner::refresh);
    connect(document, &TraceDocument::annotationsChanged, this, &AnnotationBanner::refresh);
    connect(document, &TraceDocument::traceChanged, this, &AnnotationBanner::refresh);
    refresh();
}

QString AnnotationBanner::text() const
{
    return m_shown ? m_label->text() : QString();
}

bool AnnotationBanner::event(QEvent *event)
{
    if (event->type() == QEvent::ApplicationFontChange)
        changeEvent(event);
    return QFrame::event(event);
}

void AnnotationBanner::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::ApplicationFontChange)
        refresh();
    QFrame::changeEvent(event);
}

void AnnotationBanner::refresh()
{
    const qint64 seq = m_cursor->cursor();
    const Annotation *a = m_document->annotationAt(seq);
    QFont big = QApplication::font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_label->setFont(big);
    if (a) {
        const QString note = QString::fromUtf8(a->note.data(), qsizetype(a->note.size()));
        m_label->setText(note.isEmpty() ? tr("Step %1: bookmarked").arg(seq)
                                        : tr("Step %1: %2").arg(seq).arg(note));
    } else {
        m_label->clear();
    }
    // Whoever holds the banner shows or hides it (a widget in a tool bar must not hide itself).
    if (const bool shown = a != nullptr; shown != m_shown) {
        m_shown = shown;
        emit shownChanged(shown);
    }
}

} // namespace coroscope
