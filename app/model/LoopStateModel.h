#pragma once

#include "trace/LoopState.h"

#include <QAbstractItemModel>

#include <memory>

namespace coroscope {

class CursorController;
class TraceDocument;

// The event loop at the cursor, as a small tree: the clock, the running lane, the ready queue (in
// the order it will run), the armed timers (in the order they will fire) and the synchronisation
// primitives (each one's holder and waiters in order), derived by a
// LoopStateTracker from the trace alone. The model resets at each cursor move; it is a handful of rows.
class LoopStateModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Row { ClockRow, RunningRow, ReadyRow, TimersRow, PrimitivesRow, RowCount };
    enum Column { NameColumn, ValueColumn, ColumnCount };

    LoopStateModel(TraceDocument *document, CursorController *cursor, QObject *parent = nullptr);
    ~LoopStateModel() override;

    const LoopState &state() const { return m_state; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void retranslate();

private:
    void reload();
    void follow(qint64 cursor);
    QVariant topData(int row, int column, int role) const;
    QVariant childData(int parentRow, int row, int column, int role) const;
    QString primitiveText(const LoopState::Primitive &p) const;

    TraceDocument *m_document;
    CursorController *m_cursor;
    std::shared_ptr<const Trace> m_trace;
    std::unique_ptr<LoopStateTracker> m_tracker;
    LoopState m_state;
};

} // namespace coroscope
