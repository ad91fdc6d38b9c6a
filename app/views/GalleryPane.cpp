#include "GalleryPane.h"

#include "PaneHeader.h"
#include "model/GalleryModel.h"

#include <QApplication>
#include <QEvent>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPainter>
#include <QSortFilterProxyModel>
#include <QStyledItemDelegate>
#include <QTextLayout>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

#include <cmath>

namespace coroscope {

namespace {

// Lays `text` out in `width`, breaking at word boundaries (or inside a word too long for a line, such
// as "ThreadPoolExecutor(max_workers=2)"); draws it at `topLeft` when given a painter. Returns its height.
int wrappedText(QPainter *painter, const QFont &font, const QString &text, QPointF topLeft, qreal width)
{
    QTextLayout layout(text, font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.beginLayout();
    qreal y = 0;
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        line.setPosition(QPointF(0, y));
        y += line.height();
    }
    layout.endLayout();
    if (painter)
        layout.draw(painter, topLeft);
    return int(std::ceil(y));
}

// A sample: its title, and under it its explanation in smaller grey type, wrapped to the width.
// A chapter: a bold heading, wrapped.
class GalleryDelegate : public QStyledItemDelegate
{
public:
    explicit GalleryDelegate(QTreeView *view)
        : QStyledItemDelegate(view)
        , m_view(view)
    {
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        QString title = opt.text;
        opt.text.clear();
        QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

        const bool chapter = index.data(GalleryModel::IsChapterRole).toBool();
        const bool current = index.data(GalleryModel::IsCurrentRole).toBool();
        const bool selected = opt.state & QStyle::State_Selected;
        const QRect r = opt.rect.adjusted(kPad, kPad, -kPad, -kPad);
        painter->save();
        QColor text = opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
        if (!(opt.state & QStyle::State_Enabled))
            text = opt.palette.color(QPalette::Disabled, QPalette::Text);
        painter->setPen(text);
        QFont titleFont = opt.font;
        titleFont.setBold(chapter || current);
        if (current)
            title = QStringLiteral("▶ ") + title;
        if (chapter) {
            wrappedText(painter, titleFont, title, QPointF(r.left(), r.top() + kChapterGap), r.width());
        } else {
            // One line, elided; laid out like the summary so that CJK fallback glyphs get their height.
            const QString line = QFontMetrics(titleFont).elidedText(title, Qt::ElideRight, r.width());
            const int titleHeight = wrappedText(painter, titleFont, line, r.topLeft(), r.width());
            painter->setPen(selected ? text : QColor(0x5f, 0x63, 0x68));
            wrappedText(painter, summaryFont(opt.font), index.data(GalleryModel::SummaryRole).toString(),
                        QPointF(r.left(), r.top() + titleHeight + 2), r.width());
        }
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        // Wrap to the width the view gives the item (its viewport minus the indentation).
        const int depth = index.parent().isValid() ? 1 : 0;
        const int width = std::max(80, m_view->viewport()->width() - m_view->indentation() * depth - 2 * kPad - 2);
        int height = 2 * kPad;
        if (index.data(GalleryModel::IsChapterRole).toBool()) {
            QFont bold = opt.font;
            bold.setBold(true);
            height += kChapterGap + wrappedText(nullptr, bold, opt.text, {}, width);
        } else {
            QFont title = opt.font;
            title.setBold(true); // the current sample's title is bold: keep its height
            const QString line = QFontMetrics(title).elidedText(QStringLiteral("▶ ") + opt.text, Qt::ElideRight, width);
            height += wrappedText(nullptr, title, line, {}, width) + 2
                + wrappedText(nullptr, summaryFont(opt.font), index.data(GalleryModel::SummaryRole).toString(), {},
                              width);
        }
        return {100, height};
    }

private:
    static QFont summaryFont(QFont f)
    {
        f.setPointSizeF(std::max(9.0, f.pointSizeF() - 1.5));
        return f;
    }
    static constexpr int kPad = 5;
    static constexpr int kChapterGap = 6; // air above a chapter heading
    QTreeView *m_view;
};

} // namespace

GalleryPane::GalleryPane(QWidget *parent)
    : QWidget(parent)
    , m_model(new GalleryModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_title(PaneHeader::create())
    , m_filter(new QLineEdit)
    , m_view(new QTreeView)
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(GalleryModel::FilterRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setRecursiveFilteringEnabled(true);

    m_filter->setObjectName(QStringLiteral("galleryFilter"));
    m_filter->setClearButtonEnabled(true);
    m_filter->installEventFilter(this);
    m_view->setObjectName(QStringLiteral("gallery"));
    m_view->setModel(m_proxy);
    m_view->setItemDelegate(new GalleryDelegate(m_view));
    m_view->setHeaderHidden(true);
    m_view->setUniformRowHeights(false);
    m_view->setIndentation(14);
    m_view->setRootIsDecorated(false);
    m_view->setExpandsOnDoubleClick(false);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->viewport()->installEventFilter(this);
    m_view->expandAll();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_title);
    auto *filterBox = new QWidget;
    auto *filterLayout = new QVBoxLayout(filterBox);
    filterLayout->setContentsMargins(6, 6, 6, 6);
    filterLayout->addWidget(m_filter);
    layout->addWidget(filterBox);
    layout->addWidget(m_view, 1);

    connect(m_filter, &QLineEdit::textChanged, this, &GalleryPane::setFilterText);
    connect(m_filter, &QLineEdit::returnPressed, this, &GalleryPane::activateFirstMatch);
    connect(m_view, &QTreeView::activated, this, &GalleryPane::activate);
    retranslate();
}

void GalleryPane::setFilterText(const QString &text)
{
    if (m_filter->text() != text)
        m_filter->setText(text);
    m_proxy->setFilterFixedString(text.trimmed());
    m_view->expandAll();
}

void GalleryPane::setCurrentSample(const QString &id)
{
    m_model->setCurrentSample(id);
    const QModelIndex index = m_proxy->mapFromSource(m_model->indexOfSample(id));
    if (index.isValid()) {
        m_view->setCurrentIndex(index);
        m_view->scrollTo(index);
    }
}

QStringList GalleryPane::visibleSamples() const
{
    QStringList ids;
    for (int c = 0; c < m_proxy->rowCount(); ++c) {
        const QModelIndex chapter = m_proxy->index(c, 0);
        for (int s = 0; s < m_proxy->rowCount(chapter); ++s)
            ids << m_proxy->index(s, 0, chapter).data(GalleryModel::IdRole).toString();
    }
    return ids;
}

void GalleryPane::activate(const QModelIndex &proxyIndex)
{
    const QString id = proxyIndex.data(GalleryModel::IdRole).toString();
    if (!id.isEmpty())
        emit sampleActivated(id);
}

void GalleryPane::activateFirstMatch()
{
    const QStringList ids = visibleSamples();
    if (!ids.isEmpty())
        emit sampleActivated(ids.first());
}

bool GalleryPane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize) {
        // Summaries re-wrap to the new width: lay the rows out again once the resize is done.
        QTimer::singleShot(0, m_view, [view = m_view] { view->doItemsLayout(); });
    } else if (watched == m_filter && event->type() == QEvent::KeyPress) {
        if (static_cast<QKeyEvent *>(event)->key() == Qt::Key_Down) {
            m_view->setFocus();
            const QStringList ids = visibleSamples();
            if (!ids.isEmpty())
                m_view->setCurrentIndex(m_proxy->mapFromSource(m_model->indexOfSample(ids.first())));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void GalleryPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void GalleryPane::retranslate()
{
    m_title->setText(tr("Samples"));
    m_filter->setPlaceholderText(tr("Filter samples…"));
    m_filter->setToolTip(tr("Type part of a title, an id or an explanation; Enter runs the first match."));
    m_view->setToolTip(QString());
    QTimer::singleShot(0, m_view, [view = m_view] { view->doItemsLayout(); });
}

} // namespace coroscope
