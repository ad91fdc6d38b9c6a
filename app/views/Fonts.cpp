#include "Fonts.h"

#include <QApplication>
#include <QFontDatabase>

namespace coroscope::Fonts {

QFont monospace(int delta)
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setFamilies({QStringLiteral("Noto Sans Mono CJK SC"), QStringLiteral("DejaVu Sans Mono"),
                      QStringLiteral("Noto Mono"), QStringLiteral("monospace")});
    font.setStyleHint(QFont::Monospace);
    font.setFixedPitch(true);
    font.setPointSizeF(QApplication::font().pointSizeF() + delta);
    return font;
}

QFont ui(int delta)
{
    QFont font = QApplication::font();
    font.setPointSizeF(font.pointSizeF() + delta);
    return font;
}

} // namespace coroscope::Fonts
