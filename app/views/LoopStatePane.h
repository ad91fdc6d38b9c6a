#pragma once

#include <QWidget>

class QLabel;
class QTreeView;

namespace coroscope {

class CursorController;
class LoopStateModel;
class TraceDocument;

// The event loop at the cursor: clock, running lane, ready queue, armed timers.
class LoopStatePane : public QWidget
{
    Q_OBJECT
public:
    LoopStatePane(TraceDocument *document, CursorController *cursor, QWidget *parent = nullptr);

    LoopStateModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    void retranslate();

protected:
    void changeEvent(QEvent *event) override;

private:
    LoopStateModel *m_model;
    QLabel *m_title;
    QTreeView *m_view;
};

} // namespace coroscope
