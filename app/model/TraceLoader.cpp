#include "TraceLoader.h"

#include "pytrace/ScriptRun.h"
#include "samples/Samples.h"
#include "trace/ChromeTrace.h"
#include "trace/TraceFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QSaveFile>
#include <QTemporaryDir>

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <chrono>
#include <cstring>

namespace coroscope {

TraceLoader::TraceLoader(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<TraceLoadResult>();
}

TraceLoader::~TraceLoader()
{
    if (m_stop)
        m_stop->store(true);
    if (m_watcher) {
        m_watcher->disconnect(this);
        m_watcher->cancel();
        m_watcher->waitForFinished();
    }
    // A dropped script job still holds this loader to hand its partial traces to: it was stopped
    // when it was dropped and ends in a moment.
    for (auto &f : m_dropped)
        f.waitForFinished();
}

TraceLoadResult TraceLoader::readFile(const QString &path, const std::function<bool(int percent)> &progress)
{
    TraceLoadResult result;
    result.origin = path;
    result.isFile = true;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = file.errorString();
        return result;
    }
    const qint64 size = file.size();
    // A native trace's framing is checked before anything is read: a multi-gigabyte file that cannot
    // be one is refused at once, with the position, instead of being read into memory first.
    if (char first[8]; file.peek(first, 8) == 8 && looksLikeNativeTrace(std::string_view(first, 8))) {
        TraceFileError framing;
        if (!checkTraceFileFraming(QFile::encodeName(path).toStdString(), &framing)) {
            result.error = QString::fromStdString(framing.message);
            result.offset = framing.offset;
            result.hasOffset = true;
            return result;
        }
    }
    std::string bytes;
    bytes.reserve(std::size_t(std::clamp<qint64>(size, 0, qint64(256) << 20))); // grows if it must
    constexpr qint64 chunk = 1 << 20;
    std::string buffer(std::size_t(chunk), '\0');
    for (;;) {
        const qint64 n = file.read(buffer.data(), chunk);
        if (n < 0) {
            result.error = file.errorString();
            return result;
        }
        if (n == 0)
            break;
        // JSON holds no NUL byte and a native trace has been framed already: a NUL here in a JSON
        // file (a sparse or zero-filled one, perhaps gigabytes long) ends the read, and the parser
        // names the position.
        if (const void *nul = std::memchr(buffer.data(), 0, std::size_t(n)); nul
            && !looksLikeNativeTrace(bytes.empty() ? std::string_view(buffer.data(), std::size_t(n))
                                                   : bytes)) {
            bytes.append(buffer.data(), std::size_t(static_cast<const char *>(nul) - buffer.data()) + 1);
            break;
        }
        bytes.append(buffer.data(), std::size_t(n));
        const int percent = size > 0 ? int(std::min<qint64>(100, qint64(bytes.size()) * 100 / size)) : 100;
        if (progress && !progress(percent)) {
            result.status = TraceLoadResult::Status::Canceled;
            return result;
        }
    }
    TraceFileError error;
    // Sniffed by content, not by name: Chrome Trace Event JSON starts with '{' or '['.
    const bool json = !looksLikeNativeTrace(bytes) && looksLikeChromeTrace(std::string_view(bytes).substr(0, 4096));
    auto trace = json ? parseChromeTrace(bytes, &error) : parseTrace(bytes, &error);
    if (!trace) {
        result.error = QString::fromStdString(error.message);
        result.offset = error.offset;
        result.hasOffset = true;
        return result;
    }
    result.status = TraceLoadResult::Status::Loaded;
    result.trace = std::make_shared<Trace>(std::move(*trace));
    return result;
}

TraceLoadResult TraceLoader::runSampleNow(const QString &id, const std::atomic<bool> *stop)
{
    TraceLoadResult result;
    result.origin = id;
    const Sample *sample = findSample(id.toStdString());
    if (!sample) {
        result.error = tr("There is no sample \"%1\".").arg(id);
        return result;
    }
    RunOptions options;
    options.clock = sample->clock;
    options.stop = stop;
    RunResult run = coroscope::runSample(*sample, options);
    result.status = TraceLoadResult::Status::Loaded;
    result.error = QString::fromStdString(run.error);
    result.trace = std::make_shared<Trace>(std::move(run.trace));
    return result;
}

