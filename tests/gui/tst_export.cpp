// File > Export through the window: the timeline as PNG / SVG / PDF at a chosen size, steps as slides,
// the Chrome JSON, and File > Open of that JSON giving the same trace back.
#include "gui/Actions.h"
#include "gui/ExportMenu.h"
#include "gui/MainWindow.h"
#include "model/CursorController.h"
#include "model/TraceDocument.h"
#include "timeline/TimelineExport.h"
#include "timeline/TimelineWidget.h"
#include "trace/ChromeTrace.h"
#include "trace/Recorder.h"

#include <qcustomplot.h>

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QFile>
#include <QFileDialog>
#include <QImage>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace coroscope;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Page objects of a PDF ("/Type /Page", not "/Type /Pages").
int pdfPages(const QByteArray &pdf)
{
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?![a-zA-Z])"));
    int n = 0;
    for (auto it = page.globalMatch(QString::fromLatin1(pdf)); it.hasNext(); it.next())
        ++n;
    return n;
}

} // namespace

class TestExport : public QObject
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
        QVERIFY(QSignalSpy(m_window.get(), &MainWindow::traceShown).wait(10000)); // runs off the GUI thread
    }
    void cleanup() { m_window.reset(); }

    void menuHasTheExports()
    {
        QMenu *menu = m_window->exportMenu()->menu();
        QVERIFY(m_window->menuBar()->actions().first()->menu()->actions().contains(menu->menuAction()));
        QCOMPARE(m_window->exportMenu()->imageAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+E")));
        QVERIFY(m_window->exportMenu()->imageAction()->isEnabled());
        QVERIFY(m_window->exportMenu()->chromeAction()->text().contains("Chrome"));
    }

    // As a user does it: Ctrl+E, a file name, a size.
    void ctrlEAsksForFileAndSize()
    {
        const QString path = m_dir.filePath("dialog"); // no suffix: the PNG filter's is added
        int dialogs = 0, defaultWidth = 0;
        std::function<void()> answer = [&] {
            QWidget *modal = QApplication::activeModalWidget();
            if (auto *files = qobject_cast<QFileDialog *>(modal)) {
                ++dialogs;
                if (auto *name = files->findChild<QLineEdit *>(QStringLiteral("fileNameEdit")))
                    name->setText(path); // typed, as a user would
                QMetaObject::invokeMethod(files, "accept"); // as the Save button does
            } else if (auto *dialog = qobject_cast<QDialog *>(modal)) {
                ++dialogs;
                const auto boxes = dialog->findChildren<QSpinBox *>();
                if (boxes.size() == 2) {
                    defaultWidth = boxes[0]->value(); // the view's width (checked below, not here: no
                                                      // early return may leave the dialog open)
                    boxes[0]->setValue(640);
                    boxes[1]->setValue(320);
                }
                dialog->accept();
            }
            if (dialogs < 2)
                QTimer::singleShot(50, answer);
        };
        QTimer::singleShot(50, answer);
        QTest::keyClick(m_window.get(), Qt::Key_E, Qt::ControlModifier);
        QCOMPARE(dialogs, 2);
        QVERIFY(std::abs(defaultWidth - m_window->timeline()->plot()->width()) < 40);
        QCOMPARE(QImage(path + ".png").size(), QSize(640, 320));
        QVERIFY(m_errors.isEmpty());
    }

    void imageAtChosenSize()
    {
        const QString png = m_dir.filePath("t.png");
        QVERIFY(m_window->exportMenu()->exportImage(png, QSize(900, 400)));
        QImage image(png);
        QCOMPARE(image.size(), QSize(900, 400));
        // It is the timeline: lane colours on white, not an empty picture.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        QVERIFY(colours.size() > 10);

        // Default size: as the window shows it.
        QVERIFY(m_window->exportMenu()->exportImage(m_dir.filePath("d.png")));
        QCOMPARE(QImage(m_dir.filePath("d.png")).size(), m_window->timeline()->plot()->size());

        QVERIFY(m_window->exportMenu()->exportImage(m_dir.filePath("t.svg"), QSize(900, 400)));
        const QByteArray svg = readAll(m_dir.filePath("t.svg"));
        QVERIFY(svg.contains("<svg"));
        QVERIFY(svg.contains("Task-1 main()"));
        QVERIFY(m_window->exportMenu()->exportImage(m_dir.filePath("t.pdf"), QSize(900, 400)));
        const QByteArray pdf = readAll(m_dir.filePath("t.pdf"));
        QVERIFY(pdf.startsWith("%PDF"));
        QCOMPARE(pdfPages(pdf), 1);
        QVERIFY(m_errors.isEmpty());
    }

    void slidesOnePagePerOutputOrStep()
    {
        const qint64 cursorBefore = m_window->cursor()->cursor();
        QVERIFY(m_window->exportMenu()->exportSlides(m_dir.filePath("out.pdf"),
                                                     TimelineExporter::Slides::Outputs));
        QCOMPARE(pdfPages(readAll(m_dir.filePath("out.pdf"))), 4); // gather-order prints four lines
        QVERIFY(m_window->exportMenu()->exportSlides(m_dir.filePath("steps.pdf"),
                                                     TimelineExporter::Slides::Steps));
        QCOMPARE(pdfPages(readAll(m_dir.filePath("steps.pdf"))), 45);
        QCOMPARE(m_window->cursor()->cursor(), cursorBefore); // the cursor comes back
        const Trace &t = m_window->document()->trace();
        const auto outputs = TimelineExporter::slideSteps(t, TimelineExporter::Slides::Outputs);
        QCOMPARE(TimelineExporter::captionTitle(t, outputs.first()), QStringLiteral("1-start"));
        QVERIFY(TimelineExporter::captionDetail(t, outputs.first())
                    .startsWith(QStringLiteral("Step %1 of 44").arg(outputs.first())));
    }

    void slidesCanBeCanceled()
    {
        TimelineExporter exporter(m_window->timeline(), m_window->document(), m_window->cursor());
        const qint64 cursorBefore = m_window->cursor()->cursor();
        QList<int> seen;
        QString error;
        const QString path = m_dir.filePath("canceled.pdf");
        QVERIFY(!exporter.exportSlides(path, TimelineExporter::Slides::Steps, QSize(800, 500), &error,
                                       nullptr, [&seen](int done, int total) {
                                           seen << done;
                                           return total == 45 && done < 3;
                                       }));
        QCOMPARE(seen, (QList<int> {1, 2, 3}));
        QVERIFY(error.contains("Canceled"));
        QVERIFY(!QFile::exists(path));
        QCOMPARE(m_window->cursor()->cursor(), cursorBefore);
    }

    void slidesOfARunThatPrintsNothing()
    {
        Recorder rec;
        const auto mod = rec.addLane("<module>", LaneKind::Module, NoLane);
        rec.record(EventKind::Start, mod);
        rec.record(EventKind::Done, mod, NoEvent, "None");
        m_window->showTrace(rec.takeTrace(), QStringLiteral("quiet"));
        QVERIFY(!m_window->exportMenu()->exportSlides(m_dir.filePath("none.pdf"),
                                                      TimelineExporter::Slides::Outputs));
        QCOMPARE(m_errors.size(), 1);
        QVERIFY(m_errors.first().contains("printed nothing"));
        QVERIFY(!QFile::exists(m_dir.filePath("none.pdf")));
        QVERIFY(m_window->exportMenu()->exportSlides(m_dir.filePath("steps.pdf"),
                                                     TimelineExporter::Slides::Steps));
        QCOMPARE(pdfPages(readAll(m_dir.filePath("steps.pdf"))), 3);
    }

    void chromeJsonOpensBack()
    {
        const Trace original = m_window->document()->trace();
        const QString json = m_dir.filePath("gather.json");
        QVERIFY(m_window->exportMenu()->exportChromeTrace(json));
        QVERIFY(readAll(json).contains("\"traceEvents\""));
        QVERIFY(m_window->runSample(QStringLiteral("gen-send")));
        QVERIFY(QSignalSpy(m_window.get(), &MainWindow::traceShown).wait(10000)); // runs off the GUI thread
        QSignalSpy shown(m_window.get(), &MainWindow::traceShown);
        m_window->openTrace(json);
        QVERIFY(shown.wait(5000));
        QVERIFY(m_window->document()->trace() == original);
        QCOMPARE(m_window->document()->sampleId(), QStringLiteral("gather-order"));
        QCOMPARE(m_window->cursor()->eventCount(), 45);
        QVERIFY(m_errors.isEmpty());
    }

    void failuresReportAndKeepOldFiles()
    {
        QVERIFY(!m_window->exportMenu()->exportImage(m_dir.filePath("no/such/dir/x.png"), QSize(100, 100)));
        QVERIFY(!m_window->exportMenu()->exportImage(m_dir.filePath("x.gif"), QSize(100, 100)));
        QCOMPARE(m_errors.size(), 2);
        QVERIFY(m_errors[1].contains(".png, .svg or .pdf"));
        // A broken JSON file is refused with its line and column, and what was shown stays.
        const QString bad = m_dir.filePath("bad.json");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"traceEvents\":[\n{\"ph\":\"X\",}\n]}");
        f.close();
        QSignalSpy failed(m_window.get(), &MainWindow::loadFailed);
        m_window->openTrace(bad);
        QVERIFY(failed.wait(5000));
        QVERIFY2(failed.first().at(1).toString().contains("line 2, column 11"),
                 qPrintable(failed.first().at(1).toString()));
        QCOMPARE(m_window->document()->sampleId(), QStringLiteral("gather-order"));
    }

private:
    std::unique_ptr<MainWindow> m_window;
    QStringList m_errors;
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestExport)
#include "tst_export.moc"
