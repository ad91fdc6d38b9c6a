#pragma once

#include <QString>
#include <QStringList>

#include <string_view>
#include <vector>

namespace coroscope {

// Ties the lines of a sample's C++ port to the lines of its Python mirror. The port marks a line
// with a trailing "// py:N" comment (N = 1-based line in the mirror); the source pane shows the C++
// text without those markers and highlights both lines together.
class SourceMap
{
public:
    SourceMap() = default;
    explicit SourceMap(std::string_view cppSource);

    // The C++ text as displayed: every "// py:N" marker and the spaces before it removed, nothing else
    // changed (line numbers are those of the file).
    const QString &displayText() const { return m_displayText; }
    int lineCount() const { return int(m_pyLine.size()); }
    // The mirror's line for a C++ line (both 1-based), or 0 when the line has no marker.
    int pythonLine(int cppLine) const;
    // The first C++ line that maps to a mirror line, or 0.
    int cppLine(int pythonLine) const;

private:
    QString m_displayText;
    std::vector<int> m_pyLine; // index: cpp line - 1
};

} // namespace coroscope
