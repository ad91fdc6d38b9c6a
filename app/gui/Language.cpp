#include "Language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace coroscope {

Language::Language(QObject *parent)
    : QObject(parent)
    , m_current(QStringLiteral("en"))
{
}

Language::~Language()
{
    removeTranslators();
}

QStringList Language::available()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString Language::systemLanguage()
{
    const QLocale locale;
    return locale.language() == QLocale::Chinese ? QStringLiteral("zh_CN") : QStringLiteral("en");
}

QString Language::normalize(const QString &code)
{
    const QString c = code.trimmed().toLower().replace(u'-', u'_');
    if (c.startsWith(QLatin1String("zh")))
        return QStringLiteral("zh_CN");
    if (c.startsWith(QLatin1String("en")) || c == QLatin1String("c"))
        return QStringLiteral("en");
    return {};
}

void Language::removeTranslators()
{
    for (QTranslator **t : {&m_app, &m_qt}) {
        if (*t) {
            QCoreApplication::removeTranslator(*t);
            delete *t;
            *t = nullptr;
        }
    }
}

bool Language::setLanguage(const QString &requested)
{
    const QString code = requested.isEmpty() ? systemLanguage() : normalize(requested);
    if (code.isEmpty())
        return false;
    if (code == m_current && (code == QLatin1String("en") || m_app))
        return true;
    removeTranslators();
    if (code != QLatin1String("en")) {
        m_app = new QTranslator;
        if (!m_app->load(QStringLiteral(":/i18n/coroscope_%1.qm").arg(code))) {
            delete m_app;
            m_app = nullptr;
            return false;
        }
        QCoreApplication::installTranslator(m_app);
        m_qt = new QTranslator;
        if (m_qt->load(QStringLiteral("qt_%1").arg(code), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(m_qt);
        else {
            delete m_qt;
            m_qt = nullptr;
        }
    } else {
        // Switching back to English: the removal above already sent LanguageChange.
    }
    m_current = code;
    QLocale::setDefault(QLocale(code == QLatin1String("en") ? QStringLiteral("en_US") : code));
    emit languageChanged(code);
    return true;
}

} // namespace coroscope
