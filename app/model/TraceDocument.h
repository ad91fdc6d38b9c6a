#pragma once

#include "model/TraceIndex.h"
#include "trace/Trace.h"

#include <QObject>
#include <QString>

#include <memory>

namespace coroscope {

struct Sample;

// The trace the window shows, shared read-only by every view. Replacing it is one signal; views
// rebuild what they derive from it (spans, rows, loop state) when it fires.
class TraceDocument : public QObject
{
    Q_OBJECT
public:
    explicit TraceDocument(QObject *parent = nullptr);

    const Trace &trace() const { return *m_trace; }
    // The same trace, for a view that wants to keep it alive on its own (a LoopStateTracker holds a
    // reference to the trace it replays).
    std::shared_ptr<const Trace> sharedTrace() const { return m_trace; }
    bool isEmpty() const { return m_trace->events.empty(); }
    qint64 eventCount() const { return qint64(m_trace->events.size()); }
    // Where it came from: a sample id ("gather-order") or a file path.
    QString origin() const { return m_origin; }
    // The sample the trace was recorded from (its metadata), or empty.
    QString sampleId() const;
    // That sample in the registry, or null (unknown id, or a trace without the metadata).
    const Sample *sample() const { return m_sample; }
    // What the program printed to stderr / why it stopped, or empty.
    QString error() const { return m_error; }
    // The run is a Python program on CPython (a script, or a sample's mirror), traced: its source
    // lines are the Python program's, and the C++ port (if any) follows them through its markers.
    bool isPythonRun() const { return m_pythonRun; }
    // The Python program's text and file name as it ran (a script's, or the sample's mirror), or empty.
    QString pythonSource() const { return m_pythonSource; }
    QString pythonFile() const { return m_pythonFile; }
    // The Python version the run was traced on, as the tracer recorded it ("3.12.1"), or empty.
    QString pythonVersion() const;
    // A script traced from a file, not a sample: its path (runs again from there), or empty.
    QString scriptPath() const;
    // Lookups derived from the trace once (console lines, source lines, breakpoint hits).
    const TraceIndex &index() const { return m_index; }

    void setTrace(Trace trace, const QString &origin, const QString &error = {});

    // Bookmarks with notes on steps (Trace::annotations): they change without a new trace, so the
    // views keep what they derived; they are saved with the trace.
    const std::vector<Annotation> &annotations() const { return m_trace->annotations; }
    const Annotation *annotationAt(qint64 seq) const;
    // An empty note keeps a bare bookmark. Ignored for a seq outside the trace.
    void setAnnotation(qint64 seq, const QString &note);
    void removeAnnotation(qint64 seq);

signals:
    void traceChanged();
    void annotationsChanged();

private:
    std::shared_ptr<Trace> m_mutable; // the same object as m_trace: only its annotations change
    std::shared_ptr<const Trace> m_trace;
    TraceIndex m_index;
    const Sample *m_sample = nullptr;
    QString m_origin;
    QString m_error;
    QString m_pythonSource, m_pythonFile;
    bool m_pythonRun = false;
};

} // namespace coroscope
