#pragma once

#include "trace/Trace.h"

#include <QObject>
#include <QString>

#include <memory>

namespace coroscope {

// The trace the window shows, shared read-only by every view. Replacing it is one signal; views
// rebuild what they derive from it (spans, rows, loop state) when it fires.
class TraceDocument : public QObject
{
    Q_OBJECT
public:
    explicit TraceDocument(QObject *parent = nullptr);

    const Trace &trace() const { return *m_trace; }
    bool isEmpty() const { return m_trace->events.empty(); }
    // Where it came from: a sample id ("gather-order") or a file path.
    QString origin() const { return m_origin; }
    // The sample the trace was recorded from (its metadata), or empty.
    QString sampleId() const;
    // What the program printed to stderr / why it stopped, or empty.
    QString error() const { return m_error; }

    void setTrace(Trace trace, const QString &origin, const QString &error = {});

signals:
    void traceChanged();

private:
    std::shared_ptr<const Trace> m_trace;
    QString m_origin;
    QString m_error;
};

} // namespace coroscope
