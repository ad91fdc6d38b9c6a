#include "GalleryModel.h"

#include "samples/Samples.h"

namespace coroscope {

namespace {

QString qstr(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

} // namespace

GalleryModel::GalleryModel(QObject *parent)
    : QAbstractItemModel(parent)
{
    for (const Chapter &c : chapterList())
        m_chapters.push_back({c.number, qstr(c.title), qstr(c.titleZh), {}});
    for (const Sample &s : sampleList()) {
        for (auto &c : m_chapters) {
            if (c.number == s.chapter) {
                c.samples.push_back(&s);
                break;
            }
        }
    }
}

void GalleryModel::setChinese(bool chinese)
{
    if (chinese == m_chinese)
        return;
    m_chinese = chinese;
    emitAllChanged();
}

void GalleryModel::setCurrentSample(const QString &id)
{
    if (id == m_current)
        return;
    const QModelIndex before = indexOfSample(m_current);
    m_current = id;
    if (before.isValid())
        emit dataChanged(before, before);
    const QModelIndex now = indexOfSample(id);
    if (now.isValid())
        emit dataChanged(now, now);
}

void GalleryModel::emitAllChanged()
{
    for (int c = 0; c < int(m_chapters.size()); ++c) {
        const QModelIndex chapter = index(c, 0);
        emit dataChanged(chapter, chapter);
        if (const int n = rowCount(chapter))
            emit dataChanged(index(0, 0, chapter), index(n - 1, 0, chapter));
    }
}

QModelIndex GalleryModel::indexOfSample(const QString &id) const
{
    if (id.isEmpty())
        return {};
    for (int c = 0; c < int(m_chapters.size()); ++c) {
        const auto &samples = m_chapters[std::size_t(c)].samples;
        for (int s = 0; s < int(samples.size()); ++s)
            if (qstr(samples[std::size_t(s)]->id) == id)
                return createIndex(s, 0, quintptr(c + 1));
    }
    return {};
}

QModelIndex GalleryModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    // Chapters have id 0; a sample of chapter row c has id c + 1.
    return createIndex(row, column, parent.isValid() ? quintptr(parent.row() + 1) : quintptr(0));
}

QModelIndex GalleryModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int GalleryModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_chapters.size());
    if (parent.internalId() != 0 || parent.column() != 0)
        return 0;
    return int(m_chapters[std::size_t(parent.row())].samples.size());
}

int GalleryModel::columnCount(const QModelIndex &) const
{
    return 1;
}

Qt::ItemFlags GalleryModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (index.internalId() == 0) // a chapter: a heading, enabled only when it has samples
        return m_chapters[std::size_t(index.row())].samples.empty() ? Qt::NoItemFlags : Qt::ItemIsEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QVariant GalleryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == 0)
        return chapterData(m_chapters[std::size_t(index.row())], role);
    const auto &chapter = m_chapters[std::size_t(index.internalId() - 1)];
    return sampleData(*chapter.samples[std::size_t(index.row())], role);
}

QVariant GalleryModel::chapterData(const ChapterEntry &chapter, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("%1  %2").arg(chapter.number).arg(m_chinese ? chapter.titleZh : chapter.title);
    case Qt::ToolTipRole:
        return chapter.samples.empty() ? tr("No samples in this chapter yet") : QVariant();
    case FilterRole: return chapter.title + u' ' + chapter.titleZh;
    case IsChapterRole: return true;
    case IdRole: return QString();
    case IsCurrentRole: return false;
    }
    return {};
}

QVariant GalleryModel::sampleData(const Sample &sample, int role) const
{
    switch (role) {
    case Qt::DisplayRole: return qstr(m_chinese ? sample.titleZh : sample.title);
    case Qt::ToolTipRole:
        return QStringLiteral("%1\n%2").arg(qstr(sample.id), qstr(m_chinese ? sample.summaryZh : sample.summary));
    case SummaryRole: return qstr(m_chinese ? sample.summaryZh : sample.summary);
    case FilterRole:
        return QStringList{qstr(sample.id), qstr(sample.title), qstr(sample.titleZh), qstr(sample.summary),
                           qstr(sample.summaryZh)}
            .join(u' ');
    case IdRole: return qstr(sample.id);
    case IsChapterRole: return false;
    case IsCurrentRole: return qstr(sample.id) == m_current;
    }
    return {};
}

} // namespace coroscope