TraceLoadResult TraceLoader::runScriptNow(const QString &path, const QString &sampleId, ClockMode clock,
                                          const std::atomic<bool> *stop, std::function<void(const Trace &)> progress,
                                          const std::vector<std::pair<std::string, std::string>> &metadata)
{
    TraceLoadResult result;
    result.origin = sampleId.isEmpty() ? path : sampleId;
    result.isFile = sampleId.isEmpty();
    result.isScript = true;
    ScriptOptions options;
    options.python = QFile::encodeName(python()).toStdString();
    options.clock = clock;
    options.stop = stop;
    options.progress = std::move(progress);
    if (!sampleId.isEmpty())
        options.metadata.emplace_back("sample", sampleId.toStdString());
    options.metadata.insert(options.metadata.end(), metadata.begin(), metadata.end());
    // Stop is at hand in the window: the limit only catches a script that runs away unseen.
    options.timeLimitSeconds = 600;
    ScriptRun run = coroscope::runScript(QFile::encodeName(path).toStdString(), options);
    auto &trace = run.result.trace;
    QString printed;
    for (const auto &report : run.result.errorOutput)
        printed += QString::fromStdString(report) + QLatin1Char('\n');
    result.error = QString::fromStdString(run.result.error);
    // A script that could not start (missing, no python3, a SyntaxError) has no run to show: the
    // window keeps the one it shows, and marks the line.
    if (run.syntaxError || trace.lanes.empty()) {
        result.status = TraceLoadResult::Status::Failed;
        result.errorLine = run.errorLine;
        result.errorColumn = run.errorColumn;
        result.details = printed.trimmed();
        return result;
    }
    result.status = TraceLoadResult::Status::Loaded;
    result.trace = std::make_shared<Trace>(std::move(trace));
    return result;
}

namespace {
QMutex pythonMutex;
QString pythonChosen; // guarded by pythonMutex: runs read it on their worker threads
} // namespace

void TraceLoader::setPython(const QString &path)
{
    QMutexLocker lock(&pythonMutex);
    pythonChosen = path;
}

QString TraceLoader::python()
{
    QMutexLocker lock(&pythonMutex);
    return pythonChosen;
}

QString TraceLoader::mirrorPath(const QString &sampleId)
{
    const Sample *sample = findSample(sampleId.toStdString());
    if (!sample)
        return {};
    static QTemporaryDir mirrors(QDir::temp().filePath(QStringLiteral("coroscope-mirrors-XXXXXX")));
    if (!mirrors.isValid())
        return {};
    const QString path = mirrors.filePath(QString::fromStdString(sample->pythonFile()));
    if (!QFileInfo::exists(path)) {
        const auto text = pythonMirror(*sample);
        QSaveFile out(path);
        if (!out.open(QIODevice::WriteOnly) || out.write(text.data(), qint64(text.size())) != qint64(text.size())
            || !out.commit())
            return {};
    }
    return path;
}

void TraceLoader::runScript(const QString &path, const QString &sampleId, ClockMode clock, Metadata metadata)
{
    auto stop = std::make_shared<std::atomic<bool>>(false);
    // The partial traces go to the window one at a time: the next is taken only once it has
    // shown the last, so a fast-growing trace never queues up copies.
    auto inFlight = std::make_shared<std::atomic<bool>>(false);
    const quint64 generation = m_generation + 1;
    const QString origin = sampleId.isEmpty() ? path : sampleId;
    auto job = [this, path, sampleId, clock, stop, inFlight, generation, origin,
                metadata = std::move(metadata)](QPromise<TraceLoadResult> &promise) {
        promise.setProgressRange(0, 0);
        auto last = std::chrono::steady_clock::now();
        auto progress = [&](const Trace &trace) {
            const auto now = std::chrono::steady_clock::now();
            if (trace.lanes.empty() || now - last < std::chrono::milliseconds(250) || inFlight->exchange(true))
                return; // (nothing runs yet: a script that does not compile has no lanes at all)
            last = now;
            auto copy = std::make_shared<const Trace>(trace);
            QMetaObject::invokeMethod(
                this,
                [this, copy, inFlight, generation, origin] {
                    if (generation == m_generation)
                        emit partial(origin, copy);
                    inFlight->store(false);
                },
                Qt::QueuedConnection);
        };
        promise.addResult(runScriptNow(path, sampleId, clock, stop.get(), progress, metadata));
    };
    start(origin, QtConcurrent::run(job), true);
    m_stop = std::move(stop);
}

