#pragma once

#include <QCoreApplication>
#include <QSize>
#include <QString>
#include <QStringList>

namespace coroscope {

// The app's command line:
//   coroscope [--sample ID | FILE.coroscope] [--step N] [--lang zh_CN|en]
//             [--present] [--predict] [--compare RUN[,RUN]]
//             [--screenshot FILE.png [--size WxH]]
struct CommandLine {
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
public:
    QString sample;     // --sample ID
    QString traceFile;  // the positional argument
    QString screenshot; // --screenshot FILE.png: render the window once loaded, save, exit
    QSize size;         // --size WxH (invalid: not given)
    qint64 step = -2;   // --step N: the cursor after loading (-2: not given; -1: before the first event)
    QString language;   // --lang: "en" / "zh_CN" (empty: settings, then the system)
    bool present = false; // --present: presentation mode (the window's size with --screenshot)
    bool predict = false; // --predict: predict mode, stopped before the next line
    QStringList compare;  // --compare: opens the compare window on 1 or 2 runs (CompareWindow::choices)
    bool hasCompare = false;

    bool helpRequested = false;
    bool versionRequested = false;
    QString helpText;
    QString error; // non-empty: the arguments were refused

    bool hasStep() const { return step >= -1; }

    // `arguments` includes the program name, like QCoreApplication::arguments().
    static CommandLine parse(const QStringList &arguments);
};

} // namespace coroscope
