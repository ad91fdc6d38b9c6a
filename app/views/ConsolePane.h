#pragma once

#include <QWidget>

#include <functional>

class QLabel;
class QListView;

namespace coroscope {

class ConsoleModel;
class CursorController;
class TraceDocument;

// What the program printed so far (the Output events up to the cursor), newest line marked and kept
// in view.
class ConsolePane : public QWidget
{
    Q_OBJECT
public:
    ConsolePane(TraceDocument *document, CursorController *cursor, QWidget *parent = nullptr);

    ConsoleModel *model() const { return m_model; }
    QListView *view() const { return m_view; }
    void retranslate();

protected:
    bool event(QEvent *event) override; // ApplicationFontChange: QWidget::event does not pass it on
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void applyFont();

    ConsoleModel *m_model;
    QLabel *m_title;
    QListView *m_view;
    std::function<void()> m_keepNewest;
};

} // namespace coroscope
