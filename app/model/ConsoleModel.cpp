#include "ConsoleModel.h"

#include "CursorController.h"
#include "TerminalLine.h"
#include "TraceDocument.h"
#include "TraceText.h"


namespace coroscope {

ConsoleModel::ConsoleModel(TraceDocument *document, CursorController *cursor, QObject *parent)
    : QAbstractListModel(parent)
    , m_document(document)
    , m_cursor(cursor)
    , m_trace(document->sharedTrace())
{
    connect(document, &TraceDocument::traceChanged, this, &ConsoleModel::reload);
    connect(cursor, &CursorController::cursorChanged, this, &ConsoleModel::follow);
    reload();
}

void ConsoleModel::reload()
{
    beginResetModel();
    m_trace = m_document->sharedTrace();
    m_position = std::min<qint64>(m_cursor->cursor(), m_document->eventCount() - 1);
    m_rows = m_document->index().outputCountAt(m_position);
    endResetModel();
}

void ConsoleModel::follow(qint64 cursor)
{
    cursor = std::min<qint64>(cursor, m_document->eventCount() - 1);
    const int rows = m_document->index().outputCountAt(cursor);
    const int oldRows = m_rows;
    m_position = cursor;
    if (rows > m_rows) {
        beginInsertRows({}, m_rows, rows - 1);
        m_rows = rows;
        endInsertRows();
    } else if (rows < m_rows) {
        beginRemoveRows({}, rows, m_rows - 1);
        m_rows = rows;
        endRemoveRows();
    }
    // The newest mark moves (and "just printed" follows the cursor): repaint both rows.
    if (oldRows > 0 && oldRows < m_rows)
        emit dataChanged(index(oldRows - 1), index(oldRows - 1));
    if (m_rows > 0)
        emit dataChanged(index(m_rows - 1), index(m_rows - 1));
}

int ConsoleModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

QVariant ConsoleModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &outputs = m_document->index().outputs();
    if (std::size_t(index.row()) >= outputs.size() || outputs[std::size_t(index.row())] >= m_trace->events.size())
        return {}; // between a new trace and this model's reset
    const auto seq = outputs[std::size_t(index.row())];
    const Event &e = m_trace->events[seq];
    const bool newest = index.row() == m_rows - 1;
    switch (role) {
    case Qt::DisplayRole:
        return terminalLine(TraceText::detail(*m_trace, e)); // as the terminal shows it: \r, \b, colours
    case Qt::ToolTipRole:
        return tr("Printed by %1 at event %2 (%3)")
            .arg(TraceText::laneName(*m_trace, e.lane))
            .arg(seq)
            .arg(TraceText::time(m_trace->time(seq)));
    case SeqRole: return seq;
    case NewestRole: return newest;
    case JustPrintedRole: return newest && qint64(seq) == m_position;
    case LaneRole: return e.lane;
    }
    return {};
}

QString ConsoleModel::text() const
{
    QStringList lines;
    lines.reserve(m_rows);
    for (int row = 0; row < m_rows; ++row)
        lines << index(row).data().toString();
    return lines.join(u'\n');
}

} // namespace coroscope
