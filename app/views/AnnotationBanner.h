#pragma once

#include <QFrame>

class QLabel;

namespace coroscope {

class CursorController;
class TraceDocument;

// The note bookmarked on the step at the cursor, in large type over the run (a teacher's "look
// here"); hidden on steps without one. Its type scales with the application font, so presentation
// mode shows it larger still.
class AnnotationBanner : public QFrame
{
    Q_OBJECT
public:
    AnnotationBanner(TraceDocument *document, CursorController *cursor, QWidget *parent = nullptr);

    QString text() const; // what it shows now, plain (tests)
    bool hasNote() const { return m_shown; } // the step at the cursor has a bookmark

signals:
    void shownChanged(bool shown);

protected:
    bool event(QEvent *event) override; // ApplicationFontChange: QWidget::event does not pass it on
    void changeEvent(QEvent *event) override;

private:
    void refresh();

    TraceDocument *m_document;
    CursorController *m_cursor;
    QLabel *m_label;
    bool m_shown = false;
};

} // namespace coroscope
