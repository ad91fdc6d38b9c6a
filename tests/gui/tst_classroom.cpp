// The classroom features as a class sees them: predict mode hides exactly the lines not yet printed,
// the compare window keeps its two time axes locked, presentation mode shows only the timeline, the
// source and the console (and puts everything back), bookmarks with notes travel with the saved
// trace, and switching the language changes the menus and the timeline's drawn labels.
#include "gui/BlankScreen.h"
#include "gui/Bookmarks.h"
#include "gui/Classroom.h"
#include "gui/CompareWindow.h"
#include "gui/Language.h"
#include "gui/MainWindow.h"
#include "gui/PredictMode.h"
#include "gui/PresentationMode.h"
#include "model/ConsoleModel.h"
#include "model/CursorController.h"
#include "model/EventTableModel.h"
#include "model/PlaybackController.h"
#include "model/PredictController.h"
#include "model/TraceDocument.h"
#include "samples/Samples.h"
#include "timeline/TimelineStyle.h"
#include "timeline/TimelineWidget.h"
#include "trace/TraceFile.h"
#include "views/AnnotationBanner.h"
#include "views/ConsolePane.h"
#include "views/EventTablePane.h"
#include "views/GalleryPane.h"
#include "views/LoopStatePane.h"
#include "views/PredictPanel.h"
#include "views/SourcePane.h"

#include <qcustomplot.h>

#include <QAction>
#include <QLabel>
#include <QMenuBar>
#include <QSignalSpy>
#include <QSplitter>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QTranslator>

using namespace coroscope;

namespace {

QStringList lines(const QString &text)
{
    return text.isEmpty() ? QStringList() : text.split(u'\n');
}

// Every line the trace prints up to and including `seq`, in order.
QStringList printedUpTo(const Trace &t, qint64 seq)
{
    QStringList out;
    for (qint64 s = 0; s <= seq && s < qint64(t.events.size()); ++s)
        if (t.events[std::size_t(s)].eventKind() == EventKind::Output)
            out << QString::fromStdString(std::string(t.detail(t.events[std::size_t(s)])));
    return out;
}

QImage legendImage(TimelineWidget *timeline)
{
    QCustomPlot *plot = timeline->plot();
    plot->replot(QCustomPlot::rpImmediateRefresh);
    const QRect legend = plot->plotLayout()->element(1, 0)->outerRect();
    return plot->toPixmap().toImage().copy(legend);
}

// Translates a few timeline texts into markers, whatever the shipped .ts holds: the test is about
// the timeline redoing its drawn texts on LanguageChange.
class MarkerTranslator : public QTranslator
{
public:
    QString translate(const char *context, const char *source, const char *, int) const override
    {
        if (qstrcmp(context, "Timeline") != 0)
            return {};
        if (qstrcmp(source, "step (one column per event)") == 0)
            return QStringLiteral("STEP-AXIS");
        if (qstrcmp(source, "running") == 0)
            return QStringLiteral("RUNNING-RUNNING-RUNNING");
        return {};
    }
    bool isEmpty() const override { return false; }
};

} // namespace

