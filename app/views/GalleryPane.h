#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QModelIndex;
class QSortFilterProxyModel;
class QTreeView;

namespace coroscope {

class GalleryModel;

// The gallery: chapters and samples with their one-line explanations, a filter box above them.
// Double-click or Enter on a sample (or Enter in the filter box: the first match) asks to run it.
class GalleryPane : public QWidget
{
    Q_OBJECT
public:
    explicit GalleryPane(QWidget *parent = nullptr);

    GalleryModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTreeView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }

    void setFilterText(const QString &text);
    // Marks the sample shown now and selects it.
    void setCurrentSample(const QString &id);
    // Ids of the samples the filter lets through, in gallery order.
    QStringList visibleSamples() const;
    void retranslate();

signals:
    void sampleActivated(const QString &id);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void activate(const QModelIndex &proxyIndex);
    void activateFirstMatch();

    GalleryModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLabel *m_title;
    QLineEdit *m_filter;
    QTreeView *m_view;
};

} // namespace coroscope
