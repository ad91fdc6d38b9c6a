// PlaybackController: play to the end, breakpoints stop play at their line, run to next output.
#include "model/CursorController.h"
#include "model/PlaybackController.h"
#include "model/TraceDocument.h"
#include "samples/Samples.h"

#include <QSignalSpy>
#include <QTest>

using namespace coroscope;

class TestPlayback : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void playsToTheEnd();
    void breakpointStopsPlay();
    void breakpointOnTwoLines();
    void playFromABreakpointMovesOn();
    void runToNextOutput();
    void runToNextBreakpoint();
    void speed();
    void newTracePauses();

private:
    std::unique_ptr<TraceDocument> m_doc;
    std::unique_ptr<CursorController> m_cursor;
    std::unique_ptr<PlaybackController> m_playback;
};

void TestPlayback::init()
{
    m_playback.reset();
    m_doc = std::make_unique<TraceDocument>();
    m_cursor = std::make_unique<CursorController>();
    m_playback = std::make_unique<PlaybackController>(m_doc.get(), m_cursor.get());
    m_doc->setTrace(runSample(*findSample("gather-order")).trace, QStringLiteral("gather-order"));
    m_cursor->setEventCount(m_doc->eventCount());
    m_playback->setSpeed(1000);
}

void TestPlayback::playsToTheEnd()
{
    QSignalSpy playing(m_playback.get(), &PlaybackController::playingChanged);
    QSignalSpy end(m_playback.get(), &PlaybackController::reachedEnd);
    QSignalSpy moved(m_cursor.get(), &CursorController::cursorChanged);
    m_playback->play();
    QVERIFY(m_playback->isPlaying());
    QVERIFY(end.wait(3000));
    QVERIFY(!m_playback->isPlaying());
    QCOMPARE(m_cursor->cursor(), 44);
    QCOMPARE(moved.count(), 45); // -1 -> 0 -> ... -> 44, one event at a time
    QCOMPARE(playing.count(), 2);
    // Play at the end starts again from the beginning.
    m_playback->play();
    QCOMPARE(m_cursor->cursor(), -1);
    m_playback->pause();
}

void TestPlayback::breakpointStopsPlay()
{
    // Line 17 of s_gather_order.cpp: `co_await sleep(1);` in task2.
    m_playback->toggleBreakpoint(17);
    QSignalSpy hit(m_playback.get(), &PlaybackController::breakpointHit);
    m_playback->play();
    QVERIFY(hit.wait(3000));
    QVERIFY(!m_playback->isPlaying());
    QCOMPARE(m_cursor->cursor(), 18); // task2 arms its timer on line 17
    QCOMPARE(hit.first().at(0).toLongLong(), 18);
    QCOMPARE(hit.first().at(1).toInt(), 17);
    QCOMPARE(m_doc->index().ownLine(m_cursor->cursor()), 17);
    QCOMPARE(m_doc->index().sourceLineAt(m_cursor->cursor()).line, 17);
}

void TestPlayback::breakpointOnTwoLines()
{
    m_playback->setBreakpoint(10, true); // co_await sleep(2) in task1
    m_playback->setBreakpoint(17, true);
    QSignalSpy hit(m_playback.get(), &PlaybackController::breakpointHit);
    m_playback->play();
    QVERIFY(hit.wait(3000));
    QCOMPARE(m_cursor->cursor(), 14);
    m_playback->play();
    QVERIFY(hit.wait(3000));
    QCOMPARE(m_cursor->cursor(), 18);
    QSignalSpy end(m_playback.get(), &PlaybackController::reachedEnd);
    m_playback->play();
    QVERIFY(end.wait(3000));
    QCOMPARE(hit.count(), 2);
}

void TestPlayback::playFromABreakpointMovesOn()
{
    m_playback->setBreakpoint(17, true);
    m_cursor->setCursor(18); // standing on the hit: play goes on, and line 17's suspend does not stop it
    QSignalSpy hit(m_playback.get(), &PlaybackController::breakpointHit);
    QSignalSpy end(m_playback.get(), &PlaybackController::reachedEnd);
    m_playback->play();
    QVERIFY(end.wait(3000));
    QCOMPARE(hit.count(), 0);
    m_playback->setBreakpoint(17, false);
    QVERIFY(m_playback->breakpoints().empty());
}

void TestPlayback::runToNextOutput()
{
    std::vector<qint64> stops;
    while (m_playback->runToNextOutput())
        stops.push_back(m_cursor->cursor());
    QCOMPARE(stops, (std::vector<qint64>{13, 17, 25, 34}));
    QCOMPARE(m_cursor->cursor(), 34); // no more output: stays
}

void TestPlayback::runToNextBreakpoint()
{
    QVERIFY(!m_playback->runToNextBreakpoint());
    QCOMPARE(m_cursor->cursor(), -1);
    m_playback->setBreakpoint(23, true); // co_await gather(...)
    m_playback->setBreakpoint(28, true); // run(main())
    QVERIFY(m_playback->runToNextBreakpoint());
    QCOMPARE(m_cursor->cursor(), 2);
    QVERIFY(m_playback->runToNextBreakpoint());
    QCOMPARE(m_cursor->cursor(), 11);
    QVERIFY(!m_playback->runToNextBreakpoint());
    QCOMPARE(m_cursor->cursor(), 11);
}

void TestPlayback::speed()
{
    QSignalSpy changed(m_playback.get(), &PlaybackController::speedChanged);
    m_playback->setSpeed(8);
    QCOMPARE(m_playback->speed(), 8);
    m_playback->setSpeed(8);
    QCOMPARE(changed.count(), 1);
    m_playback->setSpeed(0);
    QCOMPARE(m_playback->speed(), 1);
    QVERIFY(std::is_sorted(PlaybackController::speedSteps().begin(), PlaybackController::speedSteps().end()));
}

void TestPlayback::newTracePauses()
{
    m_playback->setSpeed(1);
    m_playback->play();
    QVERIFY(m_playback->isPlaying());
    m_playback->setBreakpoint(17, true);
    m_doc->setTrace(runSample(*findSample("gather-order")).trace, QStringLiteral("gather-order"));
    QVERIFY(!m_playback->isPlaying());
    QCOMPARE(m_playback->breakpoints(), (std::set<int>{17})); // same sample: kept
    m_doc->setTrace(runSample(*findSample("gen-send")).trace, QStringLiteral("gen-send"));
    QVERIFY(m_playback->breakpoints().empty());
}

QTEST_GUILESS_MAIN(TestPlayback)
#include "tst_playback.moc"
