#include "SourceMap.h"

#include <QRegularExpression>

namespace coroscope {

SourceMap::SourceMap(std::string_view cppSource)
{
    static const QRegularExpression marker(QStringLiteral("\\s*//\\s*py:(\\d+)\\s*$"));
    QStringList lines = QString::fromUtf8(cppSource.data(), qsizetype(cppSource.size())).split(u'\n');
    if (!lines.isEmpty() && lines.last().isEmpty()) // the file's final newline is not a line
        lines.removeLast();
    m_pyLine.reserve(std::size_t(lines.size()));
    for (QString &line : lines) {
        if (line.endsWith(u'\r'))
            line.chop(1);
        const auto m = marker.match(line);
        if (m.hasMatch()) {
            m_pyLine.push_back(m.captured(1).toInt());
            line.truncate(m.capturedStart());
        } else {
            m_pyLine.push_back(0);
        }
    }
    m_displayText = lines.join(u'\n');
}

int SourceMap::pythonLine(int cppLine) const
{
    return cppLine >= 1 && cppLine <= int(m_pyLine.size()) ? m_pyLine[std::size_t(cppLine - 1)] : 0;
}

int SourceMap::cppLine(int pythonLine) const
{
    if (pythonLine <= 0)
        return 0;
    for (std::size_t i = 0; i < m_pyLine.size(); ++i)
        if (m_pyLine[i] == pythonLine)
            return int(i) + 1;
    return 0;
}

} // namespace coroscope
