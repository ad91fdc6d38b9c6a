#include "TerminalLine.h"

#include <algorithm>

namespace coroscope {

QString terminalLine(QStringView printed)
{
    const auto special = [](QChar c) { return c == u'\r' || c == u'\b' || c == u'\x1b'; };
    if (std::none_of(printed.begin(), printed.end(), special))
        return printed.toString();
    QString line;
    qsizetype column = 0;
    for (qsizetype i = 0; i < printed.size(); ++i) {
        const QChar c = printed[i];
        if (c == u'\r') {
            column = 0;
        } else if (c == u'\b') {
            column = std::max<qsizetype>(0, column - 1);
        } else if (c == u'\x1b') {
            if (i + 1 < printed.size() && printed[i + 1] == u'[') { // CSI: parameters, then a final byte
                qsizetype end = i + 2;
                while (end < printed.size() && !(printed[end].unicode() >= 0x40 && printed[end].unicode() <= 0x7e))
                    ++end;
                if (end < printed.size() && printed[end] == u'K') {
                    const QStringView params = printed.mid(i + 2, end - i - 2);
                    if (params.isEmpty() || params == u"0")
                        line.truncate(column);
                }
                i = end;
            } else {
                ++i; // a two-byte escape
            }
        } else {
            if (column < line.size())
                line[column] = c;
            else
                line += QString(column - line.size(), u' ') + c;
            ++column;
        }
    }
    return line;
}

} // namespace coroscope
