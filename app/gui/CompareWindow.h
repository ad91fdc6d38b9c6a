#pragma once

#include "trace/Trace.h"

#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;
class QSplitter;

namespace coroscope {

class CursorController;
class TimelineWidget;
class TraceDocument;

// Two runs one above the other on one locked time axis: zoom or pan either timeline and the other
// follows, so equal times stand one above the other (sequential awaits take 0.3 s, gather 0.2 s).
// Each side runs a virtual-clock sample of the gallery, or one half of a sample that has two phases
// (sequential-vs-gather, split after the line "sequential: …").
class CompareWindow : public QWidget
{
    Q_OBJECT
public:
    // `chinese`: sample titles in Chinese.
    explicit CompareWindow(bool chinese, QWidget *parent = nullptr);

    // A run to compare: a sample id ("gather-order"), or "ID:1" / "ID:2" for the halves of a sample
    // with two phases, each on the C++ port or, with the suffix "@cpython" ("gather-order@cpython"),
    // the Python mirror traced on CPython. choices() lists them in gallery order.
    static QStringList choices();
    // The two runs a window opened on sample `id` starts with (its halves, if it has two phases).
    static QPair<QString, QString> defaultsFor(const QString &id);
    // False (nothing changed) for an unknown choice.
    bool setRuns(const QString &top, const QString &bottom);
    // Two given runs, e.g. a script before an edit above the same script after it; the first event
    // where their steps differ is marked on both (a bookmark "first difference"). Returns it (-1:
    // the runs take the same steps).
    qint64 setTraces(Trace top, const QString &topLabel, Trace bottom, const QString &bottomLabel);
    qint64 firstDifference() const { return m_firstDifference; }
    QString run(int side) const;
    void setChinese(bool chinese); // sample titles in Chinese

    TimelineWidget *timeline(int side) const { return m_sides[side].timeline; }
    TraceDocument *document(int side) const { return m_sides[side].document; }
    QLabel *summary(int side) const { return m_sides[side].summary; }
    // Both runs in full, on the shared axis.
    void fitBoth();

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Side {
        QComboBox *choice = nullptr;
        QLabel *summary = nullptr;
        TraceDocument *document = nullptr;
        CursorController *cursor = nullptr;
        TimelineWidget *timeline = nullptr;
        QString run;
    };
    bool load(int side, const QString &run);
    void follow(int from, double start, double end);
    void updateLimits();
    void fillChoices();
    void retranslate();

    void shareHeight();

    Side m_sides[2];
    QSplitter *m_splitter = nullptr;
    bool m_chinese;
    bool m_following = false;
    qint64 m_firstDifference = -1;
    QString m_labels[2]; // given runs' labels (setTraces), shown instead of a choice
};

} // namespace coroscope
