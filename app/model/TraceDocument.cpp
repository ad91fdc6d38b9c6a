#include "TraceDocument.h"

#include "samples/Samples.h"

namespace coroscope {

TraceDocument::TraceDocument(QObject *parent)
    : QObject(parent)
    , m_mutable(std::make_shared<Trace>())
    , m_trace(m_mutable)
{
}

QString TraceDocument::sampleId() const
{
    return QString::fromStdString(m_trace->metaValue("sample"));
}

QString TraceDocument::pythonVersion() const
{
    return m_pythonRun ? QString::fromStdString(m_trace->metaValue("python")) : QString();
}

QString TraceDocument::scriptPath() const
{
    return m_pythonRun && !m_sample ? QString::fromStdString(m_trace->metaValue("script")) : QString();
}

void TraceDocument::setTrace(Trace trace, const QString &origin, const QString &error)
{
    m_mutable = std::make_shared<Trace>(std::move(trace));
    m_trace = m_mutable;
    m_sample = findSample(m_trace->metaValue("sample"));
    m_pythonRun = m_trace->metaValue("runtime") == "cpython";
    m_pythonSource.clear();
    m_pythonFile.clear();
    std::string primary = m_sample ? std::string(m_sample->cppFile) : std::string();
    if (m_pythonRun) {
        const std::string script = m_trace->metaValue("script");
        const auto slash = script.find_last_of('/');
        primary = slash == std::string::npos ? script : script.substr(slash + 1);
        m_pythonFile = QString::fromStdString(primary);
        m_pythonSource = QString::fromStdString(m_trace->metaValue("script-text"));
        if (m_pythonSource.isEmpty() && m_sample) {
            const auto text = pythonMirror(*m_sample);
            m_pythonSource = QString::fromUtf8(text.data(), qsizetype(text.size()));
        }
    }
    m_index.build(*m_trace, primary);
    m_origin = origin;
    m_error = error;
    emit traceChanged();
}

const Annotation *TraceDocument::annotationAt(qint64 seq) const
{
    return seq >= 0 && seq < eventCount() ? m_trace->annotationAt(std::uint32_t(seq)) : nullptr;
}

void TraceDocument::setAnnotation(qint64 seq, const QString &note)
{
    if (seq < 0 || seq >= eventCount())
        return;
    QByteArray utf8 = note.trimmed().toUtf8();
    if (std::size_t(utf8.size()) > MaxAnnotationBytes) {
        // Cut at a character boundary: the file format refuses broken UTF-8.
        QString cut = note.trimmed();
        while (std::size_t(cut.toUtf8().size()) > MaxAnnotationBytes)
            cut.chop(1);
        utf8 = cut.toUtf8();
    }
    m_mutable->setAnnotation({std::uint32_t(seq), utf8.toStdString()});
    emit annotationsChanged();
}

void TraceDocument::removeAnnotation(qint64 seq)
{
    if (seq >= 0 && m_mutable->removeAnnotation(std::uint32_t(seq)))
        emit annotationsChanged();
}

} // namespace coroscope
