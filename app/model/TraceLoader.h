#pragma once

#include "runtime/Program.h"
#include "trace/Trace.h"

#include <QFutureWatcher>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace coroscope {

// What a background job hands back to the GUI thread, by value.
struct TraceLoadResult {
    enum class Status { Loaded, Failed, Canceled };
    Status status = Status::Failed;
    QString origin;                // the file path, or the sample id
    bool isFile = false;           // origin is a file path
    std::shared_ptr<Trace> trace;  // set when Loaded
    QString error;                 // Failed: why (the reader's message); Loaded: the run's own error, if any
    quint64 offset = 0;            // Failed: the byte offset the reader reported
    bool hasOffset = false;        // the failure came from the trace reader (not from opening the file)
    bool isScript = false;         // a Python program run on CPython (origin: its path, or the sample id)
    int errorLine = 0;             // Failed script: where its SyntaxError is (1-based; 0: unknown)
    int errorColumn = 0;
    QString details;               // Failed script: what Python printed (the error as python3 shows it)
};

// Reads a trace file, native or Chrome Trace Event JSON (or runs a sample), on a worker thread (QtConcurrent), reporting
// progress, and delivers the outcome as a TraceLoadResult through the queued `finished` signal.
// One job at a time: starting another cancels the first (its result is dropped).
class TraceLoader : public QObject
{
    Q_OBJECT
public:
    explicit TraceLoader(QObject *parent = nullptr);
    ~TraceLoader() override;

    bool isBusy() const { return m_watcher && !m_watcher->isFinished(); }

    // Reads `path` in chunks (progress 0-100 while reading, then parses).
    void loadFile(const QString &path);
    // Runs the sample `id` off the GUI thread (for real-clock samples, which take wall time).
    void runSample(const QString &id);
    // Runs any program off the GUI thread, a runaway one too: cancel() stops it at its next safe
    // point (RunOptions::stop), so the worker thread does not run on unseen.
    void runProgram(const QString &origin, std::function<void()> module, RunOptions options = {});
    // Runs a Python script on CPython under the tracer. While it runs, `partial` hands over the trace
    // so far (a long or endless script grows live); stop() ends it and keeps what arrived.
    // `sampleId`: the script is that sample's mirror (the trace says so, the panes show its port).
    // `metadata`: entries the trace starts with (Try It's "edit-of": what the script is an edit of).
    using Metadata = std::vector<std::pair<std::string, std::string>>;
    void runScript(const QString &path, const QString &sampleId = {}, ClockMode clock = ClockMode::Virtual,
                   Metadata metadata = {});
    // The interpreter every script runs on, app-wide (Run > Python Interpreter…): empty means
    // $COROSCOPE_PYTHON, else python3 on PATH. Read by each run as it starts.
    static void setPython(const QString &path);
    static QString python();
    // A sample's Python mirror as a file the tracer can run (written once per process, in a private
    // temporary folder), or empty when it cannot be written.
    static QString mirrorPath(const QString &sampleId);
    // Cancels the running job: `finished` then reports Canceled (a script: stop()).
    void cancel();
    // Ends a running script now: `finished` reports what arrived, cut short.
    void stop();
    bool isScriptRunning() const { return isBusy() && m_script; }
    // Blocks until the current job is done (tests, shutdown).
    void waitForFinished();

    // Synchronous forms, used by the jobs and by anyone already off the GUI thread.
    static TraceLoadResult readFile(const QString &path, const std::function<bool(int percent)> &progress);
    static TraceLoadResult runSampleNow(const QString &id, const std::atomic<bool> *stop = nullptr);
    // A script's run as the window takes it; `progress` sees the trace as it grows.
    static TraceLoadResult runScriptNow(const QString &path, const QString &sampleId, ClockMode clock,
                                        const std::atomic<bool> *stop = nullptr,
                                        std::function<void(const Trace &)> progress = {},
                                        const std::vector<std::pair<std::string, std::string>> &metadata = {});

signals:
    void started(const QString &origin);
    void progressChanged(int percent); // -1: no estimate (parsing, running)
    void finished(const coroscope::TraceLoadResult &result);
    // A running script's trace so far (at most every 250 ms, never more than the window takes).
    void partial(const QString &origin, std::shared_ptr<const coroscope::Trace> trace);

private:
    void start(const QString &origin, QFuture<TraceLoadResult> future, bool script = false);
    void onFinished(QFutureWatcher<TraceLoadResult> *watcher);

    QFutureWatcher<TraceLoadResult> *m_watcher = nullptr; // the current job's; a dropped job's is deleted
    std::shared_ptr<std::atomic<bool>> m_stop; // the current run's stop flag (shared with its job)
    QString m_origin;
    bool m_script = false;      // the current job runs a Python script
    quint64 m_generation = 0;   // the current job's number: a dropped job's partial traces are ignored
    std::vector<QFuture<TraceLoadResult>> m_dropped; // script jobs dropped for a newer one, not ended yet
};

} // namespace coroscope

Q_DECLARE_METATYPE(coroscope::TraceLoadResult)
