#pragma once

#include <QAbstractListModel>

#include <memory>

namespace coroscope {

class CursorController;
class TraceDocument;
struct Trace;

// What the program printed up to the cursor: one row per Output event with seq <= cursor, oldest
// first. The newest line is marked (NewestRole, bold and highlighted); when the event at the
// cursor is itself the Output, JustPrintedRole is true for it too. Rows are inserted and removed
// as the cursor moves, so a view keeps its scroll position and the model stays cheap on long runs.
class ConsoleModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { SeqRole = Qt::UserRole + 1, NewestRole, JustPrintedRole, LaneRole };

    ConsoleModel(TraceDocument *document, CursorController *cursor, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    // All lines shown, joined with '\n'.
    QString text() const;

private:
    void reload();
    void follow(qint64 cursor);

    TraceDocument *m_document;
    CursorController *m_cursor;
    std::shared_ptr<const Trace> m_trace;
    int m_rows = 0;
    qint64 m_position = -1;
};

} // namespace coroscope
