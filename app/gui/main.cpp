// coroscope: the app. Opens the main window on a sample (--sample ID, else the last one) or a trace
// file; --screenshot renders the window once loaded and exits (for the docs and the tests).
#include "gui/Classroom.h"
#include "gui/CommandLine.h"
#include "gui/CompareWindow.h"
#include "gui/AppSettings.h"
#include "gui/MainWindow.h"
#include "gui/PredictMode.h"
#include "gui/PresentationMode.h"
#include "model/CursorController.h"
#include "model/PlaybackController.h"
#include "model/PredictController.h"
#include "model/SaveFile.h"
#include "timeline/TimelineLanes.h"
#include "timeline/TimelineWidget.h"

#include <QApplication>
#include <QBuffer>
#include <QFileInfo>
#include <QImageWriter>
#include <QPixmap>
#include <QScreen>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <utility>

using namespace coroscope;

namespace {

// Renders `window` to `path` once the event loop has settled (layouts done, queued replots drawn).
void screenshotWhenSettled(QWidget *window, const QString &path)
{
    QTimer::singleShot(600, window, [window, path] {
        QApplication::processEvents();
        const QPixmap pixmap = window->grab();
        QByteArray png;
        QBuffer buffer(&png);
        // Through a QSaveFile: a failed write leaves an older screenshot as it was.
        const bool ok = !pixmap.isNull() && buffer.open(QIODevice::WriteOnly) && pixmap.save(&buffer, "PNG")
            && saveFileAtomically(path, png, nullptr);
        if (!ok)
            std::fprintf(stderr, "coroscope: could not write the screenshot %s\n", qPrintable(path));
        else
            std::fprintf(stdout, "%s (%dx%d)\n", qPrintable(path), pixmap.width(), pixmap.height());
        QCoreApplication::exit(ok ? 0 : 1);
    });
}

// --present, --predict, --compare, once the first trace is shown. Returns the compare window when
// one was opened.
QWidget *applyClassroomOptions(MainWindow &window, const CommandLine &options, bool fullScreen)
{
    Classroom &classroom = window.classroom();
    if (options.present)
        classroom.presentation().enter(fullScreen);
    if (options.predict) {
        classroom.predict().controller()->setEnabled(true);
        window.playback()->runToNextOutput(); // stops before the next line and asks
    }
    if (!options.hasCompare)
        return nullptr;
    QPair<QString, QString> runs{options.compare.value(0), options.compare.value(1)};
    if (options.compare.size() == 1 && !runs.first.contains(u':'))
        runs = CompareWindow::defaultsFor(runs.first); // a sample: its halves, or it and another
    CompareWindow *compare = classroom.openCompare(runs.first, runs.second);
    if (compare && !fullScreen)
        compare->resize(window.size());
    return compare;
}

// --axis, --density, --group now; --fold and --range once the first trace is shown (its groups
// and its extent exist then).
void applyLaneOptions(MainWindow &window, const CommandLine &options)
{
    TimelineWidget *timeline = window.timeline();
    if (options.axis == QLatin1String("time"))
        window.cursor()->setAxisMode(CursorController::AxisMode::Time);
    LaneDensity density = LaneDensity::Auto;
    if (laneDensityFromName(options.density.toStdString(), density))
        timeline->setDensity(density);
    LaneGrouping grouping = LaneGrouping::Auto;
    if (laneGroupingFromName(options.group.toStdString(), grouping))
        timeline->setGrouping(grouping);
    const QString foldOption = options.fold;
    const bool range = options.hasRange();
    const double start = options.rangeStart, end = options.rangeEnd;
    auto applied = std::make_shared<bool>(false);
    QObject::connect(&window, &MainWindow::traceShown, timeline, [=, &window] {
        if (std::exchange(*applied, true))
            return;
        if (foldOption == QLatin1String("all") || foldOption == QLatin1String("none"))
            timeline->setAllGroupsCollapsed(foldOption == QLatin1String("all"));
        if (!range)
            return;
        // The range asked for, shifted if need be so that the cursor stays in it.
        XRange r {start, end};
        const qint64 seq = window.cursor()->cursor();
        if (seq >= 0 && std::size_t(seq) < timeline->layout().eventCount())
            r = ensureVisible(r, timeline->layout().x(std::uint32_t(seq), timeline->axis()), 0.05);
        timeline->setVisibleRange(r.start, r.end);
    });
}

// A small screen (a laptop, a classroom's 1280x720 projector) gets the whole of it.
bool opensMaximized()
{
    const QScreen *screen = QApplication::primaryScreen();
    if (!screen || !AppSettings().windowGeometry().isEmpty())
        return false; // a saved geometry wins
    const QSize available = screen->availableSize();
    return available.width() < 1600 || available.height() < 1000;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication::setOrganizationName(QStringLiteral("Coroscope"));
    QApplication::setApplicationName(QStringLiteral("Coroscope"));
    QApplication::setApplicationVersion(QStringLiteral(COROSCOPE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("coroscope"));
    // --help, --version and bad arguments are answered before any display is needed: a core
    // application has no platform plugin to load (on a machine without one, QApplication aborts).
    {
        QCoreApplication core(argc, argv);
        const CommandLine early = CommandLine::parse(QCoreApplication::arguments());
        if (!early.error.isEmpty()) {
            std::fprintf(stderr, "coroscope: %s\n\n%s", qPrintable(early.error), qPrintable(early.helpText));
            return 2;
        }
        if (early.helpRequested) {
            std::fprintf(stdout, "%s", qPrintable(early.helpText));
            return 0;
        }
        if (early.versionRequested) {
            std::fprintf(stdout, "coroscope %s\n", qPrintable(QCoreApplication::applicationVersion()));
            return 0;
        }
    }
    QApplication app(argc, argv);
    const CommandLine options = CommandLine::parse(QApplication::arguments());

    const bool screenshot = !options.screenshot.isEmpty();
    // A screenshot shows the defaults, not whatever this user last left on screen.
    MainWindow window(/*persistent=*/!screenshot, options.language);

    QSize size = options.size;
    if (!size.isValid()) {
        size = screenshot ? QSize(1920, 1080) : QSize(1440, 900);
        if (!screenshot && QApplication::primaryScreen())
            size = size.boundedTo(QApplication::primaryScreen()->availableSize() * 0.92);
    }
    window.resize(size);
    const QString lastSample = window.restoreSession(); // may restore a saved geometry over `size`
    if (options.size.isValid())
        window.resize(options.size);

    if (screenshot) {
        if (QFileInfo(options.screenshot).suffix().compare(QLatin1String("png"), Qt::CaseInsensitive) != 0) {
            std::fprintf(stderr, "coroscope: --screenshot wants a .png file\n");
            return 2;
        }
        window.setErrorReporter([](const QString &title, const QString &text) {
            std::fprintf(stderr, "coroscope: %s: %s\n", qPrintable(title), qPrintable(text));
        });
        QObject::connect(&window, &MainWindow::traceShown, &window, [&window, &options] {
            // Once the event loop runs: font changes reach the panes only then.
            QTimer::singleShot(0, &window, [&window, &options] {
                QWidget *shown = applyClassroomOptions(window, options, /*fullScreen=*/false);
                screenshotWhenSettled(shown ? shown : &window, options.screenshot);
            });
        });
        QObject::connect(&window, &MainWindow::loadFailed, &window, [] { QCoreApplication::exit(1); });
    }
    if (!screenshot && (options.present || options.predict || options.hasCompare)) {
        auto applied = std::make_shared<bool>(false);
        QObject::connect(&window, &MainWindow::traceShown, &window, [&window, &options, applied] {
            if (!std::exchange(*applied, true))
                QTimer::singleShot(0, &window, [&window, &options] {
                    applyClassroomOptions(window, options, /*fullScreen=*/true);
                });
        });
    }
    applyLaneOptions(window, options);
    if (!screenshot && !options.size.isValid() && opensMaximized())
        window.showMaximized();
    else
        window.show();

    if (options.hasStep())
        window.setPendingStep(options.step);
    if (!options.traceFile.isEmpty())
        window.openPath(options.traceFile);
    else if (!options.sample.isEmpty())
        window.runSample(options.sample);
    else if (!lastSample.isEmpty())
        window.runSample(lastSample);
    else if (screenshot)
        screenshotWhenSettled(&window, options.screenshot);
    return QApplication::exec();
}
