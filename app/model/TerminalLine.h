#pragma once

#include <QString>
#include <QStringView>

namespace coroscope {

// A printed line as a terminal shows it: a carriage return goes back to the line's start and what
// follows overwrites it (a spinner, a progress bar), a backspace steps back one column, `ESC [ K`
// clears to the end of the line and other escape sequences (colours) draw nothing. A line without
// any of them comes back as it is.
QString terminalLine(QStringView printed);

} // namespace coroscope
