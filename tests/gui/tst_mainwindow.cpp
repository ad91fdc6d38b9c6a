// The whole window: a sample through the keyboard, trace files (broken ones keep what was shown),
// save and reopen, background loading, the language switch, the command line.
#include "gui/Language.h"
#include "gui/MainWindow.h"
#include "model/ConsoleModel.h"
#include "model/CursorController.h"
#include "model/EventTableModel.h"
#include "model/GalleryModel.h"
#include "model/PlaybackController.h"
#include "model/TraceDocument.h"
#include "model/TraceLoader.h"
#include "runtime/Asyncio.h"
#include "samples/Samples.h"
#include "timeline/TimelineWidget.h"
#include "trace/TraceFile.h"
#include "views/ConsolePane.h"
#include "views/EventTablePane.h"
#include "views/GalleryPane.h"
#include "views/LoopStatePane.h"
#include "views/CodeView.h"
#include "views/SourcePane.h"
#include "views/TimelinePane.h"

#include <QAction>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

namespace coroscope::hundred {

Task<> download(int i)
{
    co_await sleep(0.01 * (1 + i % 7));
}

Task<> main()
{
    std::vector<Task<>> all;
    for (int i = 0; i < 100; ++i)
        all.push_back(download(i));
    co_await gather(std::move(all));
}

} // namespace coroscope::hundred

using namespace coroscope;

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void sampleRunsAndShows();
    void keyboardDrivesTheCursor();
    void galleryRunsSamples();
    void brokenFileKeepsWhatWasShown_data();
    void brokenFileKeepsWhatWasShown();
    void saveAndReopen();
    void stepAppliesAfterLoading();
    void loadingCanBeCanceled();
    void languageSwitch();
    void settingsRoundTrip();
    void keysStepFromTheStart();
    void timelineHasTheLargestShare();
    void hundredTasksShowAtOnce();

private:
    void write(const QString &path, const QByteArray &bytes);

    std::unique_ptr<MainWindow> m_window;
    QStringList m_errors;
    QTemporaryDir m_dir;
};

void TestMainWindow::init()
{
    m_errors.clear();
    m_window = std::make_unique<MainWindow>(/*persistent=*/false);
    m_window->setLanguage(QStringLiteral("en"), false);
    m_window->setErrorReporter([this](const QString &title, const QString &text) {
        m_errors << title + QStringLiteral(": ") + text;
    });
    m_window->resize(1600, 1000);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_window->runSample(QStringLiteral("gather-order")));
    QVERIFY(QSignalSpy(m_window.get(), &MainWindow::traceShown).wait(10000)); // runs off the GUI thread
}

void TestMainWindow::cleanup()
{
    m_window.reset();
}