class TestClassroom : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        m_window = std::make_unique<MainWindow>(/*persistent=*/false);
        m_window->setLanguage(QStringLiteral("en"), false);
        m_window->setErrorReporter([](const QString &, const QString &text) { QFAIL(qPrintable(text)); });
        m_window->resize(1600, 1000);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->runSample(QStringLiteral("gather-order")));
        QVERIFY(QSignalSpy(m_window.get(), &MainWindow::traceShown).wait(10000)); // runs off the GUI thread
    }
    void cleanup() { m_window.reset(); }

    void predictHidesExactlyTheLinesNotYetPrinted_data()
    {
        QTest::addColumn<QString>("sample");
        QTest::newRow("gather-order") << "gather-order";
        QTest::newRow("sequential-vs-gather") << "sequential-vs-gather";
        QTest::newRow("producer-consumer") << "producer-consumer";
        QTest::newRow("cancel-timeout") << "cancel-timeout";
    }

    void predictHidesExactlyTheLinesNotYetPrinted()
    {
        QFETCH(QString, sample);
        QVERIFY(m_window->runSample(sample));
        QVERIFY(QSignalSpy(m_window.get(), &MainWindow::traceShown).wait(10000)); // runs off the GUI thread
        const Trace &trace = m_window->document()->trace();
        const auto &outputs = m_window->document()->index().outputs();
        QVERIFY(outputs.size() >= 2);
        CursorController *cursor = m_window->cursor();
        PredictController *predict = m_window->classroom().predict().controller();
        PredictPanel *panel = m_window->classroom().predict().panel();
        ConsoleModel *console = m_window->consolePane()->model();
        EventTableModel *table = m_window->eventTable()->model();
        auto *bar = m_window->findChild<QToolBar *>(QStringLiteral("predictToolBar"));
        QVERIFY(bar && !bar->isVisible());

        m_window->classroom().predict().toggle->trigger();
        QVERIFY(predict->isEnabled());
        QVERIFY(bar->isVisible());
        QCOMPARE(predict->hiddenFrom(), qint64(outputs[0]));

        // Playing runs up to the event before each line, stops, and asks; Reveal shows exactly it.
        m_window->playback()->setSpeed(1000);
        for (std::size_t k = 0; k < outputs.size(); ++k) {
            const qint64 line = outputs[k];
            m_window->playback()->play();
            QTRY_VERIFY(!m_window->playback()->isPlaying());
            QCOMPARE(cursor->cursor(), line - 1);
            QVERIFY(predict->isAsking());
            QVERIFY(panel->text().contains(QStringLiteral("What prints next?")));
            QVERIFY(panel->text().contains(QStringLiteral("Line %1 of %2").arg(k + 1).arg(outputs.size())));
            QVERIFY(m_window->classroom().predict().reveal->isEnabled());
            // Console: every line before it, not it, nothing after.
            QCOMPARE(lines(console->text()), printedUpTo(trace, line - 1));
            // Timeline and events table: hidden from this line on.
            QCOMPARE(m_window->timeline()->hiddenOutputsFrom(), line);
            QCOMPARE(table->index(int(line), EventTableModel::DetailColumn).data().toString(),
                     QStringLiteral("?"));
            QVERIFY(!m_window->timeline()->eventToolTip(line).contains(
                QString::fromStdString(std::string(trace.detail(trace.events[std::size_t(line)])))));
            if (k > 0) // an earlier, revealed line reads as usual
                QCOMPARE(table->index(int(outputs[k - 1]), EventTableModel::DetailColumn).data().toString(),
                         QString::fromStdString(std::string(trace.detail(trace.events[outputs[k - 1]]))));
            // Jumping ahead stops there too.
            m_window->actions().toEnd->trigger();
            QCOMPARE(cursor->cursor(), line - 1);
            QTest::keyClick(m_window.get(), Qt::Key_R);
            QVERIFY(!predict->isAsking());
            QCOMPARE(cursor->cursor(), line);
            QCOMPARE(lines(console->text()), printedUpTo(trace, line));
            QVERIFY(console->index(console->rowCount() - 1).data(ConsoleModel::JustPrintedRole).toBool());
        }
        QCOMPARE(predict->hiddenFrom(), qint64(-1));
        QCOMPARE(m_window->timeline()->hiddenOutputsFrom(), qint64(-1));
        m_window->actions().toEnd->trigger();
        QCOMPARE(cursor->cursor(), cursor->eventCount() - 1);

        // Stepping back keeps what was revealed; turning the mode off lifts every limit.
        m_window->actions().toStart->trigger();
        m_window->classroom().predict().toggle->trigger();
        QVERIFY(!predict->isEnabled());
        QVERIFY(!bar->isVisible());
        QCOMPARE(cursor->limit(), CursorController::NoLimit);
    }

    void predictWorksWithEverySample()
    {
        // Every virtual-clock sample (real-clock ones run on a worker thread for seconds): End stops
        // before each line in turn, the console holds exactly the lines before it, Reveal adds it.
        PredictController *predict = m_window->classroom().predict().controller();
        predict->setEnabled(true);
        int samples = 0;
        for (const Sample &s : sampleList()) {
            if (s.clock != ClockMode::Virtual)
                continue;
            ++samples;
            const QString id = QString::fromUtf8(s.id.data(), qsizetype(s.id.size()));
            QVERIFY(m_window->runSample(id));
            QVERIFY(
                QSignalSpy(m_window.get(), &MainWindow::traceShown).wait(10000)); // runs off the GUI thread
            const Trace &trace = m_window->document()->trace();
            const auto &outputs = m_window->document()->index().outputs();
            for (const std::uint32_t line : outputs) {
                m_window->actions().toEnd->trigger();
                QVERIFY2(predict->isAsking(), qPrintable(id));
                QCOMPARE(m_window->cursor()->cursor(), qint64(line) - 1);
                QCOMPARE(lines(m_window->consolePane()->model()->text()),
                         printedUpTo(trace, qint64(line) - 1));
                QVERIFY(predict->reveal());
                QCOMPARE(lines(m_window->consolePane()->model()->text()), printedUpTo(trace, line));
            }
            m_window->actions().toEnd->trigger();
            QCOMPARE(m_window->cursor()->cursor(), m_window->cursor()->eventCount() - 1);
            QCOMPARE(lines(m_window->consolePane()->model()->text()),
                     printedUpTo(trace, qint64(trace.events.size())));
        }
        QVERIFY(samples >= 20);
    }

    void predictStartsFromWhatIsOnScreen()
    {
        // Lines already printed when the mode starts count as seen; a new run hides all of its lines.
        CursorController *cursor = m_window->cursor();
        cursor->setCursor(25); // 1-start, 2-start, 2-end printed
        PredictController *predict = m_window->classroom().predict().controller();
        predict->setEnabled(true);
        QCOMPARE(predict->revealedCount(), 3);
        QVERIFY(m_window->playback()->runToNextOutput() || true);
        QVERIFY(predict->isAsking());
        QCOMPARE(lines(m_window->consolePane()->model()->text()),
                 (QStringList {"1-start", "2-start", "2-end"}));
        cursor->stepBack(); // a step back takes the question away
        QVERIFY(!predict->isAsking());
        QVERIFY(m_window->runSample(QStringLiteral("gather-order")));
        QVERIFY(QSignalSpy(m_window.get(), &MainWindow::traceShown).wait(10000)); // runs off the GUI thread
        QCOMPARE(predict->revealedCount(), 0);
        QCOMPARE(m_window->timeline()->hiddenOutputsFrom(),
                 qint64(m_window->document()->index().outputs()[0]));
    }

    void compareKeepsTheAxesLocked()
    {
        CompareWindow *compare = m_window->classroom().openCompare(QStringLiteral("sequential-vs-gather:1"),
                                                                   QStringLiteral("sequential-vs-gather:2"));
        QVERIFY(compare);
        QVERIFY(QTest::qWaitForWindowExposed(compare));
        TimelineWidget *top = compare->timeline(0);
        TimelineWidget *bottom = compare->timeline(1);
        QCOMPARE(top->axis(), TimelineAxis::Time);
        QCOMPARE(bottom->axis(), TimelineAxis::Time);
        // The halves: 0.3 s of sequential awaits above 0.2 s of gather.
        QCOMPARE(compare->document(0)->trace().endTime(), std::int64_t(300'000'000));
        QCOMPARE(compare->document(1)->trace().endTime(), std::int64_t(200'000'000));
        QVERIFY(compare->summary(0)->text().startsWith(QStringLiteral("0.300 s")));
        QVERIFY(compare->summary(1)->text().startsWith(QStringLiteral("0.200 s")));

        auto same = [&] {
            return qFuzzyCompare(top->visibleRange().start + 1, bottom->visibleRange().start + 1)
                && qFuzzyCompare(top->visibleRange().end, bottom->visibleRange().end);
        };
        QVERIFY(same());
        QVERIFY(top->visibleRange().end > 0.3); // both show the longer run whole
        // Equal times stand one above the other: the plot areas line up to the pixel.
        auto areaOf = [](TimelineWidget *t) {
            const QRect r = t->plot()->axisRect()->rect();
            return QRect(t->plot()->mapTo(t->window(), r.topLeft()), r.size());
        };
        QTRY_COMPARE(areaOf(top).left(), areaOf(bottom).left());
        QTRY_COMPARE(areaOf(top).width(), areaOf(bottom).width());
        top->setVisibleRange(0.05, 0.15);
        QVERIFY(same());
        QCOMPARE(bottom->visibleRange().start, 0.05);
        bottom->zoomIn();
        QVERIFY(same());
        QVERIFY(top->visibleRange().width() < 0.1);
        // Panning the shorter run past its end is clamped the same way for both.
        bottom->setVisibleRange(0.25, 0.35);
        QVERIFY(same());
        QCOMPARE(top->visibleRange().end, 0.35);
        // Wheel zoom on the top one.
        QWheelEvent wheel(QPointF(700, 200), top->plot()->mapToGlobal(QPointF(700, 200)), QPoint(),
                          QPoint(0, 120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(top->plot(), &wheel);
        QVERIFY(same());

        // Another pair from the gallery.
        QVERIFY(compare->setRuns(QStringLiteral("gather-order"), QStringLiteral("three-sleepers")));
        QVERIFY(same());
        // Different lane names, one needing a scroll bar on a small screen: still aligned.
        compare->resize(1280, 720);
        QTRY_COMPARE(areaOf(top).left(), areaOf(bottom).left());
        QTRY_COMPARE(areaOf(top).width(), areaOf(bottom).width());
        QTest::qWait(50);
        QCOMPARE(areaOf(top).width(), areaOf(bottom).width());
        top->fitAll();
        QVERIFY(same());
        QVERIFY(!compare->setRuns(QStringLiteral("no-such-sample"), QStringLiteral("gather-order")));
        QVERIFY(!CompareWindow::choices().contains(QStringLiteral("wget"))); // real-clock runs are left out
    }

    void presentationShowsTimelineSourceAndConsole()
    {
        PresentationMode &present = m_window->classroom().presentation();
        const int textBefore = m_window->textSize();
        auto *mainSplitter = m_window->findChild<QSplitter *>(QStringLiteral("mainSplitter"));
        const QByteArray splitterBefore = mainSplitter->saveState();
        present.enter(/*fullScreen=*/false);
        QVERIFY(present.isPresenting());
        QVERIFY(m_window->timeline()->isVisible());
        QVERIFY(m_window->sourcePane()->isVisible());
        QVERIFY(m_window->consolePane()->isVisible());
        for (QWidget *gone :
             {static_cast<QWidget *>(m_window->gallery()), static_cast<QWidget *>(m_window->eventTable()),
              static_cast<QWidget *>(m_window->loopStatePane()), static_cast<QWidget *>(m_window->menuBar()),
              static_cast<QWidget *>(m_window->statusBar())})
            QVERIFY(!gone->isVisible());
        QCOMPARE(m_window->textSize(), PresentationMode::defaultTextSize(m_window->height()));
        QCOMPARE(PresentationMode::defaultTextSize(1080), 18);
        QCOMPARE(PresentationMode::defaultTextSize(720), 12);
        QVERIFY(TimelineStyle::highContrast());
        QCOMPARE(QApplication::palette().color(QPalette::Text), QColor(Qt::black));
        // The timeline sits above the source and the console, which sit side by side.
        const QPoint timelineAt = m_window->timeline()->mapTo(m_window.get(), QPoint(0, 0));
        const QPoint sourceAt = m_window->sourcePane()->mapTo(m_window.get(), QPoint(0, 0));
        const QPoint consoleAt = m_window->consolePane()->mapTo(m_window.get(), QPoint(0, 0));
        QVERIFY(sourceAt.y() > timelineAt.y() + m_window->timeline()->height() / 2);
        QCOMPARE(consoleAt.y(), sourceAt.y());
        QVERIFY(consoleAt.x() > sourceAt.x());

        // Clicker keys and type size.
        m_window->activateWindow();
        const qint64 at = m_window->cursor()->cursor();
        QTest::keyClick(m_window.get(), Qt::Key_PageDown);
        QTest::keyClick(m_window.get(), Qt::Key_PageDown);
        QCOMPARE(m_window->cursor()->cursor(), at + 2);
        QTest::keyClick(m_window.get(), Qt::Key_PageUp);
        QCOMPARE(m_window->cursor()->cursor(), at + 1);
        const int size = m_window->textSize();
        QTest::keyClick(m_window.get(), Qt::Key_Equal, Qt::ControlModifier);
        QCOMPARE(m_window->textSize(), size + 1);
        QTest::keyClick(m_window.get(), Qt::Key_Minus, Qt::ControlModifier);
        QTest::keyClick(m_window.get(), Qt::Key_Minus, Qt::ControlModifier);
        QCOMPARE(m_window->textSize(), size - 1);
        QTest::keyClick(m_window.get(), Qt::Key_0, Qt::ControlModifier);
        QCOMPARE(m_window->textSize(), size);

        // B blanks; the next key only brings the picture back.
        QTest::keyClick(m_window.get(), Qt::Key_B);
        BlankScreen *blank = present.blankScreen();
        QVERIFY(blank->isVisible());
        QCOMPARE(blank->geometry(), m_window->rect());
        const qint64 before = m_window->cursor()->cursor();
        QTest::keyClick(blank, Qt::Key_PageDown);
        QVERIFY(!blank->isVisible());
        QCOMPARE(m_window->cursor()->cursor(), before);

        // Esc puts everything back.
        QTest::keyClick(m_window.get(), Qt::Key_Escape);
        QVERIFY(!present.isPresenting());
        QVERIFY(m_window->gallery()->isVisible());
        QVERIFY(m_window->eventTable()->isVisible());
        QVERIFY(m_window->menuBar()->isVisible());
        QCOMPARE(m_window->textSize(), textBefore);
        QVERIFY(!TimelineStyle::highContrast());
        QCOMPARE(mainSplitter->orientation(), Qt::Horizontal);
        QCOMPARE(mainSplitter->saveState(), splitterBefore);
        QTest::keyClick(m_window.get(), Qt::Key_PageDown); // only while presenting
        QCOMPARE(m_window->cursor()->cursor(), at + 1);
    }

    void bookmarksTravelWithTheTrace()
    {
        TraceDocument *doc = m_window->document();
        AnnotationBanner *banner = m_window->classroom().bookmarks().banner();
        auto *bar = m_window->findChild<QToolBar *>(QStringLiteral("annotationToolBar"));
        m_window->cursor()->setCursor(11);
        QVERIFY(!bar->isVisible());
        doc->setAnnotation(11, QStringLiteral("main() waits in gather: both tasks are queued"));
        doc->setAnnotation(25, QStringLiteral("2-end 先打印"));
        QVERIFY(bar->isVisible());
        QCOMPARE(banner->text(), QStringLiteral("Step 11: main() waits in gather: both tasks are queued"));
        QVERIFY(m_window->classroom().bookmarks().next());
        QCOMPARE(m_window->cursor()->cursor(), 25);
        QCOMPARE(banner->text(), QStringLiteral("Step 25: 2-end 先打印"));
        m_window->cursor()->setCursor(12);
        QVERIFY(!bar->isVisible());
        QVERIFY(banner->text().isEmpty());

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("notes.coroscope"));
        QVERIFY(m_window->saveTrace(path));
        TraceFileError error;
        const auto saved = readTraceFile(path.toStdString(), &error);
        QVERIFY2(saved, error.message.c_str());
        QCOMPARE(saved->annotations.size(), std::size_t(2));
        QCOMPARE(saved->annotations[1].note, std::string("2-end 先打印"));

        QVERIFY(m_window->runSample(QStringLiteral("gather-order"))); // a fresh run has none
        QVERIFY(QSignalSpy(m_window.get(), &MainWindow::traceShown).wait(10000)); // runs off the GUI thread
        QVERIFY(doc->annotations().empty());
        QSignalSpy shown(m_window.get(), &MainWindow::traceShown);
        m_window->openTrace(path);
        QVERIFY(shown.wait(5000));
        QCOMPARE(doc->annotations().size(), std::size_t(2));
        m_window->cursor()->setCursor(25);
        QCOMPARE(banner->text(), QStringLiteral("Step 25: 2-end 先打印"));
        doc->removeAnnotation(25);
        QVERIFY(!bar->isVisible());
    }

    void languageSwitchChangesMenusAndTimelineLabels()
    {
        const QImage englishLegend = legendImage(m_window->timeline());
        auto *axis = m_window->timeline()->plot()->axisRect()->axis(QCPAxis::atTop);
        QCOMPARE(axis->label(), QStringLiteral("step (one column per event)"));
        QVERIFY(m_window->setLanguage(QStringLiteral("zh_CN"), false));
        QCoreApplication::processEvents();
        QStringList menus;
        for (QAction *a : m_window->menuBar()->actions())
            menus << a->text();
        QCOMPARE(menus, (QStringList {"文件(&F)", "编辑(&E)", "视图(&V)", "运行(&R)", "帮助(&H)"}));
        // Drawn, not widgets: the legend ("running" → 运行中) and the axis title are redone.
        const QImage chineseLegend = legendImage(m_window->timeline());
        QVERIFY(chineseLegend != englishLegend);
        QCOMPARE(axis->label(), QCoreApplication::translate("Timeline", "step (one column per event)"));
        QVERIFY(m_window->setLanguage(QStringLiteral("en"), false));
        QCoreApplication::processEvents();
        const QImage back = legendImage(m_window->timeline());
        QCOMPARE(back.size(), englishLegend.size()); // (antialiasing may differ by a few pixels)
        QVERIFY(back != chineseLegend);
        QCOMPARE(axis->label(), QStringLiteral("step (one column per event)"));
        QCOMPARE(m_window->classroom().presentation().present->text(), QStringLiteral("&Present"));

        // Any translator installed later: the axis title and the legend follow at once.
        MarkerTranslator marker;
        QCoreApplication::installTranslator(&marker);
        QCoreApplication::processEvents();
        QCOMPARE(axis->label(), QStringLiteral("STEP-AXIS"));
        QVERIFY(legendImage(m_window->timeline()) != back);
        QCoreApplication::removeTranslator(&marker);
        QCoreApplication::processEvents();
        QCOMPARE(axis->label(), QStringLiteral("step (one column per event)"));
    }

private:
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestClassroom)
#include "tst_classroom.moc"