void TraceLoader::stop()
{
    if (m_stop)
        m_stop->store(true);
}

void TraceLoader::loadFile(const QString &path)
{
    auto job = [path](QPromise<TraceLoadResult> &promise) {
        promise.setProgressRange(0, 100);
        auto result = readFile(path, [&promise](int percent) {
            promise.setProgressValue(percent);
            return !promise.isCanceled();
        });
        promise.setProgressRange(0, 0); // parsing: no estimate
        promise.addResult(std::move(result));
    };
    start(path, QtConcurrent::run(job));
}

void TraceLoader::runSample(const QString &id)
{
    auto stop = std::make_shared<std::atomic<bool>>(false);
    auto job = [id, stop](QPromise<TraceLoadResult> &promise) {
        promise.setProgressRange(0, 0);
        promise.addResult(runSampleNow(id, stop.get()));
    };
    start(id, QtConcurrent::run(job));
    m_stop = std::move(stop);
}

void TraceLoader::runProgram(const QString &origin, std::function<void()> module, RunOptions options)
{
    auto stop = std::make_shared<std::atomic<bool>>(false);
    auto job = [origin, module = std::move(module), options = std::move(options),
                stop](QPromise<TraceLoadResult> &promise) mutable {
        promise.setProgressRange(0, 0);
        options.stop = stop.get();
        RunResult run = coroscope::runProgram(module, std::move(options));
        TraceLoadResult result;
        result.origin = origin;
        result.status = stop->load() ? TraceLoadResult::Status::Canceled : TraceLoadResult::Status::Loaded;
        result.error = QString::fromStdString(run.error);
        result.trace = std::make_shared<Trace>(std::move(run.trace));
        promise.addResult(std::move(result));
    };
    start(origin, QtConcurrent::run(std::move(job)));
    m_stop = std::move(stop);
}

void TraceLoader::start(const QString &origin, QFuture<TraceLoadResult> future, bool script)
{
    if (m_stop)
        m_stop->store(true); // a run still going stops at its next safe point
    m_stop.reset();
    if (m_watcher) {
        // A job still running is dropped: it finishes on its own, and nobody listens to it any more.
        m_watcher->disconnect(this);
        m_watcher->cancel();
        if (m_script)
            m_dropped.push_back(m_watcher->future());
        m_watcher->deleteLater();
        std::erase_if(m_dropped, [](const QFuture<TraceLoadResult> &f) { return f.isFinished(); });
    }
    m_origin = origin;
    m_script = script;
    ++m_generation;
    auto *watcher = new QFutureWatcher<TraceLoadResult>(this);
    m_watcher = watcher;
    connect(watcher, &QFutureWatcher<TraceLoadResult>::finished, this, [this, watcher] { onFinished(watcher); });
    connect(watcher, &QFutureWatcher<TraceLoadResult>::progressValueChanged, this, [this, watcher](int value) {
        emit progressChanged(watcher->progressMaximum() > 0 ? value : -1);
    });
    // The future first: a listener of `started` asks isScriptRunning(), which a watcher without its
    // future answers "finished" (the window then put a modal progress dialog over a running script).
    // Its finished signal is posted, so it still comes after `started`.
    watcher->setFuture(future);
    emit started(origin);
}

void TraceLoader::cancel()
{
    if (m_stop)
        m_stop->store(true);
    if (m_watcher && !m_script) // a script's run ends on its own, with what arrived
        m_watcher->cancel();
}

void TraceLoader::waitForFinished()
{
    if (m_watcher)
        m_watcher->waitForFinished();
}

void TraceLoader::onFinished(QFutureWatcher<TraceLoadResult> *watcher)
{
    TraceLoadResult result;
    QFuture<TraceLoadResult> future = watcher->future();
    if (future.isCanceled() || future.resultCount() == 0) {
        result.status = TraceLoadResult::Status::Canceled;
        result.origin = m_origin;
    } else {
        result = future.takeResult();
    }
    if (watcher == m_watcher) {
        m_watcher = nullptr;
        watcher->deleteLater();
    }
    emit finished(result);
}

} // namespace coroscope