void TestMainWindow::write(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

void TestMainWindow::sampleRunsAndShows()
{
    TraceDocument *doc = m_window->document();
    QCOMPARE(doc->origin(), QStringLiteral("gather-order"));
    QCOMPARE(doc->sampleId(), QStringLiteral("gather-order"));
    QCOMPARE(m_window->cursor()->eventCount(), 45);
    QCOMPARE(m_window->cursor()->cursor(), -1);
    QVERIFY(m_window->timeline()->isVisible());
    QCOMPARE(m_window->gallery()->model()->currentSample(), QStringLiteral("gather-order"));
    QVERIFY(m_window->windowTitle().contains(QLatin1String("gather-order")));
    QCOMPARE(m_window->eventTable()->model()->rowCount(), 45);
    QVERIFY(m_window->sourcePane()->cppView() != nullptr);
    // The menus a user expects.
    QStringList menus;
    for (QAction *a : m_window->menuBar()->actions())
        menus << a->text().remove(u'&');
    QCOMPARE(menus, (QStringList{"File", "Edit", "View", "Run", "Help"}));
}

void TestMainWindow::keyboardDrivesTheCursor()
{
    CursorController *cursor = m_window->cursor();
    m_window->activateWindow();
    m_window->setFocus();
    for (int i = 0; i < 25; ++i)
        QTest::keyClick(m_window.get(), Qt::Key_Right);
    QCOMPARE(cursor->cursor(), 24);
    QTest::keyClick(m_window.get(), Qt::Key_Right);
    QCOMPARE(m_window->consolePane()->model()->text(), QStringLiteral("1-start\n2-start\n2-end"));
    QCOMPARE(m_window->eventTable()->currentRow(), 25);
    QCOMPARE(m_window->sourcePane()->currentCppLine(), 18); // print("2-end")
    QCOMPARE(m_window->sourcePane()->currentPythonLine(), 9);
    QVERIFY(m_window->statusLabel()->text().contains(QLatin1String("2-end")));
    QTest::keyClick(m_window.get(), Qt::Key_Left);
    QCOMPARE(cursor->cursor(), 24);
    QCOMPARE(m_window->consolePane()->model()->text(), QStringLiteral("1-start\n2-start"));
    QTest::keyClick(m_window.get(), Qt::Key_End);
    QCOMPARE(cursor->cursor(), 44);
    QCOMPARE(m_window->consolePane()->model()->text(), QStringLiteral("1-start\n2-start\n2-end\n1-end"));
    QTest::keyClick(m_window.get(), Qt::Key_Home);
    QCOMPARE(cursor->cursor(), -1);
    QCOMPARE(m_window->consolePane()->model()->text(), QString());
    QTest::keyClick(m_window.get(), Qt::Key_Right, Qt::ControlModifier); // run to next output
    QCOMPARE(cursor->cursor(), 13);
    QTest::keyClick(m_window.get(), Qt::Key_Space);
    QVERIFY(m_window->playback()->isPlaying());
    QTest::keyClick(m_window.get(), Qt::Key_Space);
    QVERIFY(!m_window->playback()->isPlaying());
    // Stepping while playing takes over: play stops.
    m_window->playback()->play();
    QTest::keyClick(m_window.get(), Qt::Key_Left);
    QVERIFY(!m_window->playback()->isPlaying());
    // Keys still step while the C++ source has focus (it is selectable by mouse only).
    m_window->sourcePane()->cppView()->setFocus();
    const qint64 before = cursor->cursor();
    QTest::keyClick(m_window->sourcePane()->cppView(), Qt::Key_Right);
    QCOMPARE(cursor->cursor(), before + 1);
    // F9 toggles a breakpoint on the highlighted line; play stops there.
    cursor->setCursor(19);
    m_window->actions().toggleBreakpoint->trigger();
    QCOMPARE(m_window->playback()->breakpoints(), (std::set<int>{17}));
    cursor->setCursor(-1);
    m_window->playback()->setSpeed(1000);
    QSignalSpy hit(m_window->playback(), &PlaybackController::breakpointHit);
    m_window->actions().playPause->trigger();
    QVERIFY(hit.wait(3000));
    QCOMPARE(cursor->cursor(), 18);
    QCOMPARE(m_window->sourcePane()->currentCppLine(), 17);
    QCOMPARE(m_window->eventTable()->currentRow(), 18);
}

void TestMainWindow::galleryRunsSamples()
{
    GalleryPane *gallery = m_window->gallery();
    gallery->setFilterText(QStringLiteral("drives a consumer"));
    QCOMPARE(gallery->visibleSamples(), QStringList{QStringLiteral("producer-consumer")});
    QTest::keyClick(gallery->filterEdit(), Qt::Key_Return); // Enter runs the first match
    QTRY_COMPARE(m_window->document()->sampleId(), QStringLiteral("producer-consumer")); // off the GUI thread
    QCOMPARE(gallery->model()->currentSample(), QStringLiteral("producer-consumer"));
    QVERIFY(m_window->sourcePane()->cppView()->toPlainText().contains(QLatin1String("consumer")));
    gallery->setFilterText(QString());
    // Double-click a sample.
    QTreeView *view = gallery->view();
    const QModelIndex index = gallery->proxy()->mapFromSource(gallery->model()->indexOfSample(QStringLiteral("gen-send")));
    QVERIFY(index.isValid());
    view->scrollTo(index);
    const QPoint at = view->visualRect(index).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
    QTRY_COMPARE(m_window->document()->sampleId(), QStringLiteral("gen-send"));
    QCOMPARE(m_window->cursor()->cursor(), -1);
}

void TestMainWindow::brokenFileKeepsWhatWasShown_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("fromReader"); // the reader's message and offset are shown
    const std::string good = serializeTrace(runSample(*findSample("gen-send")).trace);
    QTest::newRow("garbage") << QByteArray("\x13\x37 not a trace at all \xff\xfe", 24) << true;
    QTest::newRow("truncated") << QByteArray(good.data(), qsizetype(good.size() * 2 / 3)) << true;
    QByteArray flipped(good.data(), qsizetype(good.size()));
    flipped[flipped.size() / 2] = char(flipped[flipped.size() / 2] ^ 0x5a);
    QTest::newRow("one byte flipped") << flipped << true;
    QTest::newRow("empty") << QByteArray() << true;
    QTest::newRow("missing") << QByteArray("-") << false;
}

