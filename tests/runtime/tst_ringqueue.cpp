// The loop's ready queue: FIFO order across wrap-around and growth, captures dropped when popped.
#include "runtime/RingQueue.h"

#include <QTest>

#include <deque>
#include <functional>
#include <memory>

using namespace coroscope;

class TestRingQueue : public QObject
{
    Q_OBJECT
private slots:
    void fifoThroughWrapAroundAndGrowth()
    {
        RingQueue<int> q;
        std::deque<int> model;
        int next = 0;
        // Pushes outnumber pops, with the head moving: grows while the contents wrap.
        for (int round = 0; round < 2000; ++round) {
            for (int i = 0; i < 3; ++i) {
                q.push_back(next);
                model.push_back(next++);
            }
            for (int i = 0; i < 2 && !model.empty(); ++i) {
                QCOMPARE(q.front(), model.front());
                q.pop_front();
                model.pop_front();
            }
            QCOMPARE(q.size(), model.size());
        }
        for (std::size_t i = 0; i < model.size(); ++i)
            QCOMPARE(q[i], model[i]);
        while (!model.empty()) {
            QCOMPARE(q.front(), model.front());
            q.pop_front();
            model.pop_front();
        }
        QVERIFY(q.empty());
    }

    void popAndClearReleaseWhatItemsHold()
    {
        auto owned = std::make_shared<int>(7);
        RingQueue<std::function<void()>> q;
        q.push_back([owned] {});
        q.push_back([owned] {});
        QCOMPARE(owned.use_count(), 3);
        q.pop_front();
        QCOMPARE(owned.use_count(), 2);
        q.clear();
        QCOMPARE(owned.use_count(), 1);
        QVERIFY(q.empty());
    }
};

QTEST_APPLESS_MAIN(TestRingQueue)
#include "tst_ringqueue.moc"
