// The web page derives what it draws from the run in JS (app/web/src/model): spans, arrows, groups,
// lane looks, the loop's state, source lines. This test holds it to the window's C++ for every sample of
// the gallery and a CPython run: it writes each run as the page embeds it (webRunJson) beside what
// TimelineLayout, TimelineLanes, TimelineStyle, LaneGroupActivity, LoopStateTracker and TraceIndex
// say, then app/web/test/agreement.mjs computes the same in Node.js and compares, event by event.
#include "model/TraceIndex.h"
#include "pytrace/ScriptRun.h"
#include "samples/Samples.h"
#include "timeline/LaneGroupActivity.h"
#include "timeline/TimelineLanes.h"
#include "timeline/TimelineLayout.h"
#include "timeline/TimelineStyle.h"
#include "trace/LoopState.h"
#include "web/WebRunData.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace coroscope;

namespace {

// The heights and view the lanes are arranged for, on both sides.
const LaneHeights kHeights {60, 22, 4, 48};
constexpr int kViewHeight = 600;

QString hexOf(const QColor &c)
{
    return QStringLiteral("#%1").arg(c.rgb() & 0xffffff, 6, 16, QLatin1Char('0'));
}

QString patternName(Qt::BrushStyle s)
{
    switch (s) {
    case Qt::BDiagPattern: return QStringLiteral("BDiagPattern");
    case Qt::FDiagPattern: return QStringLiteral("FDiagPattern");
    case Qt::HorPattern: return QStringLiteral("HorPattern");
    case Qt::VerPattern: return QStringLiteral("VerPattern");
    case Qt::DiagCrossPattern: return QStringLiteral("DiagCrossPattern");
    case Qt::CrossPattern: return QStringLiteral("CrossPattern");
    case Qt::Dense6Pattern: return QStringLiteral("Dense6Pattern");
    default: return QStringLiteral("other");
    }
}

// The steps compared: all of them in a small run, some thousand spread over a large one.
std::vector<std::int64_t> sampledSteps(std::size_t n)
{
    std::vector<std::int64_t> steps {-1};
    const std::size_t stride = n <= 3000 ? 1 : n / 1500;
    for (std::size_t s = 0; s < n; s += stride)
        steps.push_back(std::int64_t(s));
    if (n > 0 && steps.back() != std::int64_t(n - 1))
        steps.push_back(std::int64_t(n - 1));
    return steps;
}

QJsonObject reference(const Trace &trace, const std::string &primaryFile)
{
    QJsonObject ref;
    TimelineLayout layout(trace);
    QJsonArray rows;
    for (const TimelineRow &row : layout.rows()) {
        QJsonArray spans;
        for (const TimelineSpan &s : row.spans)
            spans.append(QJsonArray {qint64(s.begin), qint64(s.end), qint64(s.label), s.owner == NoLane ? -1 : qint64(s.owner),
                                     int(s.state), s.open, s.endsBeforeJump, s.beginsBeforeJump});
        QJsonArray outputs;
        for (auto o : row.outputs)
            outputs.append(qint64(o));
        rows.append(QJsonObject {{"lane", qint64(row.lane)}, {"spans", spans}, {"events", qint64(row.events.size())},
                                 {"outputs", outputs}});
    }
    ref["rows"] = rows;
    // Level of detail, as a 900-pixel-wide view of the whole run draws it: narrow spans merged, with
    // their running share (the merged colour), on both axes.
    QJsonArray lod;
    std::vector<LodSpan> merged;
    for (const TimelineAxis axis : {TimelineAxis::Steps, TimelineAxis::Time}) {
        const XRange data = layout.dataRange(axis);
        const double width = std::max(data.width(), axis == TimelineAxis::Steps ? 6.0 : 1e-6);
        const XRange range {data.start - 0.05 * width, data.end + 0.05 * width};
        const double ppu = 900 / range.width();
        for (int r = 0; r < layout.rowCount(); ++r) {
            layout.lodSpans(r, range, axis, ppu, 2.5, merged);
            QJsonArray spans;
            for (const LodSpan &l : merged)
                spans.append(QJsonArray {l.start, l.end, qint64(l.first), qint64(l.count), double(l.busy)});
            lod.append(spans);
        }
    }
    ref["lod"] = lod;
    QJsonArray arrows;
    for (const TimelineArrow &a : layout.arrows())
        arrows.append(QJsonArray {qint64(a.from), qint64(a.to), int(a.kind)});
    ref["arrows"] = arrows;

    TimelineLanes lanes;
    lanes.build(layout, LaneGrouping::Auto);
    lanes.collapseToFit(kHeights, kViewHeight);
    lanes.arrange(kHeights, kViewHeight, -1);
    QJsonArray groups;
    for (const LaneGroup &g : lanes.groups()) {
        QJsonArray members;
        for (int r : g.rows)
            members.append(r);
        groups.append(QJsonObject {{"title", QString::fromStdString(g.title)}, {"rows", members}, {"collapsed", g.collapsed}});
    }
    ref["groups"] = groups;
    QJsonArray drawn;
    for (const LaneRow &r : lanes.rows())
        drawn.append(QJsonArray {int(r.kind), r.index, r.group, r.top, r.height});
    ref["drawn"] = drawn;
    ref["density"] = lanes.effectiveDensity() == LaneDensity::Roomy ? "roomy" : "compact";

    TimelineStyle style;
    std::vector<int> lookGroup(trace.lanes.size(), -1);
    for (int r = 0; r < layout.rowCount(); ++r)
        lookGroup[layout.row(r).lane] = lanes.groupOfRow(r);
    style.assignLanes(trace, &lookGroup);
    QJsonArray looks;
    for (std::uint32_t lane = 0; lane < trace.lanes.size(); ++lane) {
        const LaneLook &l = style.look(lane);
        looks.append(QJsonArray {hexOf(l.solid), hexOf(l.light), hexOf(l.hatch), patternName(l.pattern)});
    }
    ref["looks"] = looks;

    TraceIndex index;
    index.build(trace, primaryFile);
    QJsonArray lines;
    for (std::size_t s = 0; s < trace.events.size(); ++s) {
        const auto l = index.sourceLineAt(std::int64_t(s));
        lines.append(QJsonArray {l.line, l.exact});
    }
    ref["lines"] = lines;

    std::vector<LaneGroupActivity> activities;
    for (const LaneGroup &g : lanes.groups())
        activities.emplace_back(layout, g.rows);
    LoopStateTracker tracker(trace, 64); // checkpoints do not change the answers: a small interval tests them
    QJsonArray steps, loop, laneStates, counts;
    for (const std::int64_t seq : sampledSteps(trace.events.size())) {
        steps.append(qint64(seq));
        QJsonObject state;
        if (seq >= 0) {
            const LoopState &s = tracker.at(std::uint32_t(seq));
            QJsonArray ready, timers, primitives;
            for (const auto &r : s.ready)
                ready.append(QJsonArray {qint64(r.lane), qint64(r.name)});
            for (const auto &t : s.timers)
                timers.append(QJsonArray {qint64(t.lane), qint64(t.due), qint64(t.name), qint64(t.armEvent)});
            for (const auto &p : s.primitives) {
                QJsonArray holders, waiters;
                for (auto h : p.holders)
                    holders.append(qint64(h));
                for (const auto &w : p.waiters)
                    waiters.append(QJsonArray {qint64(w.lane), w.woken});
                primitives.append(QJsonArray {QString::fromStdString(p.name), QString::fromStdString(p.kind), holders,
                                              waiters, p.value, p.parties, p.set, QString::fromStdString(p.lock)});
            }
            state = QJsonObject {{"ready", ready}, {"timers", timers}, {"primitives", primitives},
                                 {"running", s.running == NoLane ? -1 : qint64(s.running)}, {"clock", qint64(s.clock)}};
        }
        loop.append(state);
        QJsonArray states;
        for (int r = 0; r < layout.rowCount(); ++r)
            states.append(int(layout.laneStateAt(r, seq)));
        laneStates.append(states);
        QJsonArray groupCounts;
        for (const auto &a : activities) {
            const auto c = a.at(seq);
            groupCounts.append(QJsonArray {qint64(c.pending), qint64(c.running), qint64(c.waiting), qint64(c.done)});
        }
        counts.append(groupCounts);
    }
    ref["steps"] = steps;
    ref["loop"] = loop;
    ref["laneStates"] = laneStates;
    ref["counts"] = counts;
    ref["primaryFile"] = QString::fromStdString(primaryFile);
    return ref;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

class TestWebAgreement : public QObject
{
    Q_OBJECT
private slots:
    void jsAgreesWithTheWindow()
    {
        const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
        if (node.isEmpty()) {
            if (qEnvironmentVariableIsSet("COROSCOPE_REQUIRE_BROWSER"))
                QFAIL("no node on PATH (./run.sh installs nodejs)");
            QSKIP("no node on PATH: the page's JS cannot be checked here (./run.sh installs nodejs)");
        }
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        int runs = 0;
        auto add = [&](const QString &name, const Trace &trace, const std::string &primaryFile) {
            QVERIFY2(writeFile(dir.filePath(name + ".run.json"), QByteArray::fromStdString(webRunJson(trace))),
                     qPrintable(name));
            QVERIFY(writeFile(dir.filePath(name + ".ref.json"),
                              QJsonDocument(reference(trace, primaryFile)).toJson(QJsonDocument::Compact)));
            ++runs;
        };
        for (const Sample &sample : sampleList()) {
            const RunResult result = runSample(sample);
            add(QString::fromUtf8(sample.id.data(), qsizetype(sample.id.size())), result.trace, std::string(sample.cppFile));
        }
        // A CPython run: its lines are the script's.
        if (!QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty()) {
            const QString script = dir.filePath(QStringLiteral("gather-order.py"));
            const auto mirror = pythonMirror(*findSample("gather-order"));
            QVERIFY(writeFile(script, QByteArray(mirror.data(), qsizetype(mirror.size()))));
            const ScriptRun run = runScript(script.toStdString());
            QVERIFY2(run.result.ok(), run.result.error.c_str());
            add(QStringLiteral("cpython-gather-order"), run.result.trace, "gather-order.py");
        }
        QProcess check;
        check.setProcessChannelMode(QProcess::MergedChannels);
        check.start(node, {QStringLiteral(COROSCOPE_SOURCE_DIR "/app/web/test/agreement.mjs"), dir.path()});
        QVERIFY(check.waitForFinished(240'000));
        const QString out = QString::fromUtf8(check.readAll());
        qInfo().noquote() << out.trimmed();
        QVERIFY2(check.exitStatus() == QProcess::NormalExit && check.exitCode() == 0, qPrintable(out));
        QVERIFY(out.contains(QStringLiteral("%1 runs agree").arg(runs)));
    }
};

QTEST_MAIN(TestWebAgreement)
#include "tst_webagreement.moc"
