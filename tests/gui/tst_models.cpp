// Every item model of the window under QAbstractItemModelTester, while the cursor moves and the
// trace is replaced.
#include "model/ConsoleModel.h"
#include "model/CursorController.h"
#include "model/EventTableModel.h"
#include "model/GalleryModel.h"
#include "model/LoopStateModel.h"
#include "model/TraceDocument.h"
#include "runtime/Print.h"
#include "runtime/Program.h"
#include "samples/Samples.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace coroscope;

namespace {

void load(TraceDocument &doc, CursorController &cursor, const char *id)
{
    const Sample *sample = findSample(id);
    QVERIFY(sample);
    cursor.setCursor(-1);
    doc.setTrace(runSample(*sample).trace, QString::fromLatin1(id));
    cursor.setEventCount(doc.eventCount());
}

// Walks the cursor forwards, backwards, by jumps, then swaps the trace: the tester checks every signal.
void exercise(TraceDocument &doc, CursorController &cursor)
{
    load(doc, cursor, "gather-order");
    for (qint64 s = 0; s < cursor.eventCount(); ++s)
        cursor.setCursor(s);
    for (qint64 s = cursor.eventCount() - 1; s >= -1; --s)
        cursor.setCursor(s);
    for (qint64 s : {30, 3, 44, 13, 14, -1, 25, 25, 0})
        cursor.setCursor(s);
    load(doc, cursor, "producer-consumer");
    cursor.toEnd();
    load(doc, cursor, "gen-send");
    cursor.setCursor(7);
    doc.setTrace(Trace{}, QStringLiteral("empty"));
    cursor.setEventCount(0);
}

} // namespace

class TestModels : public QObject
{
    Q_OBJECT
private slots:
    void galleryModel();
    void galleryFilter();
    void eventTableModel();
    void consoleModel();
    void loopStateModel();
};

void TestModels::galleryModel()
{
    GalleryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), int(chapterList().size()));
    int samples = 0;
    for (int c = 0; c < model.rowCount(); ++c)
        samples += model.rowCount(model.index(c, 0));
    QCOMPARE(samples, int(sampleList().size()));

    const QModelIndex gather = model.indexOfSample(QStringLiteral("gather-order"));
    QVERIFY(gather.isValid());
    QCOMPARE(gather.data(GalleryModel::IdRole).toString(), QStringLiteral("gather-order"));
    QCOMPARE(gather.data().toString(), QStringLiteral("gather: who ends first"));
    QVERIFY(gather.data(GalleryModel::SummaryRole).toString().startsWith(QLatin1String("gather runs two tasks")));
    QCOMPARE(gather.parent().data(GalleryModel::IsChapterRole).toBool(), true);
    QVERIFY(gather.parent().data().toString().contains(QLatin1String("async/await")));

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setChinese(true);
    QVERIFY(changed.count() > 0);
    QCOMPARE(gather.data().toString(), QStringLiteral("gather：谁先结束"));
    QVERIFY(gather.parent().data().toString().contains(QStringLiteral("基础")));
    model.setCurrentSample(QStringLiteral("gather-order"));
    QVERIFY(gather.data(GalleryModel::IsCurrentRole).toBool());
    model.setCurrentSample(QStringLiteral("gen-send"));
    QVERIFY(!gather.data(GalleryModel::IsCurrentRole).toBool());
    QVERIFY(model.indexOfSample(QStringLiteral("gen-send")).data(GalleryModel::IsCurrentRole).toBool());
    QVERIFY(!model.indexOfSample(QStringLiteral("no-such-sample")).isValid());
}

void TestModels::galleryFilter()
{
    GalleryModel model;
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setFilterRole(GalleryModel::FilterRole);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy.setRecursiveFilteringEnabled(true);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto visible = [&] {
        QStringList ids;
        for (int c = 0; c < proxy.rowCount(); ++c)
            for (int s = 0; s < proxy.rowCount(proxy.index(c, 0)); ++s)
                ids << proxy.index(s, 0, proxy.index(c, 0)).data(GalleryModel::IdRole).toString();
        return ids;
    };
    proxy.setFilterFixedString(QStringLiteral("GATHER"));
    QVERIFY(visible().contains(QStringLiteral("gather-order")));
    QVERIFY(!visible().contains(QStringLiteral("gen-send")));
    proxy.setFilterFixedString(QStringLiteral("谁先结束")); // the Chinese title matches in any UI language
    QCOMPARE(visible(), QStringList{QStringLiteral("gather-order")});
    proxy.setFilterFixedString(QStringLiteral("zzz-nothing"));
    QCOMPARE(proxy.rowCount(), 0);
    proxy.setFilterFixedString(QString());
    QCOMPARE(visible().size(), int(sampleList().size()));
}

