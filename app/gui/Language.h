#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QTranslator;

namespace coroscope {

// The UI language: English (the source strings) or Simplified Chinese. Installs the app's
// translation (:/i18n/coroscope_<code>.qm) and Qt's own (standard dialogs) on the application;
// every widget then receives QEvent::LanguageChange and retranslates itself.
class Language : public QObject
{
    Q_OBJECT
public:
    explicit Language(QObject *parent = nullptr);
    ~Language() override;

    // Codes this build ships: "en", "zh_CN".
    static QStringList available();
    // "zh_CN" when the system locale is Chinese, else "en".
    static QString systemLanguage();
    // Normalises "zh", "zh_CN", "zh-Hans", "en_US"... to a shipped code; empty if none fits.
    static QString normalize(const QString &code);

    // The language in use ("en" / "zh_CN").
    QString current() const { return m_current; }
    bool isChinese() const { return m_current.startsWith(QLatin1String("zh")); }
    // Switches the UI language; an empty code means the system's. False when the code is unknown.
    bool setLanguage(const QString &code);

signals:
    void languageChanged(const QString &code);

private:
    void removeTranslators();

    QString m_current;
    QTranslator *m_app = nullptr;
    QTranslator *m_qt = nullptr;
};

} // namespace coroscope
