#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>

namespace coroscope {

// What the app remembers between runs (QSettings, organization "Coroscope", application "Coroscope"):
// window geometry and state, splitter positions, the last sample, recent files, language, text size,
// playback speed.
class AppSettings
{
public:
    AppSettings();

    static constexpr int MaxRecentFiles = 8;
    static constexpr int DefaultTextSize = 12;
    static constexpr int MinTextSize = 11;
    static constexpr int MaxTextSize = 28;

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &value);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &value);
    QByteArray splitterState(const QString &name) const;
    void setSplitterState(const QString &name, const QByteArray &value);

    QString lastSample() const;
    void setLastSample(const QString &id);
    // Samples run on CPython (their Python mirrors, traced) rather than as their C++ ports.
    bool pythonRuntime() const;
    void setPythonRuntime(bool on);
    // The Python interpreter scripts run on ("" = $COROSCOPE_PYTHON, else python3), and the ones the
    // user chose by hand (Run > Python Interpreter… lists them again).
    QString pythonInterpreter() const;
    void setPythonInterpreter(const QString &path);
    QStringList pythonInterpretersGiven() const;
    void setPythonInterpretersGiven(const QStringList &paths);
    QString lastDirectory() const;
    void setLastDirectory(const QString &dir);

    QStringList recentFiles() const;
    // Moves `path` to the front (absolute, no duplicates, at most MaxRecentFiles).
    void addRecentFile(const QString &path);
    void removeRecentFile(const QString &path);
    void clearRecentFiles();

    // "" = follow the system.
    QString language() const;
    void setLanguage(const QString &code);
    int textSize() const;
    void setTextSize(int points);
    int speed() const;
    void setSpeed(int stepsPerSecond);

    void sync() { m_settings.sync(); }

private:
    QSettings m_settings;
};

} // namespace coroscope
