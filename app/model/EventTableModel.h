#pragma once

#include "trace/Event.h"

#include <QAbstractTableModel>

#include <memory>

namespace coroscope {

class TraceDocument;
struct Trace;

// One row per event of the document's trace: seq, time, lane, kind, detail, and where in the source:
// the line number for a line of the sample's own file (the one the source pane shows), else file:line.
// Rows are the trace's events themselves (no copy); the model resets when the trace is replaced.
class EventTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { SeqColumn, TimeColumn, LaneColumn, KindColumn, DetailColumn, SourceColumn, ColumnCount };
    enum Role { SeqRole = Qt::UserRole + 1, KindRole, LaneRole };

    explicit EventTableModel(TraceDocument *document, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Header texts follow the UI language.
    void retranslate();
    // Predict mode: the text of Output events from `seq` on shows as "?" (-1: all shown).
    void setHiddenOutputsFrom(qint64 seq);

private:
    void reload();

    TraceDocument *m_document;
    std::shared_ptr<const Trace> m_trace;
    qint64 m_hiddenOutputsFrom = -1;
    bool hidden(int row, EventKind kind) const
    {
        return kind == EventKind::Output && m_hiddenOutputsFrom >= 0 && row >= m_hiddenOutputsFrom;
    }
};

} // namespace coroscope
