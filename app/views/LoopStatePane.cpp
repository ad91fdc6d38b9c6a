#include "LoopStatePane.h"

#include "PaneHeader.h"
#include "model/LoopStateModel.h"

#include <QEvent>
#include <QHeaderView>
#include <QStyledItemDelegate>
#include <QTreeView>
#include <QVBoxLayout>

namespace coroscope {

namespace {

// Headings (Clock, Running, ...) in bold, in the view's own font.
class LoopStateDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (!index.parent().isValid() && index.column() == LoopStateModel::NameColumn)
            option->font.setBold(true);
        if (!index.parent().isValid() && index.row() == LoopStateModel::RunningRow
            && index.column() == LoopStateModel::ValueColumn)
            option->font.setBold(true);
    }
};

} // namespace

LoopStatePane::LoopStatePane(TraceDocument *document, CursorController *cursor, QWidget *parent)
    : QWidget(parent)
    , m_model(new LoopStateModel(document, cursor, this))
    , m_title(PaneHeader::create())
    , m_view(new QTreeView)
{
    m_view->setObjectName(QStringLiteral("loopState"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new LoopStateDelegate(m_view));
    m_view->setHeaderHidden(true);
    m_view->setRootIsDecorated(false);
    m_view->setItemsExpandable(false);
    m_view->setIndentation(18);
    m_view->setSelectionMode(QAbstractItemView::NoSelection);
    m_view->setFocusPolicy(Qt::NoFocus);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->header()->setStretchLastSection(true);
    m_view->header()->setSectionResizeMode(LoopStateModel::NameColumn, QHeaderView::ResizeToContents);
    connect(m_model, &QAbstractItemModel::modelReset, m_view, &QTreeView::expandAll);
    m_view->expandAll();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_title);
    layout->addWidget(m_view, 1);
    retranslate();
}

void LoopStatePane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void LoopStatePane::retranslate()
{
    m_title->setText(tr("Event loop"));
    m_title->setToolTip(tr("The event loop at the cursor: its clock, who runs, what is ready, which timers are armed."));
    m_model->retranslate();
}

} // namespace coroscope
