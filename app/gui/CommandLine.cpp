#include "CommandLine.h"

#include "CompareWindow.h"
#include "Language.h"
#include "samples/Samples.h"

#include <QCommandLineParser>
#include <QRegularExpression>

namespace coroscope {

CommandLine CommandLine::parse(const QStringList &arguments)
{
    CommandLine result;
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Coroscope makes coroutine scheduling visible: it runs a sample (or opens "
                                        "a recorded trace) and lets you step through it."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption sampleOption(QStringLiteral("sample"), tr("Run the gallery sample <id> (e.g. gather-order)."),
                                          tr("id"));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                              tr("Render the window to <file> (PNG) once loaded, then exit."),
                                              tr("file"));
    const QCommandLineOption sizeOption(QStringLiteral("size"), tr("Window size, e.g. 1920x1080."), tr("WxH"));
    const QCommandLineOption stepOption(QStringLiteral("step"),
                                        tr("Put the cursor on event <n> after loading (-1: before the first)."),
                                        tr("n"));
    const QCommandLineOption langOption(QStringLiteral("lang"), tr("User interface language: zh_CN or en."),
                                        tr("code"));
    const QCommandLineOption presentOption(QStringLiteral("present"),
                                           tr("Presentation mode: full screen, large type, high contrast."));
    const QCommandLineOption predictOption(QStringLiteral("predict"),
                                           tr("Predict mode: stop before each printed line until it is revealed."));
    const QCommandLineOption compareOption(
        QStringLiteral("compare"),
        tr("Compare two runs on one time axis: <runs> is ID (its defaults) or TOP,BOTTOM, e.g. "
           "sequential-vs-gather:1,sequential-vs-gather:2 (with --screenshot, the compare window is saved)."),
        tr("runs"));
    const QCommandLineOption axisOption(QStringLiteral("axis"), tr("The timeline's x axis: steps or time."),
                                        tr("axis"));
    const QCommandLineOption densityOption(QStringLiteral("density"),
                                           tr("Lane height: auto (compact for many lanes), compact or roomy."),
                                           tr("density"));
    const QCommandLineOption groupOption(QStringLiteral("group"),
                                         tr("Group lanes: auto (by function), function, spawner or none."),
                                         tr("grouping"));
    const QCommandLineOption foldOption(QStringLiteral("fold"),
                                        tr("Groups: auto (fold what does not fit), all (folded) or none (open)."),
                                        tr("fold"));
    const QCommandLineOption rangeOption(
        QStringLiteral("range"), tr("The timeline's x range once loaded, in steps or seconds: START:END, e.g. 0.5:0.6."),
        tr("range"));
    parser.addOptions({sampleOption, screenshotOption, sizeOption, stepOption, langOption, presentOption,
                       predictOption, compareOption, axisOption, densityOption, groupOption, foldOption,
                       rangeOption});
    parser.addPositionalArgument(QStringLiteral("file"), tr("A Python script to trace on CPython (.py), or a trace file to open (.coroscope, or "
                                                           "Chrome trace .json)."),
                                 QStringLiteral("[file]"));
    result.helpText = parser.helpText();

    if (!parser.parse(arguments)) {
        result.error = parser.errorText();
        return result;
    }
    result.helpRequested = parser.isSet(helpOption);
    result.versionRequested = parser.isSet(versionOption);

    result.sample = parser.value(sampleOption);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        result.error = tr("Give at most one script or trace file.");
        return result;
    }
    if (!positional.isEmpty())
        result.traceFile = positional.first();
    if (!result.sample.isEmpty() && !result.traceFile.isEmpty()) {
        result.error = tr("Give either --sample or a script or trace file, not both.");
        return result;
    }
    if (!result.sample.isEmpty() && !findSample(result.sample.toStdString())) {
        QStringList ids;
        for (const Sample &s : sampleList())
            ids << QString::fromUtf8(s.id.data(), qsizetype(s.id.size()));
        result.error = tr("Unknown sample \"%1\". The samples are: %2").arg(result.sample, ids.join(QStringLiteral(", ")));
        return result;
    }
    result.screenshot = parser.value(screenshotOption);
    if (parser.isSet(sizeOption)) {
        static const QRegularExpression re(QStringLiteral("^(\\d{2,5})[xX](\\d{2,5})$"));
        const auto m = re.match(parser.value(sizeOption));
        if (!m.hasMatch()) {
            result.error = tr("--size wants WIDTHxHEIGHT, e.g. 1920x1080, not \"%1\".").arg(parser.value(sizeOption));
            return result;
        }
        result.size = QSize(m.captured(1).toInt(), m.captured(2).toInt());
    }
    if (parser.isSet(stepOption)) {
        bool ok = false;
        const qint64 step = parser.value(stepOption).toLongLong(&ok);
        if (!ok || step < -1) {
            result.error = tr("--step wants an event number (0, 1, ... or -1), not \"%1\".").arg(parser.value(stepOption));
            return result;
        }
        result.step = step;
    }
    result.present = parser.isSet(presentOption);
    result.predict = parser.isSet(predictOption);
    if (parser.isSet(compareOption)) {
        result.hasCompare = true;
        result.compare = parser.value(compareOption).split(u',', Qt::SkipEmptyParts);
        const QStringList known = CompareWindow::choices();
        for (const QString &run : result.compare) {
            if (!known.contains(run) && !(result.compare.size() == 1 && findSample(run.toStdString()))) {
                result.error = tr("--compare: unknown run \"%1\". The runs are: %2").arg(run, known.join(QStringLiteral(", ")));
                return result;
            }
        }
        if (result.compare.size() > 2) {
            result.error = tr("--compare wants one or two runs, not %1.").arg(result.compare.size());
            return result;
        }
    }
    // Lane options: one of a few words each.
    struct Choice {
        const QCommandLineOption &option;
        QStringList words;
        QString *out;
    };
    for (const Choice &c : {Choice {axisOption, {"steps", "time"}, &result.axis},
                            Choice {densityOption, {"auto", "compact", "roomy"}, &result.density},
                            Choice {groupOption, {"auto", "function", "spawner", "none"}, &result.group},
                            Choice {foldOption, {"auto", "all", "none"}, &result.fold}}) {
        if (!parser.isSet(c.option))
            continue;
        const QString value = parser.value(c.option);
        if (!c.words.contains(value)) {
            result.error = tr("--%1 wants %2, not \"%3\".")
                               .arg(c.option.names().constFirst(), c.words.join(QStringLiteral(" | ")), value);
            return result;
        }
        *c.out = value;
    }
    if (parser.isSet(rangeOption)) {
        const QStringList ends = parser.value(rangeOption).split(u':');
        bool ok0 = false, ok1 = false;
        const double a = ends.value(0).toDouble(&ok0), b = ends.value(1).toDouble(&ok1);
        if (ends.size() != 2 || !ok0 || !ok1 || !(b > a)) {
            result.error = tr("--range wants START:END with START < END, not \"%1\".").arg(parser.value(rangeOption));
            return result;
        }
        result.rangeStart = a;
        result.rangeEnd = b;
    }
    if (parser.isSet(langOption)) {
        result.language = Language::normalize(parser.value(langOption));
        if (result.language.isEmpty()) {
            result.error = tr("--lang wants zh_CN or en, not \"%1\".").arg(parser.value(langOption));
            return result;
        }
    }
    return result;
}

bool CommandLine::asksForHelpOrVersion(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "-h" || a == "--help" || a == "-?" || a == "--help-all" || a == "-v" || a == "--version")
            return true;
    }
    return false;
}

} // namespace coroscope
