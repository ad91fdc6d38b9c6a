#include "TraceDocument.h"

#include "samples/Samples.h"

namespace coroscope {

TraceDocument::TraceDocument(QObject *parent)
    : QObject(parent)
    , m_trace(std::make_shared<const Trace>())
{
}

QString TraceDocument::sampleId() const
{
    return QString::fromStdString(m_trace->metaValue("sample"));
}

void TraceDocument::setTrace(Trace trace, const QString &origin, const QString &error)
{
    m_trace = std::make_shared<const Trace>(std::move(trace));
    m_sample = findSample(m_trace->metaValue("sample"));
    m_index.build(*m_trace, m_sample ? m_sample->cppFile : std::string_view());
    m_origin = origin;
    m_error = error;
    emit traceChanged();
}

} // namespace coroscope