void TestModels::eventTableModel()
{
    TraceDocument doc;
    CursorController cursor;
    EventTableModel model(&doc);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    load(doc, cursor, "gather-order");
    QCOMPARE(model.rowCount(), 45);
    QCOMPARE(model.columnCount(), int(EventTableModel::ColumnCount));
    auto cell = [&](int row, int column) { return model.index(row, column).data().toString(); };
    QCOMPARE(cell(24, EventTableModel::SeqColumn), QStringLiteral("24"));
    QCOMPARE(cell(24, EventTableModel::TimeColumn), QStringLiteral("1.000 s"));
    QCOMPARE(cell(24, EventTableModel::LaneColumn), QStringLiteral("Task-3 task2()"));
    QCOMPARE(cell(24, EventTableModel::KindColumn), QStringLiteral("resume"));
    QCOMPARE(cell(19, EventTableModel::DetailColumn), QStringLiteral("sleep(1)"));
    QCOMPARE(cell(19, EventTableModel::SourceColumn), QStringLiteral("17")); // a line of the sample's file
    QCOMPARE(model.index(19, EventTableModel::SourceColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("s_gather_order.cpp:17"));
    QCOMPARE(cell(20, EventTableModel::SourceColumn), QString());
    QCOMPARE(cell(20, EventTableModel::LaneColumn), QStringLiteral("event loop"));
    QCOMPARE(model.index(13, 0).data(EventTableModel::KindRole).toInt(), int(EventKind::Output));
    QCOMPARE(model.headerData(EventTableModel::KindColumn, Qt::Horizontal).toString(), QStringLiteral("Kind"));
    exercise(doc, cursor);
    QCOMPARE(model.rowCount(), 0);
}

void TestModels::consoleModel()
{
    TraceDocument doc;
    CursorController cursor;
    ConsoleModel model(&doc, &cursor);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    load(doc, cursor, "gather-order");
    QCOMPARE(model.rowCount(), 0);
    cursor.setCursor(13);
    QCOMPARE(model.text(), QStringLiteral("1-start"));
    QVERIFY(model.index(0).data(ConsoleModel::JustPrintedRole).toBool());
    cursor.setCursor(14);
    QVERIFY(model.index(0).data(ConsoleModel::NewestRole).toBool());
    QVERIFY(!model.index(0).data(ConsoleModel::JustPrintedRole).toBool());
    cursor.setCursor(44);
    QCOMPARE(model.text(), QStringLiteral("1-start\n2-start\n2-end\n1-end"));
    QVERIFY(!model.index(0).data(ConsoleModel::NewestRole).toBool());
    QVERIFY(model.index(3).data(ConsoleModel::NewestRole).toBool());
    QCOMPARE(model.index(2).data(ConsoleModel::SeqRole).toInt(), 25);
    exercise(doc, cursor);

    // A line with carriage returns (a spinner) shows as a terminal shows it.
    cursor.setCursor(-1);
    doc.setTrace(runProgram([] { print("\r| thinking\r/ thinking\rAnswer: 42"); }).trace, QStringLiteral("spinner"));
    cursor.setEventCount(doc.eventCount());
    cursor.toEnd();
    QCOMPARE(model.text(), QStringLiteral("Answer: 42"));
}

void TestModels::loopStateModel()
{
    TraceDocument doc;
    CursorController cursor;
    LoopStateModel model(&doc, &cursor);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), int(LoopStateModel::RowCount));
    load(doc, cursor, "gather-order");
    cursor.setCursor(19); // both tasks asleep: two timers, nothing ready
    const QModelIndex timers = model.index(LoopStateModel::TimersRow, 0);
    QCOMPARE(model.rowCount(timers), 2);
    QCOMPARE(model.index(0, LoopStateModel::ValueColumn, timers).data().toString(),
             QStringLiteral("Task-3 task2(): sleep(1)"));
    QCOMPARE(model.index(0, LoopStateModel::NameColumn, timers).data().toString(),
             QStringLiteral("at 1.000 s (in 1.000 s)"));
    QCOMPARE(model.index(1, LoopStateModel::ValueColumn, timers).data().toString(),
             QStringLiteral("Task-2 task1(): sleep(2)"));
    exercise(doc, cursor);
}

QTEST_MAIN(TestModels)
#include "tst_models.moc"
