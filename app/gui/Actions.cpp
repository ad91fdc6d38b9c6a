#include "Actions.h"

#include <QAction>
#include <QActionGroup>
#include <QIcon>
#include <QKeySequence>

namespace coroscope {

namespace {

QIcon icon(const char *themeName, const char *resource)
{
    return QIcon::fromTheme(QLatin1String(themeName), QIcon(QLatin1String(resource)));
}

} // namespace

Actions::Actions(QObject *owner)
{
    auto make = [owner](QIcon icon = {}) {
        auto *a = new QAction(owner);
        a->setIcon(icon);
        return a;
    };
    open = make(icon("document-open", ":/icons/open.svg"));
    save = make(icon("document-save-as", ":/icons/save.svg"));
    clearRecent = make();
    quit = make(QIcon::fromTheme(QStringLiteral("application-exit")));
    quit->setMenuRole(QAction::QuitRole);

    // Which runtime a sample runs on: its C++ port on Coroscope's scheduler, or its Python mirror on
    // CPython under the tracer.
    runtimeGroup = new QActionGroup(owner);
    runOnCpp = make();
    runOnCPython = make();
    for (QAction *a : {runOnCpp, runOnCPython}) {
        a->setCheckable(true);
        runtimeGroup->addAction(a);
    }
    runOnCpp->setChecked(true);
    stopRun = make(QIcon(QStringLiteral(":/icons/stop.svg")));
    stopRun->setEnabled(false);

    // The transport icons are the app's own: they must read the same on every desktop theme.
    rerun = make(QIcon(QStringLiteral(":/icons/run.svg")));
    playPause = make(QIcon(QStringLiteral(":/icons/play.svg")));
    stepForward = make(QIcon(QStringLiteral(":/icons/step-forward.svg")));
    stepBack = make(QIcon(QStringLiteral(":/icons/step-back.svg")));
    toStart = make(QIcon(QStringLiteral(":/icons/to-start.svg")));
    toEnd = make(QIcon(QStringLiteral(":/icons/to-end.svg")));
    nextOutput = make(QIcon(QStringLiteral(":/icons/next-output.svg")));
    nextBreakpoint = make(QIcon(QStringLiteral(":/icons/next-breakpoint.svg")));
    toggleBreakpoint = make(QIcon(QStringLiteral(":/icons/breakpoint.svg")));
    clearBreakpoints = make();
    faster = make();
    slower = make();

    axisGroup = new QActionGroup(owner);
    axisSteps = make();
    axisTime = make();
    for (QAction *a : {axisSteps, axisTime}) {
        a->setCheckable(true);
        axisGroup->addAction(a);
    }
    axisSteps->setChecked(true);
    fitTimeline = make(QIcon::fromTheme(QStringLiteral("zoom-fit-best")));
    findSample = make(QIcon::fromTheme(QStringLiteral("edit-find")));
    showGallery = make();
    showGallery->setCheckable(true);
    showGallery->setChecked(true);
    largerText = make(QIcon::fromTheme(QStringLiteral("zoom-in")));
    smallerText = make(QIcon::fromTheme(QStringLiteral("zoom-out")));
    defaultText = make();
    languageGroup = new QActionGroup(owner);
    languageSystem = make();
    languageEnglish = make();
    languageChinese = make();
    for (QAction *a : {languageSystem, languageEnglish, languageChinese}) {
        a->setCheckable(true);
        languageGroup->addAction(a);
    }
    // Language names are written in their own language, whatever the UI language is.
    languageEnglish->setText(QStringLiteral("English"));
    languageChinese->setText(QStringLiteral("中文（简体）"));

    shortcuts = make(QIcon::fromTheme(QStringLiteral("preferences-desktop-keyboard-shortcuts")));
    about = make(QIcon(QStringLiteral(":/icons/coroscope.svg")));
    about->setMenuRole(QAction::AboutRole);
    aboutQt = make();
    aboutQt->setMenuRole(QAction::AboutQtRole);

    // Shortcuts do not depend on the language.
    open->setShortcut(QKeySequence::Open);
    save->setShortcut(QKeySequence::Save); // (Ctrl+Shift+S is Save Script As)
    quit->setShortcut(QKeySequence::Quit);
    rerun->setShortcut(Qt::CTRL | Qt::Key_R);
    runOnCpp->setShortcut(Qt::CTRL | Qt::ALT | Qt::Key_C);
    runOnCPython->setShortcut(Qt::CTRL | Qt::ALT | Qt::Key_P);
    stopRun->setShortcut(Qt::SHIFT | Qt::Key_F5);
    playPause->setShortcut(Qt::Key_Space);
    stepForward->setShortcut(Qt::Key_Right);
    stepBack->setShortcut(Qt::Key_Left);
    toStart->setShortcut(Qt::Key_Home);
    toEnd->setShortcut(Qt::Key_End);
    nextOutput->setShortcut(Qt::CTRL | Qt::Key_Right);
    nextBreakpoint->setShortcut(Qt::Key_F5);
    toggleBreakpoint->setShortcut(Qt::Key_F9);
    clearBreakpoints->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_F9);
    faster->setShortcut(Qt::Key_BracketRight);
    slower->setShortcut(Qt::Key_BracketLeft);
    axisSteps->setShortcut(Qt::CTRL | Qt::Key_1);
    axisTime->setShortcut(Qt::CTRL | Qt::Key_2);
    fitTimeline->setShortcut(Qt::CTRL | Qt::Key_0);
    findSample->setShortcut(QKeySequence::Find);
    showGallery->setShortcut(Qt::CTRL | Qt::Key_G);
    largerText->setShortcuts({QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    smallerText->setShortcut(QKeySequence::ZoomOut);
    defaultText->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_0);
    shortcuts->setShortcut(QKeySequence::HelpContents);
    // Keys that a focused list or editor would otherwise take stay the window's.
    for (QAction *a : {playPause, stepForward, stepBack, toStart, toEnd})
        a->setShortcutContext(Qt::WindowShortcut);

    retranslate();
}

void Actions::setPlaying(bool playing)
{
    m_playing = playing;
    playPause->setIcon(QIcon(playing ? QStringLiteral(":/icons/pause.svg") : QStringLiteral(":/icons/play.svg")));
    playPause->setText(playing ? tr("&Pause") : tr("&Play"));
    playPause->setToolTip(playing ? tr("Pause (Space)") : tr("Play: step through the run on its own (Space)"));
}

void Actions::retranslate()
{
    open->setText(tr("&Open…"));
    open->setToolTip(tr("Open a Python script to trace on CPython (.py), or a recorded trace (.coroscope, Chrome "
                        "trace .json)"));
    save->setText(tr("&Save Trace As…"));
    save->setToolTip(tr("Save the trace shown now as a .coroscope file"));
    clearRecent->setText(tr("&Clear List"));
    quit->setText(tr("&Quit"));

    rerun->setText(tr("&Run Again"));
    rerun->setToolTip(tr("Run the sample or the script again from the start (Ctrl+R)"));
    runOnCpp->setText(tr("Run on the C&++ Port"));
    runOnCpp->setToolTip(tr("Samples run as their C++ ports on Coroscope's scheduler (Ctrl+Alt+C)"));
    runOnCPython->setText(tr("Run on C&Python"));
    runOnCPython->setToolTip(tr("Samples run as their Python mirrors on CPython, traced (Ctrl+Alt+P)"));
    stopRun->setText(tr("S&top"));
    stopRun->setToolTip(tr("Stop the running script and keep what it did so far (Shift+F5)"));
    setPlaying(m_playing);
    stepForward->setText(tr("Step &Forward"));
    stepForward->setToolTip(tr("Step forward one event (→)"));
    stepBack->setText(tr("Step &Back"));
    stepBack->setToolTip(tr("Step back one event (←)"));
    toStart->setText(tr("To &Start"));
    toStart->setToolTip(tr("Go to the start, before the first event (Home)"));
    toEnd->setText(tr("To &End"));
    toEnd->setToolTip(tr("Go to the last event (End)"));
    nextOutput->setText(tr("Run to Next &Output"));
    nextOutput->setToolTip(tr("Move to the next printed line (Ctrl+→)"));
    nextBreakpoint->setText(tr("&Continue to Breakpoint"));
    nextBreakpoint->setToolTip(tr("Move to the next event on a line with a breakpoint (F5)"));
    toggleBreakpoint->setText(tr("Toggle &Breakpoint"));
    toggleBreakpoint->setToolTip(tr("Set or remove a breakpoint on the current C++ line (F9)"));
    clearBreakpoints->setText(tr("C&lear All Breakpoints"));
    faster->setText(tr("Play &Faster"));
    slower->setText(tr("Play &Slower"));

    axisSteps->setText(tr("Steps"));
    axisSteps->setToolTip(tr("Timeline x axis: one column per event (Ctrl+1)"));
    axisTime->setText(tr("Time"));
    axisTime->setToolTip(tr("Timeline x axis: the run's clock, in seconds (Ctrl+2)"));
    fitTimeline->setText(tr("&Fit Timeline"));
    findSample->setText(tr("Find &Sample"));
    showGallery->setText(tr("Show &Gallery"));
    largerText->setText(tr("&Larger Text"));
    smallerText->setText(tr("S&maller Text"));
    defaultText->setText(tr("&Default Text Size"));
    languageSystem->setText(tr("&System Language"));

    shortcuts->setText(tr("&Keyboard Shortcuts"));
    about->setText(tr("&About Coroscope"));
    aboutQt->setText(tr("About &Qt"));
}

} // namespace coroscope
