#include "SaveFile.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace coroscope {

bool saveFileAtomically(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    const qint64 written = file.write(bytes);
    if (written != bytes.size() || file.size() != bytes.size()) {
        if (error)
            *error = written < 0
                ? file.errorString()
                : QCoreApplication::translate("coroscope::SaveFile",
                                              "only %1 of %2 bytes could be written (disk full?)")
                      .arg(std::max<qint64>(written, 0))
                      .arg(bytes.size());
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace coroscope
