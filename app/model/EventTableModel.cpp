#include "EventTableModel.h"

#include "TraceDocument.h"
#include "TraceText.h"

#include <QBrush>
#include <QColor>

namespace coroscope {

EventTableModel::EventTableModel(TraceDocument *document, QObject *parent)
    : QAbstractTableModel(parent)
    , m_document(document)
    , m_trace(document->sharedTrace())
{
    connect(document, &TraceDocument::traceChanged, this, &EventTableModel::reload);
}

void EventTableModel::reload()
{
    beginResetModel();
    m_trace = m_document->sharedTrace();
    endResetModel();
}

void EventTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int EventTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_trace->events.size());
}

int EventTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Trace &trace = *m_trace;
    const Event &e = trace.events[std::size_t(index.row())];
    const EventKind kind = e.eventKind();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeqColumn: return index.row();
        case TimeColumn: return TraceText::time(trace.time(std::uint32_t(index.row())));
        case LaneColumn: return TraceText::laneName(trace, e.lane);
        case KindColumn: return TraceText::kind(kind);
        case DetailColumn: return hidden(index.row(), kind) ? QStringLiteral("?") : TraceText::detail(trace, e);
        case SourceColumn:
            // A line of the sample shown beside the table needs no file name; any other file does.
            if (const int line = m_document->index().ownLine(index.row()))
                return line;
            return TraceText::location(trace, e);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == KindColumn)
            return TraceText::kindHelp(kind);
        if (index.column() == DetailColumn)
            return hidden(index.row(), kind) ? QVariant() : QVariant(TraceText::detail(trace, e));
        if (index.column() == SourceColumn)
            return TraceText::location(trace, e);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == SeqColumn || index.column() == TimeColumn
            || (index.column() == SourceColumn && m_document->index().ownLine(index.row())))
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        switch (kind) {
        case EventKind::Output: return QBrush(QColor(0x1b, 0x6e, 0x20));
        case EventKind::Error:
        case EventKind::Cancel:
        case EventKind::Fault: return QBrush(QColor(0xb7, 0x1c, 0x1c));
        case EventKind::Schedule:
        case EventKind::Callback:
        case EventKind::TimerArm:
        case EventKind::TimerFire:
        case EventKind::TimerCancel:
        case EventKind::Clock: return QBrush(QColor(0x5f, 0x63, 0x68));
        case EventKind::Sync: return QBrush(QColor(0x6a, 0x1b, 0x9a));
        default: break;
        }
        break;
    case SeqRole: return index.row();
    case KindRole: return int(kind);
    case LaneRole: return e.lane;
    }
    return {};
}

void EventTableModel::setHiddenOutputsFrom(qint64 seq)
{
    if (seq == m_hiddenOutputsFrom)
        return;
    m_hiddenOutputsFrom = seq;
    if (rowCount() > 0)
        emit dataChanged(index(0, DetailColumn), index(rowCount() - 1, DetailColumn), {Qt::DisplayRole});
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SeqColumn: return tr("#");
    case TimeColumn: return tr("Time");
    case LaneColumn: return tr("Lane");
    case KindColumn: return tr("Kind");
    case DetailColumn: return tr("Detail");
    case SourceColumn: return tr("Line");
    }
    return {};
}

} // namespace coroscope