void TestMainWindow::brokenFileKeepsWhatWasShown()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, fromReader);
    const QString path = m_dir.filePath(QStringLiteral("broken.coroscope"));
    QFile::remove(path);
    if (bytes != "-")
        write(path, bytes);

    m_window->cursor()->setCursor(25);
    const QString consoleBefore = m_window->consolePane()->model()->text();
    const Trace before = m_window->document()->trace();
    QSignalSpy failed(m_window.get(), &MainWindow::loadFailed);
    QSignalSpy shown(m_window.get(), &MainWindow::traceShown);
    m_window->openTrace(path);
    QVERIFY(failed.wait(3000));
    QCOMPARE(shown.count(), 0);

    // The error reached the user, with the reader's own words and the byte offset.
    QCOMPARE(m_errors.size(), 1);
    QVERIFY(m_errors.first().contains(QLatin1String("broken.coroscope")));
    if (fromReader) {
        TraceFileError expected;
        QVERIFY(!parseTrace(std::string_view(bytes.constData(), std::size_t(bytes.size())), &expected));
        QCOMPARE(failed.first().at(1).toString(), QString::fromStdString(expected.message));
        QCOMPARE(failed.first().at(2).toULongLong(), quint64(expected.offset));
        QVERIFY2(m_errors.first().contains(QString::fromStdString(expected.message)), qPrintable(m_errors.first()));
        QVERIFY2(m_errors.first().contains(QStringLiteral("byte offset %1").arg(expected.offset)),
                 qPrintable(m_errors.first()));
    }
    // ... and the window still shows what it showed before.
    QCOMPARE(m_window->document()->origin(), QStringLiteral("gather-order"));
    QVERIFY(m_window->document()->trace() == before);
    QCOMPARE(m_window->cursor()->cursor(), 25);
    QCOMPARE(m_window->consolePane()->model()->text(), consoleBefore);
    QCOMPARE(m_window->eventTable()->currentRow(), 25);
}

void TestMainWindow::saveAndReopen()
{
    const QString path = m_dir.filePath(QStringLiteral("gather.coroscope"));
    QVERIFY(m_window->saveTrace(path));
    QVERIFY(QFile::exists(path));
    const Trace saved = m_window->document()->trace();
    QVERIFY(m_window->runSample(QStringLiteral("gen-send")));
    QVERIFY(QSignalSpy(m_window.get(), &MainWindow::traceShown).wait(10000)); // runs off the GUI thread
    QSignalSpy shown(m_window.get(), &MainWindow::traceShown);
    m_window->openTrace(path);
    QVERIFY(shown.wait(3000));
    QCOMPARE(shown.first().at(0).toString(), path);
    QVERIFY(m_window->document()->trace() == saved);
    QCOMPARE(m_window->document()->sampleId(), QStringLiteral("gather-order")); // the source comes back too
    QVERIFY(m_window->sourcePane()->cppView()->toPlainText().contains(QLatin1String("gather(task1(), task2())")));
    QCOMPARE(m_window->cursor()->eventCount(), 45);
    QVERIFY(m_errors.isEmpty());
    // Saving where it cannot be written reports, and keeps the document.
    QVERIFY(!m_window->saveTrace(m_dir.filePath(QStringLiteral("no/such/dir/x.coroscope"))));
    QCOMPARE(m_errors.size(), 1);
}

