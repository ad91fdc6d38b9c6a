// The Chinese catalogue is complete: every tr() string of the app has a translation, and each
// translation keeps its source's %1..%n placeholders (a lost %2 would silently drop a value).
// lupdate is run on the current sources into a scratch copy of the .ts, so a string added to the code
// without updating the catalogue fails here, not in front of a class.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

const QString kTsFile = QStringLiteral(COROSCOPE_SOURCE_DIR "/resources/translations/coroscope_zh_CN.ts");

struct Message
{
    QString context;
    QString source;
    QString translation;
    QString type; // "unfinished", "vanished", "obsolete" or empty
};

QList<Message> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Message> messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name"))
            context = xml.readElementText();
        else if (xml.name() == QLatin1String("message"))
            current = Message{context, {}, {}, {}};
        else if (xml.name() == QLatin1String("source"))
            current.source = xml.readElementText();
        else if (xml.name() == QLatin1String("translation")) {
            current.type = xml.attributes().value(QLatin1String("type")).toString();
            current.translation = xml.readElementText();
            messages.append(current);
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    return messages;
}

QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%L?(\\d+)"));
    QSet<QString> found;
    for (const auto &m : re.globalMatch(text))
        found.insert(m.captured(1));
    return found;
}

// One line per message that would show English (or lose a value) in the Chinese UI.
QStringList problems(const QList<Message> &messages)
{
    QStringList out;
    for (const auto &m : messages) {
        const QString where = m.context + QStringLiteral(": \"") + m.source + QLatin1Char('"');
        if (!m.type.isEmpty())
            out << where + QStringLiteral(" is ") + m.type;
        else if (m.translation.trimmed().isEmpty())
            out << where + QStringLiteral(" has no translation");
        else if (placeholders(m.source) != placeholders(m.translation))
            out << where + QStringLiteral(" and its translation differ in placeholders");
    }
    return out;
}

bool run(const QString &program, const QStringList &args, QString *output)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    const bool ok = p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    *output = QString::fromLocal8Bit(p.readAll());
    return ok;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void shippedCatalogueIsComplete()
    {
        QString error;
        const auto messages = readTs(kTsFile, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(messages.size() > 300);
        const auto bad = problems(messages);
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
    }

    void everySourceStringIsInTheCatalogue()
    {
#if defined(COROSCOPE_LUPDATE) && defined(COROSCOPE_LUPDATE_PROJECT)
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString json = dir.filePath(QStringLiteral("project.json"));
        const QString ts = dir.filePath(QStringLiteral("coroscope_zh_CN.ts"));
        QVERIFY(QFile::copy(kTsFile, ts));
        QFile::setPermissions(ts, QFile::ReadOwner | QFile::WriteOwner);

        QString output;
        // The same two steps as the update_translations target, but writing to the scratch copy.
        QVERIFY2(run(QStringLiteral(COROSCOPE_CMAKE),
                     {QStringLiteral("-DIN_FILE=" COROSCOPE_LUPDATE_PROJECT), QStringLiteral("-DOUT_FILE=") + json,
                      QStringLiteral("-P"), QStringLiteral(COROSCOPE_LUPDATE_GENERATOR)},
                     &output),
                 qPrintable(output));
        QVERIFY2(run(QStringLiteral(COROSCOPE_LUPDATE),
                     {QStringLiteral("-project"), json, QStringLiteral("-no-obsolete"), QStringLiteral("-locations"),
                      QStringLiteral("none"), QStringLiteral("-ts"), ts},
                     &output),
                 qPrintable(output));

        QString error;
        const auto messages = readTs(ts, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const auto bad = problems(messages);
        QVERIFY2(bad.isEmpty(),
                 qPrintable(QStringLiteral("run `cmake --build <dir> --target update_translations` and translate:\n")
                            + bad.join(QLatin1Char('\n'))));
#else
        QSKIP("lupdate was not found at configure time");
#endif
    }

    void placeholderCheckCatchesALostArgument()
    {
        // The check itself can fail: a translation that drops %2 is reported.
        const QList<Message> messages{{QStringLiteral("C"), QStringLiteral("%1 of %2"), QStringLiteral("%1"), {}}};
        QCOMPARE(problems(messages).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
