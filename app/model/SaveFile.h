#pragma once

#include <QByteArray>
#include <QString>

namespace coroscope {

// Writes `bytes` to `path` through a QSaveFile: a temporary file renamed over `path` only once every
// byte is on disk, so a failed save leaves the previous file as it was. Unbuffered, and the size is
// checked before the commit: Qt 6.4's buffered QSaveFile can commit a short write (a full disk, the
// file size limit) as a success, cutting the file. False, with `error` set, on any failure.
bool saveFileAtomically(const QString &path, const QByteArray &bytes, QString *error);

} // namespace coroscope
