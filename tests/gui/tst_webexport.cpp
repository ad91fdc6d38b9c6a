// File > Export > Web Page… in the window: the run shown, as one page that opens at the window's
// cursor. (What the page shows in a browser: tests/web/tst_webpage.)
#include "gui/ExportMenu.h"
#include "gui/MainWindow.h"
#include "model/CursorController.h"
#include "model/TraceDocument.h"
#include "web/WebPage.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QFileDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMenu>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace coroscope;

namespace {

QJsonObject runOf(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray page = f.readAll();
    const QByteArray open = "<script id=\"coroscope-run\" type=\"application/json\">";
    const auto start = page.indexOf(open) + open.size();
    return QJsonDocument::fromJson(page.mid(start, page.indexOf("</script>", start) - start)).object();
}

} // namespace

class TestWebExport : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        m_errors.clear();
        m_window = std::make_unique<MainWindow>(/*persistent=*/false);
        m_window->setLanguage(QStringLiteral("en"), false);
        m_window->setErrorReporter(
            [this](const QString &title, const QString &text) { m_errors << title + ": " + text; });
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->runSample(QStringLiteral("gather-order")));
        QVERIFY(QSignalSpy(m_window.get(), &MainWindow::traceShown).wait(10000));
    }
    void cleanup() { m_window.reset(); }

    void theMenuOffersAWebPage()
    {
        QAction *action = m_window->exportMenu()->webPageAction();
        QVERIFY(m_window->exportMenu()->menu()->actions().contains(action));
        QCOMPARE(action->text(), QStringLiteral("&Web Page…"));
        QCOMPARE(action->isEnabled(), webViewerAvailable());
    }

    void thePageOpensAtTheCursor()
    {
        if (!webViewerAvailable())
            QSKIP("this build has no web viewer (no Node.js when it was built)");
        m_window->cursor()->setCursor(19);
        const QString path = m_dir.filePath(QStringLiteral("g.html"));
        QSignalSpy exported(m_window->exportMenu(), &ExportMenu::exported);
        QVERIFY(m_window->exportMenu()->exportWebPage(path));
        QCOMPARE(exported.size(), 1);
        const QJsonObject run = runOf(path);
        QCOMPARE(run["events"].toObject()["count"].toInt(), int(m_window->document()->eventCount()));
        QCOMPARE(run["view"].toObject()["step"].toInt(), 19);
        QCOMPARE(run["sample"].toObject()["id"].toString(), QStringLiteral("gather-order"));
        QVERIFY(m_errors.isEmpty());

        // Before the first step: the page opens there too.
        m_window->cursor()->setCursor(-1);
        QVERIFY(m_window->exportMenu()->exportWebPage(path));
        QVERIFY(runOf(path)["view"].toObject()["step"].isNull());
    }

    // As a user does it: the menu item, a file name without a suffix (.html is added).
    void theMenuItemAsksForAFile()
    {
        if (!webViewerAvailable())
            QSKIP("this build has no web viewer");
        const QString path = m_dir.filePath(QStringLiteral("typed"));
        int dialogs = 0;
        std::function<void()> answer = [&] {
            if (auto *files = qobject_cast<QFileDialog *>(QApplication::activeModalWidget())) {
                ++dialogs;
                if (auto *name = files->findChild<QLineEdit *>(QStringLiteral("fileNameEdit")))
                    name->setText(path);
                QMetaObject::invokeMethod(files, "accept");
                return;
            }
            QTimer::singleShot(50, answer);
        };
        QTimer::singleShot(50, answer);
        m_window->exportMenu()->webPageAction()->trigger();
        QCOMPARE(dialogs, 1);
        QVERIFY(QFile::exists(path + QStringLiteral(".html")));
        QCOMPARE(runOf(path + QStringLiteral(".html"))["events"].toObject()["count"].toInt(), 45);
    }

    void anUnwritablePlaceIsReported()
    {
        if (!webViewerAvailable())
            QSKIP("this build has no web viewer");
        QVERIFY(!m_window->exportMenu()->exportWebPage(m_dir.filePath(QStringLiteral("no/such/dir/x.html"))));
        QCOMPARE(m_errors.size(), 1);
        QVERIFY(m_errors.first().startsWith(QStringLiteral("Could not export the web page")));
    }

private:
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_dir;
    QStringList m_errors;
};

QTEST_MAIN(TestWebExport)
#include "tst_webexport.moc"
