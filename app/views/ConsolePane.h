#pragma once

#include <QWidget>

#include <functional>

class QLabel;
class QListView;
class QPlainTextEdit;

namespace coroscope {

class ConsoleModel;
class CursorController;
class TraceDocument;

// What the program printed so far (the Output events up to the cursor), newest line marked and kept
// in view; below it, in dark red, what the run wrote to stderr (the trace's "stderr" metadata:
// exceptions logged by the loop, "Task exception was never retrieved", what stopped the run).
class ConsolePane : public QWidget
{
    Q_OBJECT
public:
    ConsolePane(TraceDocument *document, CursorController *cursor, QWidget *parent = nullptr);

    ConsoleModel *model() const { return m_model; }
    QListView *view() const { return m_view; }
    QPlainTextEdit *errorView() const { return m_stderr; }
    QString errorText() const; // the stderr reports, one after another as a terminal shows them
    void retranslate();

protected:
    bool event(QEvent *event) override; // ApplicationFontChange: QWidget::event does not pass it on
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void applyFont();
    void showErrors();

    TraceDocument *m_document;
    ConsoleModel *m_model;
    QLabel *m_title;
    QListView *m_view;
    QPlainTextEdit *m_stderr;
    std::function<void()> m_keepNewest;
};

} // namespace coroscope
