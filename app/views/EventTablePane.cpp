#include "EventTablePane.h"

#include "Fonts.h"
#include "PaneHeader.h"
#include "model/CursorController.h"
#include "model/EventTableModel.h"
#include "model/TraceDocument.h"

#include <QEvent>
#include <QHeaderView>
#include <QTableView>
#include <QVBoxLayout>

namespace coroscope {

EventTablePane::EventTablePane(TraceDocument *document, CursorController *cursor, QWidget *parent)
    : QWidget(parent)
    , m_cursor(cursor)
    , m_model(new EventTableModel(document, this))
    , m_title(PaneHeader::create())
    , m_view(new QTableView)
{
    m_view->setObjectName(QStringLiteral("eventTable"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setFocusPolicy(Qt::ClickFocus);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    QHeaderView *header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(EventTableModel::DetailColumn, QHeaderView::Stretch);
    m_view->setStyleSheet(QStringLiteral("QTableView { selection-background-color: #ffd966; selection-color: black; }"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_title);
    layout->addWidget(m_view, 1);

    connect(cursor, &CursorController::cursorChanged, this, &EventTablePane::follow);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { follow(m_cursor->cursor()); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { userMoved(current); });
    // The row at the cursor stays in view when the table changes size (first layout, splitters).
    m_view->viewport()->installEventFilter(this);
    applyFont();
    retranslate();
    follow(cursor->cursor());
}

bool EventTablePane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize) {
        const qint64 cursor = m_cursor->cursor();
        if (cursor >= 0 && cursor < m_model->rowCount())
            m_view->scrollTo(m_model->index(int(cursor), 0), QAbstractItemView::EnsureVisible);
    }
    return QWidget::eventFilter(watched, event);
}

void EventTablePane::applyFont()
{
    const QFont font = Fonts::ui();
    m_view->setFont(font);
    const QFontMetrics fm(font);
    m_view->verticalHeader()->setDefaultSectionSize(fm.height() + 8);
    const int digit = fm.horizontalAdvance(u'9');
    m_view->setColumnWidth(EventTableModel::SeqColumn, digit * 6);
    m_view->setColumnWidth(EventTableModel::TimeColumn, digit * 11);
    m_view->setColumnWidth(EventTableModel::LaneColumn, digit * 16);
    m_view->setColumnWidth(EventTableModel::KindColumn, digit * 11);
    m_view->setColumnWidth(EventTableModel::SourceColumn, digit * 7);
}

bool EventTablePane::event(QEvent *event)
{
    if (event->type() == QEvent::ApplicationFontChange)
        changeEvent(event);
    return QWidget::event(event);
}

void EventTablePane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    else if (event->type() == QEvent::ApplicationFontChange)
        applyFont();
    QWidget::changeEvent(event);
}

void EventTablePane::retranslate()
{
    m_title->setText(tr("Events"));
    m_title->setToolTip(tr("Every recorded event; the row at the cursor is selected. Click a row to move the cursor."));
    m_model->retranslate();
}

int EventTablePane::currentRow() const
{
    const auto rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void EventTablePane::follow(qint64 cursor)
{
    m_following = true;
    auto *selection = m_view->selectionModel();
    if (cursor < 0 || cursor >= m_model->rowCount()) {
        selection->clear();
        if (m_model->rowCount() > 0)
            m_view->scrollToTop();
    } else {
        const QModelIndex index = m_model->index(int(cursor), 0);
        selection->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_view->scrollTo(index, QAbstractItemView::EnsureVisible);
    }
    m_following = false;
}

void EventTablePane::userMoved(const QModelIndex &current)
{
    if (m_following || !current.isValid())
        return;
    m_cursor->setCursor(current.row());
}

} // namespace coroscope
