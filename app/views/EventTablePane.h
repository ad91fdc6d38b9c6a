#pragma once

#include <QWidget>

class QLabel;
class QTableView;

namespace coroscope {

class CursorController;
class EventTableModel;
class TraceDocument;

// Every event of the trace in a table; the row at the cursor is selected and kept in view, and
// choosing a row (click, arrow keys) moves the cursor there.
class EventTablePane : public QWidget
{
    Q_OBJECT
public:
    EventTablePane(TraceDocument *document, CursorController *cursor, QWidget *parent = nullptr);

    EventTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    // The selected row (= the cursor), or -1.
    int currentRow() const;
    void retranslate();

protected:
    bool event(QEvent *event) override; // ApplicationFontChange: QWidget::event does not pass it on
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void follow(qint64 cursor);
    void userMoved(const QModelIndex &current);
    void applyFont();

    CursorController *m_cursor;
    EventTableModel *m_model;
    QLabel *m_title;
    QTableView *m_view;
    bool m_following = false;
};

} // namespace coroscope
