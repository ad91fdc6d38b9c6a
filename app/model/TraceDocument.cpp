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

void TraceDocument::setTrace(Trace trace, const QString &origin, const QString &error)
{
    m_mutable = std::make_shared<Trace>(std::move(trace));
    m_trace = m_mutable;
    m_sample = findSample(m_trace->metaValue("sample"));
    m_index.build(*m_trace, m_sample ? m_sample->cppFile : std::string_view());
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
