#pragma once

#include <QCoreApplication>
#include <QSize>
#include <QString>
#include <QStringList>

namespace coroscope {

// The app's command line:
//   coroscope [--sample ID | SCRIPT.py | FILE.coroscope] [--step N] [--lang zh_CN|en]
//             [--present] [--predict] [--compare RUN[,RUN]]
//             [--axis steps|time] [--density auto|compact|roomy] [--group auto|function|spawner|none]
//             [--fold auto|all|none] [--range START:END] [--screenshot FILE.png [--size WxH]]
struct CommandLine {
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
public:
    QString sample;     // --sample ID
    QString traceFile;  // the positional argument: a script (.py) or a trace file
    QString screenshot; // --screenshot FILE.png: render the window once loaded, save, exit
    QSize size;         // --size WxH (invalid: not given)
    qint64 step = -2;   // --step N: the cursor after loading (-2: not given; -1: before the first event)
    QString language;   // --lang: "en" / "zh_CN" (empty: settings, then the system)
    bool present = false; // --present: presentation mode (the window's size with --screenshot)
    bool predict = false; // --predict: predict mode, stopped before the next line
    QStringList compare;  // --compare: opens the compare window on 1 or 2 runs (CompareWindow::choices)
    bool hasCompare = false;
    QString axis;    // --axis steps|time (empty: steps)
    QString density; // --density auto|compact|roomy (empty: auto)
    QString group;   // --group auto|function|spawner|none (empty: auto)
    QString fold;    // --fold auto|all|none: groups folded to fit, all folded, all open (empty: auto)
    double rangeStart = 0, rangeEnd = 0; // --range START:END, the timeline's x range (equal: the whole run)
    bool hasRange() const { return rangeEnd > rangeStart; }

    bool helpRequested = false;
    bool versionRequested = false;
    QString helpText;
    QString error; // non-empty: the arguments were refused

    bool hasStep() const { return step >= -1; }

    // `arguments` includes the program name, like QCoreApplication::arguments().
    static CommandLine parse(const QStringList &arguments);
    // Whether `argv` asks only for --help or --version: answered before any display is needed.
    static bool asksForHelpOrVersion(int argc, char **argv);
};

} // namespace coroscope
