// The console shows a printed line as a terminal shows it (app/model/TerminalLine).
#include "model/TerminalLine.h"

#include <QTest>

using namespace coroscope;

class TestTerminalLine : public QObject
{
    Q_OBJECT
private slots:
    void showsWhatATerminalShows_data()
    {
        QTest::addColumn<QString>("printed");
        QTest::addColumn<QString>("shown");
        QTest::newRow("plain") << QStringLiteral("work 1 starts") << QStringLiteral("work 1 starts");
        QTest::newRow("tab kept") << QStringLiteral("a\tb") << QStringLiteral("a\tb");
        QTest::newRow("chinese") << QStringLiteral("小明：你好！") << QStringLiteral("小明：你好！");
        QTest::newRow("spinner frames") << QStringLiteral("\r| thinking\r/ thinking\r- thinking")
                                        << QStringLiteral("- thinking");
        QTest::newRow("shorter overwrite keeps the tail") << QStringLiteral("downloading\rdone")
                                                         << QStringLiteral("doneloading");
        QTest::newRow("cleared with blanks") << QStringLiteral("\rworking |\r         \rfinished")
                                             << QStringLiteral("finished ");
        QTest::newRow("progress bar") << QStringLiteral("\r[#...]  25%\r[##..]  50%\r[####] 100%")
                                      << QStringLiteral("[####] 100%");
        QTest::newRow("backspaces") << QStringLiteral("| thinking!\b\b\b\b\b\b\b\b\b\b\b/ thinking!")
                                    << QStringLiteral("/ thinking!");
        QTest::newRow("backspace at the start") << QStringLiteral("\b\bab") << QStringLiteral("ab");
        QTest::newRow("colours") << QStringLiteral("\x1b[31merror\x1b[0m: \x1b[1mbold\x1b[m")
                                 << QStringLiteral("error: bold");
        QTest::newRow("erase to end of line") << QStringLiteral("long status text\r\x1b[Kshort")
                                              << QStringLiteral("short");
        QTest::newRow("erase mid-line") << QStringLiteral("abcdef\rab\x1b[0Kz") << QStringLiteral("abz");
        QTest::newRow("unfinished escape") << QStringLiteral("ok\x1b[") << QStringLiteral("ok");
    }

    void showsWhatATerminalShows()
    {
        QFETCH(QString, printed);
        QFETCH(QString, shown);
        QCOMPARE(terminalLine(printed), shown);
    }
};

QTEST_GUILESS_MAIN(TestTerminalLine)
#include "tst_terminalline.moc"
