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
    if (parent.row() == PrimitivesRow)
        return int(m_state.primitives.size());
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
        case PrimitivesRow:
            return tr("Locks, events, conditions, semaphores and barriers: who holds each and who waits, in the "
                      "order they will be served.");
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
        case PrimitivesRow: return tr("Synchronisation");
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
    case PrimitivesRow: {
        if (m_state.primitives.empty())
            return tr("none");
        std::size_t waiting = 0;
        for (const auto &p : m_state.primitives)
            waiting += p.waiters.size();
        const QString made = m_state.primitives.size() == 1 ? tr("1 primitive")
                                                            : tr("%1 primitives").arg(m_state.primitives.size());
        if (waiting == 0)
            return made;
        return tr("%1, %2 waiting").arg(made).arg(waiting);
    }
    }
    return {};
}

QString LoopStateModel::primitiveText(const LoopState::Primitive &p) const
{
    const Trace &trace = *m_trace;
    auto lanes = [&](const std::vector<std::uint32_t> &ls) {
        QStringList names;
        for (auto l : ls)
            names << TraceText::laneName(trace, l);
        return names.join(QStringLiteral(", "));
    };
    QStringList parts;
    if (p.kind == "Lock") {
        parts << (p.holders.empty() ? tr("free") : tr("held by %1").arg(lanes(p.holders)));
    } else if (p.kind == "Event") {
        parts << (p.set ? tr("set") : tr("not set"));
    } else if (p.kind == "Semaphore" || p.kind == "BoundedSemaphore") {
        parts << tr("value %1").arg(p.value);
        if (!p.holders.empty())
            parts << tr("held by %1").arg(lanes(p.holders));
    } else if (p.kind == "Condition") {
        parts << tr("lock %1").arg(QString::fromStdString(p.lock));
    } else if (p.kind == "Barrier") {
        if (p.set)
            parts << tr("broken");
        else
            parts << tr("%1 of %2 arrived").arg(p.waiters.size()).arg(p.parties);
    }
    if (!p.waiters.empty()) {
        QStringList waiting;
        for (const auto &w : p.waiters)
            waiting << (w.woken ? tr("%1 (woken)").arg(TraceText::laneName(trace, w.lane))
                                : TraceText::laneName(trace, w.lane));
        parts << tr("waiting: %1").arg(waiting.join(QStringLiteral(", ")));
    }
    return parts.join(QStringLiteral("; "));
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
    if (parentRow == PrimitivesRow && row < int(m_state.primitives.size())) {
        const auto &p = m_state.primitives[std::size_t(row)];
        if (column == NameColumn)
            return QString::fromStdString(p.name);
        return primitiveText(p);
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
