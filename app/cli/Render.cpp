#include "Render.h"

#include "model/CursorController.h"
#include "model/TraceDocument.h"
#include "timeline/TimelineLanes.h"
#include "timeline/TimelineExport.h"
#include "timeline/TimelineWidget.h"

#include <fmt/format.h>

#include <QApplication>
#include <QFile>
#include <QFileInfo>

#include <charconv>
#include <optional>

namespace coroscope::cli {

namespace {

constexpr QSize kDefaultSize(1200, 600);
constexpr QSize kDefaultSlideSize(1280, 720);

// The offscreen platform's chatter about window hints and runtime dirs means nothing to a CLI user.
void quietHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtDebugMsg || type == QtInfoMsg || message.contains(QLatin1String("propagateSizeHints"))
        || message.contains(QLatin1String("XDG_RUNTIME_DIR")))
        return;
    fmt::print(stderr, "{}\n", qFormatLogMessage(type, context, message).toStdString());
}

int badArgument(const std::string &message)
{
    fmt::print(stderr,
               "coroscope-cli render: {}\n"
               "Usage: coroscope-cli render ID|FILE -o OUT.png|OUT.svg|OUT.pdf [--step N] [--size WxH] "
               "[--slides outputs|steps]\n"
               "       [--axis steps|time] [--density auto|compact|roomy] [--group auto|function|spawner|none] "
               "[--fold auto|all|none]\n",
               message);
    return 2;
}

} // namespace

int renderCommand(const RenderOptions &options, const std::function<std::optional<Trace>()> &load)
{
    std::optional<qint64> step;
    QSize size;
    std::optional<TimelineExporter::Slides> slides;
    if (options.step) {
        const std::string &value = *options.step;
        qint64 n = -1;
        auto r = std::from_chars(value.data(), value.data() + value.size(), n);
        if (r.ec != std::errc() || r.ptr != value.data() + value.size() || n < 0)
            return badArgument(fmt::format("--step needs a step number (0 or more), not '{}'", value));
        step = n;
    }
    if (options.size) {
        size = TimelineExporter::parseSize(QString::fromStdString(*options.size));
        if (!size.isValid())
            return badArgument(fmt::format("--size needs WIDTHxHEIGHT in pixels, each 16 to 16384, not '{}'",
                                           *options.size));
    }
    if (options.slides) {
        if (*options.slides == "outputs")
            slides = TimelineExporter::Slides::Outputs;
        else if (*options.slides == "steps")
            slides = TimelineExporter::Slides::Steps;
        else
            return badArgument(fmt::format("--slides needs outputs or steps, not '{}'", *options.slides));
    }
    if (options.axis && *options.axis != "steps" && *options.axis != "time")
        return badArgument(fmt::format("--axis needs steps or time, not '{}'", *options.axis));
    LaneDensity density = LaneDensity::Auto;
    if (options.density && !laneDensityFromName(*options.density, density))
        return badArgument(fmt::format("--density needs auto, compact or roomy, not '{}'", *options.density));
    LaneGrouping grouping = LaneGrouping::Auto;
    if (options.group && !laneGroupingFromName(*options.group, grouping))
        return badArgument(
            fmt::format("--group needs auto, function, spawner or none, not '{}'", *options.group));
    if (options.fold && *options.fold != "auto" && *options.fold != "all" && *options.fold != "none")
        return badArgument(fmt::format("--fold needs auto, all or none, not '{}'", *options.fold));
    const std::string &output = options.output;
    const QString outPath = QFile::decodeName(output.c_str());
    const auto format = TimelineExporter::formatForPath(outPath);
    if (!format)
        return badArgument(fmt::format("cannot tell the format of '{}': name it .png, .svg or .pdf", output));
    if (slides && *format != TimelineExporter::Format::Pdf)
        return badArgument("--slides writes a PDF: name the output .pdf");
    if (slides && step)
        return badArgument("--slides draws every step it chooses: leave out --step");

    std::optional<Trace> loaded = load();
    if (!loaded)
        return 2;
    Trace trace = std::move(*loaded);
    const QString origin = QString::fromStdString(options.source);
    const auto count = qint64(trace.events.size());
    if (step && *step >= count)
        return badArgument(fmt::format("--step {} is past the last step ({})", *step, count - 1));

    // No display: draw with Qt's offscreen platform (the same widgets, painted into memory).
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    qInstallMessageHandler(quietHandler);
    static int argc = 1;
    static char name[] = "coroscope-cli";
    static char *argv[] = {name, nullptr};
    QApplication app(argc, argv);

    if (!size.isValid())
        size = slides ? kDefaultSlideSize : kDefaultSize;
    TraceDocument document;
    CursorController cursor;
    TimelineWidget timeline(&document, &cursor);
    if (options.axis == "time")
        cursor.setAxisMode(CursorController::AxisMode::Time);
    timeline.setDensity(density);
    timeline.setGrouping(grouping);
    cursor.setCursor(-1);
    document.setTrace(std::move(trace), origin);
    cursor.setEventCount(count);
    timeline.resize(size);
    timeline.show();
    QCoreApplication::processEvents();
    if (options.fold == "all" || options.fold == "none")
        timeline.setAllGroupsCollapsed(*options.fold == "all");
    // As the window does it: cursor first, then fit, so the whole run shows with the cursor in it. Slides
    // keep that view: the fitted run is all visible, nothing to follow.
    cursor.setCursor(step.value_or(count - 1));
    timeline.fitAll();
    timeline.setFollowCursor(false);

    TimelineExporter exporter(&timeline, &document, &cursor);
    QString error;
    if (slides) {
        int pages = 0;
        if (!exporter.exportSlides(outPath, *slides, size, &error, &pages)) {
            fmt::print(stderr, "coroscope-cli: {}\n", error.toStdString());
            return 1;
        }
        fmt::print(stderr, "wrote {} slides to {}\n", pages, output);
        return 0;
    }
    if (!exporter.exportImage(outPath, size, &error)) {
        fmt::print(stderr, "coroscope-cli: {}\n", error.toStdString());
        return 1;
    }
    fmt::print(stderr, "wrote {}x{} {} to {}\n", size.width(), size.height(),
               QFileInfo(outPath).suffix().toUpper().toStdString(), output);
    return 0;
}

} // namespace coroscope::cli