void TestMainWindow::stepAppliesAfterLoading()
{
    const QString path = m_dir.filePath(QStringLiteral("step.coroscope"));
    QVERIFY(m_window->saveTrace(path));
    m_window->setPendingStep(25);
    QSignalSpy shown(m_window.get(), &MainWindow::traceShown);
    m_window->openTrace(path);
    QVERIFY(shown.wait(3000));
    QCOMPARE(m_window->cursor()->cursor(), 25);
    QCOMPARE(m_window->consolePane()->model()->text(), QStringLiteral("1-start\n2-start\n2-end"));
    // Used once: the next load starts at the beginning.
    QVERIFY(m_window->runSample(QStringLiteral("gather-order")));
    QVERIFY(QSignalSpy(m_window.get(), &MainWindow::traceShown).wait(10000)); // runs off the GUI thread
    QCOMPARE(m_window->cursor()->cursor(), -1);
}

void TestMainWindow::loadingCanBeCanceled()
{
    const QString path = m_dir.filePath(QStringLiteral("cancel.coroscope"));
    QVERIFY(m_window->saveTrace(path));
    int calls = 0;
    const TraceLoadResult result = TraceLoader::readFile(path, [&calls](int percent) {
        ++calls;
        return percent < 0; // cancel at the first report
    });
    QCOMPARE(result.status, TraceLoadResult::Status::Canceled);
    QCOMPARE(calls, 1);
    QVERIFY(!result.trace);
    // Through the loader: a canceled job reports Canceled and nothing is shown.
    TraceLoader loader;
    QSignalSpy finished(&loader, &TraceLoader::finished);
    loader.loadFile(path);
    loader.cancel();
    QVERIFY(finished.wait(3000));
    const auto status = finished.first().at(0).value<TraceLoadResult>().status;
    QVERIFY(status == TraceLoadResult::Status::Canceled || status == TraceLoadResult::Status::Loaded);
    // Results arrive on the GUI thread, by value.
    QSignalSpy again(&loader, &TraceLoader::finished);
    loader.loadFile(path);
    QVERIFY(again.wait(3000));
    const auto loaded = again.first().at(0).value<TraceLoadResult>();
    QCOMPARE(loaded.status, TraceLoadResult::Status::Loaded);
    QVERIFY(loaded.trace && *loaded.trace == m_window->document()->trace());
}

void TestMainWindow::languageSwitch()
{
    QVERIFY(m_window->setLanguage(QStringLiteral("zh_CN"), false));
    QVERIFY(m_window->language()->isChinese());
    QCoreApplication::processEvents(); // LanguageChange is posted to the window
    QCOMPARE(m_window->actions().open->text(), QStringLiteral("打开(&O)…"));
    QStringList menus;
    for (QAction *a : m_window->menuBar()->actions())
        menus << a->text();
    QCOMPARE(menus, (QStringList{"文件(&F)", "编辑(&E)", "视图(&V)", "运行(&R)", "帮助(&H)"}));
    QCOMPARE(m_window->gallery()->model()->indexOfSample(QStringLiteral("gather-order")).data().toString(),
             QStringLiteral("gather：谁先结束"));
    QCOMPARE(m_window->eventTable()->model()->headerData(EventTableModel::KindColumn, Qt::Horizontal).toString(),
             QStringLiteral("类型"));
    m_window->cursor()->setCursor(24);
    QCOMPARE(m_window->eventTable()->model()->index(24, EventTableModel::KindColumn).data().toString(),
             QStringLiteral("恢复"));
    QVERIFY(m_window->statusLabel()->text().contains(QStringLiteral("恢复")));
    QVERIFY(m_window->setLanguage(QStringLiteral("en"), false));
    QCoreApplication::processEvents();
    QCOMPARE(m_window->actions().open->text(), QStringLiteral("&Open…"));
    QCOMPARE(m_window->gallery()->model()->indexOfSample(QStringLiteral("gather-order")).data().toString(),
             QStringLiteral("gather: who ends first"));
    QVERIFY(!m_window->setLanguage(QStringLiteral("fr"), false));
    QCOMPARE(Language::normalize(QStringLiteral("zh")), QStringLiteral("zh_CN"));
    QCOMPARE(Language::normalize(QStringLiteral("en_GB")), QStringLiteral("en"));
}

