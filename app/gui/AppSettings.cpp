#include "AppSettings.h"

#include <QFileInfo>

#include <algorithm>

namespace coroscope {

AppSettings::AppSettings()
    : m_settings(QStringLiteral("Coroscope"), QStringLiteral("Coroscope"))
{
}

QByteArray AppSettings::windowGeometry() const { return m_settings.value("window/geometry").toByteArray(); }
void AppSettings::setWindowGeometry(const QByteArray &value) { m_settings.setValue("window/geometry", value); }
QByteArray AppSettings::windowState() const { return m_settings.value("window/state").toByteArray(); }
void AppSettings::setWindowState(const QByteArray &value) { m_settings.setValue("window/state", value); }

QByteArray AppSettings::splitterState(const QString &name) const
{
    return m_settings.value(QStringLiteral("splitters/") + name).toByteArray();
}

void AppSettings::setSplitterState(const QString &name, const QByteArray &value)
{
    m_settings.setValue(QStringLiteral("splitters/") + name, value);
}

QString AppSettings::lastSample() const { return m_settings.value("session/lastSample").toString(); }
void AppSettings::setLastSample(const QString &id) { m_settings.setValue("session/lastSample", id); }
bool AppSettings::pythonRuntime() const { return m_settings.value("run/runtime").toString() == QLatin1String("cpython"); }
void AppSettings::setPythonRuntime(bool on)
{
    m_settings.setValue("run/runtime", on ? QStringLiteral("cpython") : QStringLiteral("cpp"));
}
QString AppSettings::pythonInterpreter() const { return m_settings.value("run/python").toString(); }
void AppSettings::setPythonInterpreter(const QString &path) { m_settings.setValue("run/python", path); }
QStringList AppSettings::pythonInterpretersGiven() const { return m_settings.value("run/pythonsGiven").toStringList(); }
void AppSettings::setPythonInterpretersGiven(const QStringList &paths)
{
    m_settings.setValue("run/pythonsGiven", paths);
}
QString AppSettings::lastDirectory() const { return m_settings.value("session/lastDirectory").toString(); }
void AppSettings::setLastDirectory(const QString &dir) { m_settings.setValue("session/lastDirectory", dir); }

QStringList AppSettings::recentFiles() const
{
    return m_settings.value("session/recentFiles").toStringList();
}

void AppSettings::addRecentFile(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = recentFiles();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > MaxRecentFiles)
        files.removeLast();
    m_settings.setValue("session/recentFiles", files);
}

void AppSettings::removeRecentFile(const QString &path)
{
    QStringList files = recentFiles();
    files.removeAll(QFileInfo(path).absoluteFilePath());
    m_settings.setValue("session/recentFiles", files);
}

void AppSettings::clearRecentFiles() { m_settings.remove("session/recentFiles"); }

QString AppSettings::language() const { return m_settings.value("view/language").toString(); }
void AppSettings::setLanguage(const QString &code) { m_settings.setValue("view/language", code); }

int AppSettings::textSize() const
{
    return std::clamp(m_settings.value("view/textSize", DefaultTextSize).toInt(), MinTextSize, MaxTextSize);
}

void AppSettings::setTextSize(int points) { m_settings.setValue("view/textSize", points); }
int AppSettings::speed() const { return m_settings.value("run/speed", 4).toInt(); }
void AppSettings::setSpeed(int stepsPerSecond) { m_settings.setValue("run/speed", stepsPerSecond); }

} // namespace coroscope
