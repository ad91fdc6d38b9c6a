#pragma once

#include <QAbstractItemModel>

#include <vector>

namespace coroscope {

struct Sample;

// The sample gallery as a two-level tree: the registry's chapters, each with its samples in gallery
// order. Titles and one-line summaries come in English or Chinese (setChinese); FilterRole carries
// every searchable text (id and both languages) for a QSortFilterProxyModel.
class GalleryModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1, // sample id; empty on a chapter
        SummaryRole,               // the one-line explanation
        FilterRole,
        IsChapterRole,
        IsCurrentRole, // the sample shown now
    };

    explicit GalleryModel(QObject *parent = nullptr);

    bool isChinese() const { return m_chinese; }
    void setChinese(bool chinese);
    QString currentSample() const { return m_current; }
    void setCurrentSample(const QString &id);

    // The index of a sample by id, or an invalid index.
    QModelIndex indexOfSample(const QString &id) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct ChapterEntry {
        int number;
        QString title, titleZh;
        std::vector<const Sample *> samples;
    };
    QVariant chapterData(const ChapterEntry &chapter, int role) const;
    QVariant sampleData(const Sample &sample, int role) const;
    void emitAllChanged();

    std::vector<ChapterEntry> m_chapters;
    bool m_chinese = false;
    QString m_current;
};

} // namespace coroscope