void TestMainWindow::settingsRoundTrip()
{
    // A private settings file: the user's own is never touched.
    QTemporaryDir config;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, config.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, config.path());
    const QString saved = m_dir.filePath(QStringLiteral("recent.coroscope"));
    QList<int> sizes;
    {
        MainWindow window(/*persistent=*/true, QStringLiteral("en"));
        window.resize(1500, 950);
        window.restoreSession();
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.runSample(QStringLiteral("producer-consumer")));
        QVERIFY(QSignalSpy(&window, &MainWindow::traceShown).wait(10000)); // runs off the GUI thread
        window.playback()->setSpeed(25);
        auto *main = window.findChild<QSplitter *>(QStringLiteral("mainSplitter"));
        QVERIFY(main);
        main->setSizes({150, 800, 550});
        sizes = main->sizes();
        QVERIFY(window.saveTrace(saved));
        window.close(); // saves the session
    }
    MainWindow window(/*persistent=*/true, QStringLiteral("en"));
    QCOMPARE(window.restoreSession(), QStringLiteral("producer-consumer"));
    QCOMPARE(window.playback()->speed(), 25);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.size(), QSize(1500, 950));
    QCOMPARE(window.findChild<QSplitter *>(QStringLiteral("mainSplitter"))->sizes(), sizes);
    QSettings settings(QStringLiteral("Coroscope"), QStringLiteral("Coroscope"));
    QCOMPARE(settings.value(QStringLiteral("session/recentFiles")).toStringList(), QStringList{saved});
}

void TestMainWindow::keysStepFromTheStart()
{
    // A fresh window: the focus is on the timeline, not in the gallery's filter box, so the
    // stepping keys act before anything is clicked.
    MainWindow window(/*persistent=*/false);
    window.resize(1600, 1000);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.runSample(QStringLiteral("gather-order")));
    QVERIFY(QSignalSpy(&window, &MainWindow::traceShown).wait(10000));
    QWidget *focus = window.focusWidget();
    QVERIFY(focus);
    QVERIFY(focus != window.gallery()->filterEdit());
    QVERIFY(window.timeline()->isAncestorOf(focus));
    QTest::keyClick(focus, Qt::Key_Right);
    QCOMPARE(window.cursor()->cursor(), 0);
    QTest::keyClick(window.focusWidget(), Qt::Key_End);
    QCOMPARE(window.cursor()->cursor(), 44);
    // Running a sample from the gallery hands the keys back to the timeline.
    window.gallery()->setFilterText(QStringLiteral("gen-send"));
    QTest::keyClick(window.gallery()->filterEdit(), Qt::Key_Return);
    QTRY_COMPARE(window.document()->sampleId(), QStringLiteral("gen-send"));
    QVERIFY(window.timeline()->isAncestorOf(window.focusWidget()));
}

void TestMainWindow::timelineHasTheLargestShare()
{
    for (const QSize size : {QSize(1920, 1080), QSize(1280, 720)}) {
        MainWindow window(/*persistent=*/false);
        window.resize(size);
        window.restoreSession(); // the default splitter sizes
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const int timeline = window.timelinePane()->width() * window.timelinePane()->height();
        const QList<QWidget *> others {window.gallery(), window.eventTable(), window.sourcePane(),
                                        window.consolePane(), window.loopStatePane()};
        for (QWidget *pane : others)
            QVERIFY2(pane->width() * pane->height() < timeline, qPrintable(pane->metaObject()->className()));
        QVERIFY2(window.timelinePane()->height() > window.height() * 55 / 100,
                 qPrintable(QString::number(window.timelinePane()->height())));
    }
}

void TestMainWindow::hundredTasksShowAtOnce()
{
    // At 1920x1080, a run of 100 tasks shows every task lane at once: a waterfall, not a scroll.
    MainWindow window(/*persistent=*/false);
    window.resize(1920, 1080);
    window.restoreSession();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy shown(&window, &MainWindow::traceShown);
    window.runProgram(QStringLiteral("hundred"), [] { run(hundred::main()); });
    QVERIFY(shown.wait(10000));
    window.cursor()->setAxisMode(CursorController::AxisMode::Time);
    QCoreApplication::processEvents();
    const TimelineWidget *timeline = window.timeline();
    QCOMPARE(timeline->lanes().laneRowsShown(), 103);
    QVERIFY2(timeline->lanes().contentHeight() <= timeline->rowViewHeight(),
             qPrintable(QStringLiteral("%1 > %2").arg(timeline->lanes().contentHeight()).arg(timeline->rowViewHeight())));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
