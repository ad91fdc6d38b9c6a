#include "ConsolePane.h"

#include "Fonts.h"
#include "PaneHeader.h"
#include "model/ConsoleModel.h"
#include "model/TraceDocument.h"
#include "runtime/Program.h"

#include <QEvent>
#include <QListView>
#include <QPainter>
#include <QPlainTextEdit>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

namespace coroscope {

namespace {

const QColor kNewest(0xd7, 0xf0, 0xd4);      // the newest line
const QColor kJustPrinted(0xa5, 0xdc, 0x9f); // ... printed by the event at the cursor
const QColor kStderr(0x8b, 0x00, 0x00); // dark red, as terminals show stderr

class ConsoleDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        painter->save();
        if (index.data(ConsoleModel::NewestRole).toBool()) {
            const bool just = index.data(ConsoleModel::JustPrintedRole).toBool();
            painter->fillRect(opt.rect, just ? kJustPrinted : kNewest);
            // A bar at the left edge, like a cursor in a terminal.
            painter->fillRect(QRect(opt.rect.left(), opt.rect.top(), 4, opt.rect.height()), QColor(0x2e, 0x7d, 0x32));
            opt.font.setBold(true);
        }
        painter->setFont(opt.font);
        painter->setPen(opt.palette.color(QPalette::Text));
        painter->drawText(opt.rect.adjusted(12, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, opt.text);
        painter->restore();
    }
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize s = QStyledItemDelegate::sizeHint(option, index);
        s.setWidth(s.width() + 16);
        s.setHeight(s.height() + 4);
        return s;
    }
};

// A list that says so when nothing has been printed yet.
class ConsoleView : public QListView
{
public:
    using QListView::QListView;
    QString placeholder;

protected:
    void paintEvent(QPaintEvent *event) override
    {
        QListView::paintEvent(event);
        if (model() && model()->rowCount() == 0 && !placeholder.isEmpty()) {
            QPainter p(viewport());
            p.setPen(palette().color(QPalette::PlaceholderText));
            p.drawText(viewport()->rect().adjusted(14, 8, -8, -8), Qt::AlignLeft | Qt::AlignTop, placeholder);
        }
    }
};

} // namespace

ConsolePane::ConsolePane(TraceDocument *document, CursorController *cursor, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_model(new ConsoleModel(document, cursor, this))
    , m_title(PaneHeader::create())
    , m_view(new ConsoleView)
    , m_stderr(new QPlainTextEdit)
{
    m_stderr->setObjectName(QStringLiteral("consoleStderr"));
    m_stderr->setReadOnly(true);
    m_stderr->setFrameShape(QFrame::NoFrame);
    // Wrapped: the pane is narrow, and a report cut off at its right edge hides what went wrong.
    m_stderr->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    QPalette palette = m_stderr->palette();
    palette.setColor(QPalette::Text, kStderr);
    palette.setColor(QPalette::Base, QColor(0xff, 0xf4, 0xf4)); // a faint red: not the program's stdout
    m_stderr->setPalette(palette);
    m_stderr->hide();
    m_view->setObjectName(QStringLiteral("console"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new ConsoleDelegate(m_view));
    m_view->setSelectionMode(QAbstractItemView::NoSelection);
    m_view->setFocusPolicy(Qt::NoFocus);
    m_view->setUniformItemSizes(true);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_title);
    layout->addWidget(m_view, 2);
    layout->addWidget(m_stderr, 1);
    connect(document, &TraceDocument::traceChanged, this, &ConsolePane::showErrors);
    showErrors();
    // Keep the newest line in view as lines appear (and as they disappear, stepping back).
    auto keepNewest = [this] {
        if (const int n = m_model->rowCount())
            m_view->scrollTo(m_model->index(n - 1), QAbstractItemView::EnsureVisible);
    };
    connect(m_model, &QAbstractItemModel::rowsInserted, m_view, keepNewest);
    connect(m_model, &QAbstractItemModel::rowsRemoved, m_view, keepNewest);
    connect(m_model, &QAbstractItemModel::modelReset, m_view, keepNewest);
    m_keepNewest = keepNewest;
    m_view->viewport()->installEventFilter(this);
    applyFont();
    retranslate();
}

bool ConsolePane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        m_keepNewest();
    return QWidget::eventFilter(watched, event);
}

void ConsolePane::applyFont()
{
    m_view->setFont(Fonts::monospace(1));
    m_stderr->setFont(Fonts::monospace(1));
}

void ConsolePane::showErrors()
{
    QStringList reports;
    for (const auto &[key, value] : m_document->trace().metadata)
        if (key == kStderrKey)
            reports << QString::fromStdString(value);
    m_stderr->setPlainText(reports.join(u'\n')); // as a terminal shows them, one after another
    m_stderr->setVisible(!reports.isEmpty());
}

QString ConsolePane::errorText() const
{
    return m_stderr->toPlainText();
}

bool ConsolePane::event(QEvent *event)
{
    if (event->type() == QEvent::ApplicationFontChange)
        changeEvent(event);
    return QWidget::event(event);
}

void ConsolePane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    else if (event->type() == QEvent::ApplicationFontChange)
        applyFont();
    QWidget::changeEvent(event);
}

void ConsolePane::retranslate()
{
    m_title->setText(tr("Console"));
    m_title->setToolTip(tr("What the program printed up to the cursor; the newest line is marked."));
    static_cast<ConsoleView *>(m_view)->placeholder = tr("(nothing printed yet)");
    m_stderr->setToolTip(
        tr("What the run wrote to stderr: exceptions the event loop logged, and what stopped the run."));
    m_view->viewport()->update();
}

} // namespace coroscope
