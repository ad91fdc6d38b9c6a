#pragma once

#include <QFont>

namespace coroscope {

// The fonts the panes use. The monospace font has CJK glyphs (Noto Sans Mono CJK SC), so the Chinese
// lines the samples print line up in the console and in the sources.
namespace Fonts {
// The source and console font: `delta` points larger than the application font.
QFont monospace(int delta = 1);
// The application font, `delta` points larger.
QFont ui(int delta = 0);
} // namespace Fonts

} // namespace coroscope
