#include "LoopStateModel.h"

#include "CursorController.h"
#include "TraceDocument.h"
#include "TraceText.h"


namespace coroscope {

LoopStateModel::LoopStateModel(TraceDocument *document, CursorController *cursor, QObject *parent)
    : QAbstractItemModel(parent)
    , m_document(document)
    , m_cursor(cursor)
{
    connect(document, &TraceDocument::traceChanged, this, &LoopStateModel::reload);
    connect(cursor, &CursorController::cursorChanged, this, &LoopStateModel::follow);
    reload();
}

LoopStateModel::~LoopStateModel() = default;

void LoopStateModel::reload()
{
    m_tracker.reset();
    m_trace = m_document->sharedTrace();
    m_tracker = std::make_unique<LoopStateTracker>(*m_trace);
    follow(m_cursor->cursor());
}

void LoopStateModel::follow(qint64 cursor)
{
    beginResetModel();
    cursor = std::min<qint64>(cursor, qint64(m_trace->events.size()) - 1);
    m_state = cursor < 0 ? LoopState{} : m_tracker->at(std::uint32_t(cursor));
    endResetModel();
}

void LoopStateModel::retranslate()
{
    beginResetModel();
    endResetModel();
}

QModelIndex LoopStateModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    // Top-level rows have id 0; a child of top-level row r has id r + 1.
    return createIndex(row, column, parent.isValid() ? quintptr(parent.row() + 1) : quintptr(0));
}

QModelIndex LoopStateModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int LoopStateModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return RowCount;
    if (parent.internalId() != 0 || parent.column() != 0)
        return 0;
    if (parent.row() == ReadyRow)
        return int(m_state.ready.size());
    if (parent.row() == TimersRow)
        return int(m_state.timers.size());
    return 0;
}

int LoopStateModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant LoopStateModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == 0)
        return topData(index.row(), index.column(), role);
    return childData(int(index.internalId() - 1), index.row(), index.column(), role);
}

QVariant LoopStateModel::topData(int row, int column, int role) const
{
    if (role == Qt::ToolTipRole) {
        switch (row) {
        case ClockRow: return tr("The event loop's clock (virtual: it jumps to the next timer when nothing is ready).");
        case RunningRow: return tr("The lane whose code runs now.");
        case ReadyRow: return tr("Callbacks waiting to run, in the order the loop will run them.");
        case TimersRow: return tr("Armed timers, in the order they will fire.");
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    if (column == NameColumn) {
        switch (row) {
        case ClockRow: return tr("Clock");
        case RunningRow: return tr("Running");
        case ReadyRow: return tr("Ready queue");
        case TimersRow: return tr("Timers");
        }
        return {};
    }
    switch (row) {
    case ClockRow: return TraceText::time(m_state.clock);
    case RunningRow:
        return m_state.running == NoLane ? tr("nothing") : TraceText::laneName(*m_trace, m_state.running);
    case ReadyRow:
        if (m_state.ready.empty())
            return tr("empty");
        return m_state.ready.size() == 1 ? tr("1 callback") : tr("%1 callbacks").arg(m_state.ready.size());
    case TimersRow:
        if (m_state.timers.empty())
            return tr("none");
        return m_state.timers.size() == 1 ? tr("1 armed") : tr("%1 armed").arg(m_state.timers.size());
    }
    return {};
}

QVariant LoopStateModel::childData(int parentRow, int row, int column, int role) const
{
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const Trace &trace = *m_trace;
    auto name = [&](std::uint32_t id) {
        return trace.strings.contains(id) ? TraceText::str(trace.strings.at(id)) : QString();
    };
    if (parentRow == ReadyRow && row < int(m_state.ready.size())) {
        const auto &r = m_state.ready[std::size_t(row)];
        if (column == NameColumn)
            return tr("%1. %2").arg(row + 1).arg(TraceText::laneName(trace, r.lane));
        return name(r.name);
    }
    if (parentRow == TimersRow && row < int(m_state.timers.size())) {
        const auto &t = m_state.timers[std::size_t(row)];
        if (column == NameColumn)
            return tr("at %1 (in %2)").arg(TraceText::time(t.due), TraceText::time(t.due - m_state.clock));
        return tr("%1: %2").arg(TraceText::laneName(trace, t.lane), name(t.name));
    }
    return {};
}

QVariant LoopStateModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    return section == NameColumn ? tr("Loop") : tr("State");
}

} // namespace coroscope
