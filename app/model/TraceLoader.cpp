#include "TraceLoader.h"

#include "samples/Samples.h"
#include "trace/ChromeTrace.h"
#include "trace/TraceFile.h"

#include <QFile>

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
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

void TraceLoader::start(const QString &origin, QFuture<TraceLoadResult> future)
{
    if (m_stop)
        m_stop->store(true); // a run still going stops at its next safe point
    m_stop.reset();
    if (m_watcher) {
        // A job still running is dropped: it finishes on its own, and nobody listens to it any more.
        m_watcher->disconnect(this);
        m_watcher->cancel();
        m_watcher->deleteLater();
    }
    m_origin = origin;
    auto *watcher = new QFutureWatcher<TraceLoadResult>(this);
    m_watcher = watcher;
    connect(watcher, &QFutureWatcher<TraceLoadResult>::finished, this, [this, watcher] { onFinished(watcher); });
    connect(watcher, &QFutureWatcher<TraceLoadResult>::progressValueChanged, this, [this, watcher](int value) {
        emit progressChanged(watcher->progressMaximum() > 0 ? value : -1);
    });
    emit started(origin);
    watcher->setFuture(future);
}

void TraceLoader::cancel()
{
    if (m_stop)
        m_stop->store(true);
    if (m_watcher)
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
