#include "MainWindow.h"

#include "gui/ExportMenu.h"

#include "gui/AppSettings.h"
#include "gui/Classroom.h"
#include "gui/Language.h"
#include "gui/PythonChoice.h"
#include "gui/TryIt.h"
#include "model/CursorController.h"
#include "model/GalleryModel.h"
#include "model/PlaybackController.h"
#include "model/SaveFile.h"
#include "model/TraceDocument.h"
#include "model/TraceText.h"
#include "samples/Samples.h"
#include "timeline/TimelineWidget.h"
#include "trace/TraceFile.h"
#include "views/ConsolePane.h"
#include "views/EventTablePane.h"
#include "views/GalleryPane.h"
#include "views/LaneFilterBar.h"
#include "views/LoopStatePane.h"
#include "views/SourcePane.h"
#include "views/TimelinePane.h"
#include "views/TransportBar.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressDialog>
#include <QStandardPaths>
#include <QSplitter>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

static void initCoroscopeResources()
{
    Q_INIT_RESOURCE(coroscope); // resources/coroscope.qrc lives in the static coroscope_ui library
}

namespace coroscope {

namespace {

const char *const kFileFilter = QT_TRANSLATE_NOOP("coroscope::MainWindow", "Coroscope traces (*.coroscope)");
const char *const kAllFiles = QT_TRANSLATE_NOOP("coroscope::MainWindow", "All files (*)");

QString sampleIdOf(const Sample &s)
{
    return QString::fromUtf8(s.id.data(), qsizetype(s.id.size()));
}

} // namespace

MainWindow::MainWindow(bool persistent, const QString &language, QWidget *parent)
    : QMainWindow(parent)
    , m_persistent(persistent)
    , m_actions(this)
    , m_language(new Language(this))
    , m_document(new TraceDocument(this))
    , m_cursor(new CursorController(this))
    , m_playback(new PlaybackController(m_document, m_cursor, this))
    , m_loader(new TraceLoader(this))
{
    initCoroscopeResources();
    if (m_persistent)
        m_settings = std::make_unique<AppSettings>();
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/coroscope.svg")));
    setAcceptDrops(true);
    m_reportError = [this](const QString &title, const QString &text) {
        QMessageBox::critical(this, title, text);
    };
    // The language first: panes that read their texts once at construction get them right.
    const QString saved = m_settings ? m_settings->language() : QString();
    m_languageSetting = Language::normalize(language.isEmpty() ? saved : language);
    m_language->setLanguage(m_languageSetting);

    buildPanes();
    buildMenus();
    connectActions();
    m_classroom = std::make_unique<Classroom>(this, m_viewMenu, m_runMenu);
    m_pythonChoice = new PythonChoice(this, m_runMenu, m_settings.get());
    // Edits are kept in the app's data folder ($COROSCOPE_DATA_DIR, for tests and portable setups);
    // a window that keeps no settings keeps them for this process only.
    QString dataDir = qEnvironmentVariable("COROSCOPE_DATA_DIR");
    if (dataDir.isEmpty())
        dataDir = m_persistent ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                               : QDir::temp().filePath(QStringLiteral("coroscope-%1").arg(QCoreApplication::applicationPid()));
    m_tryIt = std::make_unique<TryIt>(this, m_fileMenu, m_editMenu, dataDir);

    m_statusOrigin = new QLabel;
    m_statusEvent = new QLabel;
    m_statusEvent->setObjectName(QStringLiteral("statusEvent"));
    m_statusEvent->setTextFormat(Qt::PlainText);
    statusBar()->addPermanentWidget(m_statusEvent, 1);
    statusBar()->addPermanentWidget(m_statusOrigin);

    connect(m_loader, &TraceLoader::started, this, &MainWindow::onLoadStarted);
    connect(m_loader, &TraceLoader::progressChanged, this, &MainWindow::onLoadProgress);
    connect(m_loader, &TraceLoader::finished, this, &MainWindow::onLoadFinished, Qt::QueuedConnection);
    connect(m_loader, &TraceLoader::partial, this, &MainWindow::onPartialTrace);
    connect(m_cursor, &CursorController::cursorChanged, this, &MainWindow::updateStatus);
    connect(m_cursor, &CursorController::cursorChanged, this, &MainWindow::updateActions);
    connect(m_playback, &PlaybackController::playingChanged, this, [this](bool playing) {
        m_actions.setPlaying(playing);
    });
    connect(m_playback, &PlaybackController::breakpointHit, this, [this](qint64 seq, int line) {
        statusBar()->showMessage(tr("Stopped at the breakpoint on line %1 (event %2).").arg(line).arg(seq), 8000);
    });
    connect(m_playback, &PlaybackController::reachedEnd, this, [this] {
        statusBar()->showMessage(tr("End of the run."), 5000);
    });
    connect(m_playback, &PlaybackController::speedChanged, this, [this](int speed) {
        if (m_settings)
            m_settings->setSpeed(speed);
    });
    connect(m_language, &Language::languageChanged, this, [this] {
        m_gallery->model()->setChinese(m_language->isChinese());
        m_actions.languageSystem->setChecked(m_languageSetting.isEmpty());
        m_actions.languageEnglish->setChecked(!m_languageSetting.isEmpty() && !m_language->isChinese());
        m_actions.languageChinese->setChecked(!m_languageSetting.isEmpty() && m_language->isChinese());
        updateStatus();
    });

    m_textSize = m_settings ? m_settings->textSize() : AppSettings::DefaultTextSize;
    setTextSize(m_textSize);
    setLanguage(m_languageSetting, false); // menus' check marks, the gallery's titles
    retranslate();
    updateActions();
    updateStatus();
}

MainWindow::~MainWindow()
{
    m_playback->pause();
}

void MainWindow::buildPanes()
{
    m_gallery = new GalleryPane;
    m_timeline = new TimelineWidget(m_document, m_cursor);
    m_timeline->setObjectName(QStringLiteral("timeline"));
    m_transport = new TransportBar(m_document, m_cursor, m_playback);
    m_events = new EventTablePane(m_document, m_cursor);
    m_source = new SourcePane(m_document, m_cursor, m_playback);
    m_console = new ConsolePane(m_document, m_cursor);
    m_loopState = new LoopStatePane(m_document, m_cursor);

    m_transport->addAction(m_actions.toStart);
    m_transport->addAction(m_actions.stepBack);
    m_transport->addAction(m_actions.playPause);
    m_transport->addAction(m_actions.stepForward);
    m_transport->addAction(m_actions.toEnd);
    m_transport->addSeparator();
    m_transport->addAction(m_actions.nextOutput);
    m_transport->addAction(m_actions.nextBreakpoint);
    m_transport->addAction(m_actions.stopRun); // shown while a script runs
    m_actions.stopRun->setVisible(false);
    m_transport->addTrailingAction(m_actions.axisSteps);
    m_transport->addTrailingAction(m_actions.axisTime);

    // The transport spans the window's width at the bottom, as in a media player: room for the
    // buttons, the position, a long scrub slider and the speed at any window size.
    auto *transportBar = m_transportToolBar = new QToolBar;
    transportBar->setObjectName(QStringLiteral("transportToolBar"));
    transportBar->setMovable(false);
    transportBar->setFloatable(false);
    transportBar->toggleViewAction()->setVisible(false);
    m_transport->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    transportBar->addWidget(m_transport);
    addToolBar(Qt::BottomToolBarArea, transportBar);

    m_centerSplitter = new QSplitter(Qt::Vertical);
    m_centerSplitter->setObjectName(QStringLiteral("centerSplitter"));
    m_timelinePane = new TimelinePane(m_timeline);
    m_centerSplitter->addWidget(m_timelinePane);
    m_centerSplitter->addWidget(m_events);
    m_centerSplitter->setStretchFactor(0, 3);
    m_centerSplitter->setStretchFactor(1, 1);
    m_centerSplitter->setCollapsible(0, false);

    m_rightSplitter = new QSplitter(Qt::Vertical);
    m_rightSplitter->setObjectName(QStringLiteral("rightSplitter"));
    m_rightSplitter->addWidget(m_source);
    m_rightSplitter->addWidget(m_console);
    m_rightSplitter->addWidget(m_loopState);
    m_rightSplitter->setStretchFactor(0, 2);
    m_rightSplitter->setStretchFactor(1, 1);
    m_rightSplitter->setStretchFactor(2, 1);

    m_mainSplitter = new QSplitter(Qt::Horizontal);
    m_mainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    m_mainSplitter->addWidget(m_gallery);
    m_mainSplitter->addWidget(m_centerSplitter);
    m_mainSplitter->addWidget(m_rightSplitter);
    m_mainSplitter->setStretchFactor(0, 0);
    m_mainSplitter->setStretchFactor(1, 1);
    m_mainSplitter->setStretchFactor(2, 1);
    m_mainSplitter->setCollapsible(1, false);
    for (QSplitter *s : splitters())
        s->setHandleWidth(5);
    setCentralWidget(m_mainSplitter);

    connect(m_gallery, &GalleryPane::sampleActivated, this, [this](const QString &id) {
        runSample(id);
        m_timeline->setFocus(Qt::OtherFocusReason); // the stepping keys act at once
    });
    m_timeline->setFocus(Qt::OtherFocusReason); // not the gallery's filter box: → and End step from the start
}

QList<QSplitter *> MainWindow::splitters() const
{
    return {m_mainSplitter, m_centerSplitter, m_rightSplitter, m_source->splitter()};
}

void MainWindow::setDefaultSplitterSizes()
{
    const int w = std::max(width(), 800);
    const int h = std::max(height(), 500);
    // The timeline is the point of the app: it gets the largest share, the events table what a
    // few rows need.
    const int gallery = std::clamp(w * 11 / 100, 190, 240);
    const int right = w * 35 / 100;
    m_mainSplitter->setSizes({gallery, w - gallery - right, right});
    const int timeline = 80;
    m_centerSplitter->setSizes({h * timeline / 100, h * (100 - timeline) / 100});
    m_rightSplitter->setSizes({h * 54 / 100, h * 23 / 100, h * 23 / 100});
    m_source->splitter()->setSizes({right * 56 / 100, right * 44 / 100});
}

void MainWindow::buildMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_actions.open);
    m_recentMenu = m_fileMenu->addMenu(QString());
    m_recentMenu->setIcon(QIcon::fromTheme(QStringLiteral("document-open-recent")));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::updateRecentMenu);
    m_fileMenu->addAction(m_actions.save);
    m_export = new ExportMenu(this, m_document, m_cursor, m_timeline);
    m_fileMenu->addMenu(m_export->menu());
    connect(m_export, &ExportMenu::failed, this,
            [this](const QString &title, const QString &text) { m_reportError(title, text); });
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_actions.quit);

    m_editMenu = menuBar()->addMenu(QString()); // Try It fills it

    m_viewMenu = menuBar()->addMenu(QString());
    m_axisMenu = m_viewMenu->addMenu(QString());
    m_axisMenu->addAction(m_actions.axisSteps);
    m_axisMenu->addAction(m_actions.axisTime);
    m_viewMenu->addAction(m_actions.fitTimeline);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_actions.findSample);
    m_viewMenu->addAction(m_timelinePane->filterBar()->findAction());
    m_viewMenu->addAction(m_actions.showGallery);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_actions.largerText);
    m_viewMenu->addAction(m_actions.smallerText);
    m_viewMenu->addAction(m_actions.defaultText);
    m_viewMenu->addSeparator();
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageMenu->addAction(m_actions.languageSystem);
    m_languageMenu->addAction(m_actions.languageEnglish);
    m_languageMenu->addAction(m_actions.languageChinese);

    m_runMenu = menuBar()->addMenu(QString());
    m_runMenu->addAction(m_actions.runOnCpp);
    m_runMenu->addAction(m_actions.runOnCPython);
    m_runMenu->addSeparator();
    m_runMenu->addAction(m_actions.rerun);
    m_runMenu->addAction(m_actions.stopRun);
    m_runMenu->addSeparator();
    m_runMenu->addAction(m_actions.playPause);
    m_runMenu->addAction(m_actions.stepForward);
    m_runMenu->addAction(m_actions.stepBack);
    m_runMenu->addAction(m_actions.toStart);
    m_runMenu->addAction(m_actions.toEnd);
    m_runMenu->addAction(m_actions.nextOutput);
    m_runMenu->addAction(m_actions.nextBreakpoint);
    m_runMenu->addSeparator();
    m_runMenu->addAction(m_actions.toggleBreakpoint);
    m_runMenu->addAction(m_actions.clearBreakpoints);
    m_runMenu->addSeparator();
    m_runMenu->addAction(m_actions.faster);
    m_runMenu->addAction(m_actions.slower);

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_actions.shortcuts);
    m_helpMenu->addSeparator();
    m_helpMenu->addAction(m_actions.about);
    m_helpMenu->addAction(m_actions.aboutQt);
}

void MainWindow::connectActions()
{
    Actions &a = m_actions;
    connect(a.open, &QAction::triggered, this, &MainWindow::chooseTraceToOpen);
    connect(a.save, &QAction::triggered, this, &MainWindow::chooseFileToSave);
    connect(a.clearRecent, &QAction::triggered, this, [this] {
        if (m_settings)
            m_settings->clearRecentFiles();
    });
    connect(a.quit, &QAction::triggered, this, &QWidget::close);

    connect(a.rerun, &QAction::triggered, this, [this] {
        if (m_tryIt && m_tryIt->isEditing())
            m_tryIt->runEdited(); // Ctrl+R runs what is in the editor
        else if (const QString script = m_document->scriptPath(); !script.isEmpty())
            openScript(script);
        else if (!m_document->sampleId().isEmpty())
            runSample(m_document->sampleId());
    });
    connect(a.runOnCpp, &QAction::triggered, this, [this] { setRuntime(Runtime::Cpp); });
    connect(a.runOnCPython, &QAction::triggered, this, [this] { setRuntime(Runtime::CPython); });
    connect(a.stopRun, &QAction::triggered, m_loader, &TraceLoader::stop);
    connect(a.playPause, &QAction::triggered, m_playback, &PlaybackController::togglePlay);
    // Stepping by hand stops playback first: the user takes over. Plain lambdas: a nested lambda
    // calling through a captured pointer to member read a dead stack slot under GCC 12 (ASan:
    // stack-buffer-underflow in tst_classroom and tst_mainwindow).
    connect(a.stepForward, &QAction::triggered, this, [this] {
        m_playback->pause();
        m_cursor->stepForward();
    });
    connect(a.stepBack, &QAction::triggered, this, [this] {
        m_playback->pause();
        m_cursor->stepBack();
    });
    connect(a.toStart, &QAction::triggered, this, [this] {
        m_playback->pause();
        m_cursor->toStart();
    });
    connect(a.toEnd, &QAction::triggered, this, [this] {
        m_playback->pause();
        m_cursor->toEnd();
    });
    connect(a.nextOutput, &QAction::triggered, this, [this] {
        if (!m_playback->runToNextOutput())
            statusBar()->showMessage(tr("Nothing more is printed after this event."), 5000);
    });
    connect(a.nextBreakpoint, &QAction::triggered, this, [this] {
        if (m_playback->breakpoints().empty())
            statusBar()->showMessage(tr("No breakpoints: click a line number in the C++ source to set one."), 6000);
        else if (!m_playback->runToNextBreakpoint())
            statusBar()->showMessage(tr("No breakpoint is reached after this event."), 5000);
    });
    connect(a.toggleBreakpoint, &QAction::triggered, this, &MainWindow::toggleBreakpointAtCurrentLine);
    connect(a.clearBreakpoints, &QAction::triggered, m_playback, &PlaybackController::clearBreakpoints);
    connect(a.faster, &QAction::triggered, this, [this] { changeSpeed(+1); });
    connect(a.slower, &QAction::triggered, this, [this] { changeSpeed(-1); });

    connect(a.axisSteps, &QAction::triggered, this, [this] { m_cursor->setAxisMode(CursorController::AxisMode::Steps); });
    connect(a.axisTime, &QAction::triggered, this, [this] { m_cursor->setAxisMode(CursorController::AxisMode::Time); });
    connect(m_cursor, &CursorController::axisModeChanged, this, [this](CursorController::AxisMode mode) {
        (mode == CursorController::AxisMode::Steps ? m_actions.axisSteps : m_actions.axisTime)->setChecked(true);
    });
    connect(a.fitTimeline, &QAction::triggered, m_timeline, &TimelineWidget::fitAll);
    connect(a.findSample, &QAction::triggered, this, [this] {
        m_actions.showGallery->setChecked(true);
        m_gallery->filterEdit()->setFocus();
        m_gallery->filterEdit()->selectAll();
    });
    connect(a.showGallery, &QAction::toggled, m_gallery, &QWidget::setVisible);
    connect(a.largerText, &QAction::triggered, this, [this] { setTextSize(m_textSize + 1); });
    connect(a.smallerText, &QAction::triggered, this, [this] { setTextSize(m_textSize - 1); });
    connect(a.defaultText, &QAction::triggered, this, [this] { setTextSize(AppSettings::DefaultTextSize); });
    connect(a.languageSystem, &QAction::triggered, this, [this] { setLanguage(QString(), true); });
    connect(a.languageEnglish, &QAction::triggered, this, [this] { setLanguage(QStringLiteral("en"), true); });
    connect(a.languageChinese, &QAction::triggered, this, [this] { setLanguage(QStringLiteral("zh_CN"), true); });

    connect(a.shortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
    connect(a.about, &QAction::triggered, this, &MainWindow::showAbout);
    connect(a.aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
    // Actions with single keys (Space, arrows) belong to the window, not to a menu that may be hidden.
    addActions({a.playPause, a.stepForward, a.stepBack, a.toStart, a.toEnd, a.nextOutput, a.nextBreakpoint,
                a.toggleBreakpoint, a.faster, a.slower, a.stopRun, a.runOnCpp, a.runOnCPython});
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslate()
{
    m_actions.retranslate();
    m_fileMenu->setTitle(tr("&File"));
    m_editMenu->setTitle(tr("&Edit"));
    if (m_tryIt)
        m_tryIt->retranslate();
    m_recentMenu->setTitle(tr("Open &Recent"));
    m_viewMenu->setTitle(tr("&View"));
    m_axisMenu->setTitle(tr("Timeline &Axis"));
    m_languageMenu->setTitle(tr("&Language"));
    m_runMenu->setTitle(tr("&Run"));
    m_helpMenu->setTitle(tr("&Help"));
    m_transportToolBar->setWindowTitle(tr("Transport"));
    updateTitle();
    updateStatus();
}

// --- loading and saving ---------------------------------------------------------------------

bool MainWindow::runSample(const QString &id)
{
    const Sample *sample = findSample(id.toStdString());
    if (!sample) {
        m_reportError(tr("Unknown sample"), tr("There is no sample \"%1\".").arg(id));
        return false;
    }
    if (m_settings)
        m_settings->setLastSample(id);
    // Every run happens off the GUI thread, a virtual-clock one too (a few milliseconds): the window
    // answers whatever the program does, and the progress dialog's Cancel stops it.
    m_loadIsRun = true;
    if (m_runtime == Runtime::CPython) {
        const QString mirror = m_loader->mirrorPath(id);
        if (mirror.isEmpty()) {
            m_reportError(tr("Could not run on CPython"), tr("The Python mirror of \"%1\" could not be written to a "
                                                             "temporary folder.").arg(id));
            return false;
        }
        startScript(mirror, id, sample->clock);
        return true;
    }
    m_loader->runSample(id);
    return true;
}

void MainWindow::setRuntime(Runtime runtime)
{
    (runtime == Runtime::Cpp ? m_actions.runOnCpp : m_actions.runOnCPython)->setChecked(true);
    if (runtime == m_runtime)
        return;
    m_runtime = runtime;
    if (m_settings)
        m_settings->setPythonRuntime(runtime == Runtime::CPython);
    // The sample shown runs again on the other runtime: both draw the same way.
    if (const QString id = m_document->sampleId(); !id.isEmpty() && m_document->sample())
        runSample(id);
}

void MainWindow::openScript(const QString &path)
{
    startScript(QFileInfo(path).absoluteFilePath(), QString(), ClockMode::Virtual);
}

void MainWindow::startScript(const QString &path, const QString &sampleId, ClockMode clock,
                             TraceLoader::Metadata metadata)
{
    m_loadIsRun = true;
    m_live = false;
    const QString name = sampleId.isEmpty() ? QFileInfo(path).fileName() : sampleId;
    statusBar()->showMessage(tr("Running %1 on CPython… (Shift+F5 stops it)").arg(name));
    m_loader->runScript(path, sampleId, clock, std::move(metadata));
    updateActions();
}

void MainWindow::openPath(const QString &path)
{
    if (QFileInfo(path).suffix().compare(QLatin1String("py"), Qt::CaseInsensitive) == 0)
        openScript(path);
    else
        openTrace(path);
}

void MainWindow::runProgram(const QString &name, std::function<void()> module, RunOptions options)
{
    statusBar()->showMessage(tr("Running %1…").arg(name));
    m_loadIsRun = true;
    m_loader->runProgram(name, std::move(module), std::move(options));
}

void MainWindow::openTrace(const QString &path)
{
    statusBar()->showMessage(tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
    m_loadIsRun = false;
    m_loader->loadFile(path);
}

void MainWindow::onLoadStarted(const QString &origin)
{
    // A script runs with the window open to it: its timeline grows, Stop ends it. No modal dialog.
    if (m_loader->isScriptRunning())
        return;
    if (!m_progress) {
        m_progress = new QProgressDialog(this);
        m_progress->setWindowModality(Qt::WindowModal);
        m_progress->setMinimumDuration(300);
        m_progress->setAutoClose(false);
        m_progress->setAutoReset(false);
        connect(m_progress, &QProgressDialog::canceled, m_loader, &TraceLoader::cancel);
    }
    m_progress->setWindowTitle(tr("Coroscope"));
    m_progress->setLabelText(m_loadIsRun ? tr("Running %1…").arg(origin)
                                         : tr("Loading %1…").arg(QFileInfo(origin).fileName()));
    m_progress->setCancelButtonText(tr("Cancel"));
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
}

void MainWindow::onLoadProgress(int percent)
{
    if (!m_progress)
        return;
    if (percent < 0) {
        m_progress->setRange(0, 0); // busy: parsing or running
    } else {
        m_progress->setRange(0, 100);
        m_progress->setValue(percent);
    }
}

void MainWindow::onPartialTrace(const QString &origin, std::shared_ptr<const Trace> trace)
{
    // A growing trace: shown as it is, the cursor kept at the newest event unless the user moved it.
    const bool follow = !m_live || m_cursor->cursor() >= m_cursor->eventCount() - 1;
    const qint64 cursor = m_cursor->cursor();
    const bool fit = !m_live;
    m_live = true;
    showTrace(Trace(*trace), origin, QString(), follow ? qint64(trace->events.size()) - 1 : cursor, fit);
    statusBar()->showMessage(tr("Running %1 on CPython: events so far: %2… (Shift+F5 stops it)")
                                 .arg(QFileInfo(origin).fileName())
                                 .arg(trace->events.size()));
}

void MainWindow::onLoadFinished(const TraceLoadResult &result)
{
    if (m_progress) {
        m_progress->reset();
        m_progress->hide();
    }
    const qint64 step = std::exchange(m_pendingStep, -2);
    const bool wasLive = std::exchange(m_live, false);
    switch (result.status) {
    case TraceLoadResult::Status::Loaded: {
        if (result.isFile) {
            if (m_settings) {
                m_settings->addRecentFile(result.origin);
                m_settings->setLastDirectory(QFileInfo(result.origin).absolutePath());
            }
        }
        // A run watched live ends where the user is: at the end if they followed it.
        qint64 to = step >= -1 ? step : -1;
        if (wasLive)
            to = m_cursor->cursor() >= m_cursor->eventCount() - 1 ? qint64(result.trace->events.size()) - 1
                                                                  : m_cursor->cursor();
        showTrace(std::move(*result.trace), result.origin, result.error, to, !wasLive);
        if (result.isFile && !result.isScript)
            statusBar()->showMessage(tr("Opened %1.").arg(QDir::toNativeSeparators(result.origin)), 5000);
        break;
    }
    case TraceLoadResult::Status::Failed:
        if (result.isScript) {
            // The run shown before stays; the line of a SyntaxError is marked where the script is shown.
            const QString name = result.isFile ? QFileInfo(result.origin).fileName() : result.origin;
            statusBar()->showMessage(result.errorLine > 0 ? tr("%1 did not run: %2").arg(name, result.error)
                                                          : tr("%1 could not run: %2").arg(name, result.error),
                                     15000);
            emit scriptFailed(result.origin, result.errorLine, result.errorColumn, result.error);
            // A script being edited has its line marked in the editor: no dialog over it.
            const bool marked = m_tryIt && m_tryIt->isEditing() && result.errorLine > 0
                                && QFileInfo(result.origin) == QFileInfo(m_tryIt->autosavePath());
            if (!marked && (result.origin != m_document->origin() || result.errorLine <= 0))
                m_reportError(tr("Could not run the script"),
                              result.details.isEmpty() ? result.error : result.details);
            updateActions();
            break;
        }
        {
        // The trace shown before stays: nothing was replaced.
        const QString name = QDir::toNativeSeparators(result.origin);
        QString text = result.hasOffset ? tr("%1 is not a valid Coroscope trace.\n\n%2\n(at byte offset %3)")
                                              .arg(name, result.error)
                                              .arg(result.offset)
                                        : tr("Could not read %1:\n\n%2").arg(name, result.error);
        statusBar()->showMessage(tr("Could not open %1.").arg(name), 8000);
        emit loadFailed(result.origin, result.error, result.offset);
        m_reportError(tr("Could not open trace"), text);
        }
        break;
    case TraceLoadResult::Status::Canceled:
        statusBar()->showMessage(m_loadIsRun ? tr("Run canceled.") : tr("Loading canceled."), 5000);
        break;
    }
}

void MainWindow::showTrace(Trace trace, const QString &origin, const QString &error, qint64 step, bool fit)
{
    if (!m_live)
        m_playback->pause();
    // Every signal the panes see has a cursor valid for the trace they see.
    m_cursor->setCursor(-1);
    m_document->setTrace(std::move(trace), origin, error);
    m_cursor->setEventCount(m_document->eventCount());
    m_cursor->setCursor(step);
    if (fit || m_live)
        m_timeline->fitAll();
    m_gallery->setCurrentSample(m_document->sampleId());
    updateTitle();
    updateStatus();
    updateActions();
    if (m_live)
        ; // the status bar counts the events as they come
    else if (!error.isEmpty())
        statusBar()->showMessage(tr("The run stopped: %1").arg(error), 10000);
    else if (step < 0)
        statusBar()->showMessage(tr("Press Space to play, → to step, ← to step back."), 8000);
    emit traceShown(origin);
}

bool MainWindow::saveTrace(const QString &path)
{
    const std::string bytes = serializeTrace(m_document->trace());
    QString why;
    if (!saveFileAtomically(path, QByteArray::fromRawData(bytes.data(), qsizetype(bytes.size())), &why)) {
        const QString name = QDir::toNativeSeparators(path);
        statusBar()->showMessage(tr("Could not save %1.").arg(name), 8000);
        m_reportError(tr("Could not save trace"), tr("Could not write %1:\n\n%2").arg(name, why));
        return false;
    }
    if (m_settings) {
        m_settings->addRecentFile(path);
        m_settings->setLastDirectory(QFileInfo(path).absolutePath());
    }
    statusBar()->showMessage(tr("Saved %1.").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

void MainWindow::chooseTraceToOpen()
{
    const QString dir = m_settings ? m_settings->lastDirectory() : QString();
    const QString filters = tr("Python scripts and traces (*.py *.coroscope *.json)") + QStringLiteral(";;")
        + tr("Python scripts (*.py)") + QStringLiteral(";;") + tr(kFileFilter) + QStringLiteral(";;")
        + tr("Chrome trace JSON (*.json)") + QStringLiteral(";;") + tr(kAllFiles);
    const QString path = QFileDialog::getOpenFileName(this, tr("Open"), dir, filters);
    if (!path.isEmpty())
        openPath(path);
}

void MainWindow::chooseFileToSave()
{
    if (m_document->isEmpty())
        return;
    QString name = m_document->sampleId().isEmpty() ? QStringLiteral("trace") : m_document->sampleId();
    const QString dir = m_settings && !m_settings->lastDirectory().isEmpty() ? m_settings->lastDirectory()
                                                                            : QDir::homePath();
    QString path = QFileDialog::getSaveFileName(this, tr("Save Trace"), QDir(dir).filePath(name + ".coroscope"),
                                                tr(kFileFilter));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".coroscope");
    saveTrace(path);
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = m_settings ? m_settings->recentFiles() : QStringList();
    int n = 0;
    for (const QString &file : files) {
        ++n;
        const QString label = QStringLiteral("&%1  %2").arg(n).arg(QFileInfo(file).fileName());
        QAction *a = m_recentMenu->addAction(label);
        a->setToolTip(QDir::toNativeSeparators(file));
        a->setStatusTip(QDir::toNativeSeparators(file));
        connect(a, &QAction::triggered, this, [this, file] { openPath(file); });
    }
    if (files.isEmpty()) {
        QAction *none = m_recentMenu->addAction(tr("No recent files"));
        none->setEnabled(false);
    }
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(m_actions.clearRecent);
    m_actions.clearRecent->setEnabled(!files.isEmpty());
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const auto urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const auto urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile()) {
        openPath(urls.first().toLocalFile());
        event->acceptProposedAction();
    }
}

// --- view ----------------------------------------------------------------------------------------

bool MainWindow::setLanguage(const QString &code, bool remember)
{
    const QString setting = code.isEmpty() ? QString() : Language::normalize(code);
    if (!code.isEmpty() && setting.isEmpty())
        return false;
    m_languageSetting = setting;
    if (!m_language->setLanguage(setting))
        return false;
    if (remember && m_settings)
        m_settings->setLanguage(setting);
    // Checked state follows even when the language itself did not change (System -> its own language).
    m_actions.languageSystem->setChecked(setting.isEmpty());
    m_actions.languageEnglish->setChecked(setting == QLatin1String("en"));
    m_actions.languageChinese->setChecked(setting == QLatin1String("zh_CN"));
    m_gallery->model()->setChinese(m_language->isChinese());
    return true;
}

void MainWindow::setTextSize(int points)
{
    points = std::clamp(points, AppSettings::MinTextSize, AppSettings::MaxTextSize);
    m_textSize = points;
    QFont font = QApplication::font();
    if (font.pointSize() != points) {
        font.setPointSize(points);
        QApplication::setFont(font); // panes with their own fonts follow on ApplicationFontChange
        // ... which Qt sends only to windows (or to nobody before exec()): tell the panes directly.
        QEvent change(QEvent::ApplicationFontChange);
        for (QWidget *w : QApplication::allWidgets())
            if (!w->isWindow())
                QCoreApplication::sendEvent(w, &change);
    }
    m_timeline->setPointSize(points);
    if (m_settings)
        m_settings->setTextSize(points);
    m_actions.smallerText->setEnabled(points > AppSettings::MinTextSize);
    m_actions.largerText->setEnabled(points < AppSettings::MaxTextSize);
}

void MainWindow::changeSpeed(int direction)
{
    const auto &steps = PlaybackController::speedSteps();
    auto it = std::lower_bound(steps.begin(), steps.end(), m_playback->speed());
    std::ptrdiff_t i = it - steps.begin();
    i = std::clamp<std::ptrdiff_t>(i + direction, 0, std::ptrdiff_t(steps.size()) - 1);
    m_playback->setSpeed(steps[std::size_t(i)]);
    statusBar()->showMessage(tr("Speed: %1 events per second.").arg(m_playback->speed()), 3000);
}

void MainWindow::toggleBreakpointAtCurrentLine()
{
    const int line = m_source->breakpointLine();
    if (line <= 0 || (!m_document->sample() && !m_document->isPythonRun())) {
        statusBar()->showMessage(tr("Click a line number in the source to set a breakpoint there."), 6000);
        return;
    }
    m_playback->toggleBreakpoint(line);
    statusBar()->showMessage(m_playback->hasBreakpoint(line) ? tr("Breakpoint set on line %1.").arg(line)
                                                             : tr("Breakpoint removed from line %1.").arg(line),
                             4000);
}

void MainWindow::updateTitle()
{
    QString what = m_document->origin();
    if (!what.isEmpty() && QFileInfo(what).isAbsolute())
        what = QFileInfo(what).fileName();
    if (const Sample *s = m_document->sample(); s && m_document->origin() == sampleIdOf(*s)) {
        const auto title = m_language->isChinese() ? s->titleZh : s->title;
        what = QStringLiteral("%1 (%2)").arg(QString::fromUtf8(title.data(), qsizetype(title.size())), what);
    }
    const auto edited = m_document->trace().metaValue("edit-name");
    if (!edited.empty())
        what = tr("%1 (edited)").arg(QString::fromStdString(edited));
    if (m_document->isPythonRun())
        what = tr("%1 · CPython").arg(what);
    setWindowTitle(what.isEmpty() ? tr("Coroscope") : tr("%1 — Coroscope").arg(what));
    // An edited run's file is Try It's own copy: its name says more than its folder.
    m_statusOrigin->setText(m_document->origin().isEmpty() ? QString()
                            : !edited.empty()              ? tr("%1 (edited)").arg(QString::fromStdString(edited))
                                                           : QDir::toNativeSeparators(m_document->origin()));
}

void MainWindow::updateStatus()
{
    if (!m_statusEvent)
        return;
    const qint64 seq = m_cursor->cursor();
    const Trace &trace = m_document->trace();
    if (m_document->isEmpty()) {
        m_statusEvent->setText(tr("No trace: choose a sample in the gallery or open a trace file."));
    } else if (seq < 0 || std::size_t(seq) >= trace.events.size()) {
        m_statusEvent->setText(tr("Before the first event."));
    } else {
        const Event &e = trace.events[std::size_t(seq)];
        QStringList parts{tr("Event %1").arg(seq), TraceText::time(trace.time(std::uint32_t(seq))), TraceText::laneName(trace, e.lane),
                          TraceText::kind(e.eventKind())};
        if (const QString detail = TraceText::detail(trace, e); !detail.isEmpty())
            parts << detail;
        if (const QString where = TraceText::location(trace, e); !where.isEmpty())
            parts << where;
        m_statusEvent->setText(parts.join(QStringLiteral("  ·  ")));
    }
}

void MainWindow::updateActions()
{
    const bool any = !m_document->isEmpty();
    const qint64 seq = m_cursor->cursor();
    const qint64 last = m_cursor->eventCount() - 1;
    m_actions.save->setEnabled(any);
    m_actions.rerun->setEnabled((!m_document->sampleId().isEmpty() && m_document->sample())
                                || !m_document->scriptPath().isEmpty());
    const bool running = m_loader->isScriptRunning();
    m_actions.stopRun->setEnabled(running);
    m_actions.stopRun->setVisible(running);
    m_actions.playPause->setEnabled(any);
    m_actions.stepBack->setEnabled(any && seq > -1);
    m_actions.toStart->setEnabled(any && seq > -1);
    m_actions.stepForward->setEnabled(any && seq < last);
    m_actions.toEnd->setEnabled(any && seq < last);
    m_actions.nextOutput->setEnabled(any && m_document->index().nextOutputAfter(seq) >= 0);
    m_actions.nextBreakpoint->setEnabled(any);
    m_actions.toggleBreakpoint->setEnabled(m_document->sample() != nullptr || m_document->isPythonRun());
}

void MainWindow::showShortcuts()
{
    const Actions &a = m_actions;
    QString rows;
    for (QAction *action : {a.playPause, a.stepForward, a.stepBack, a.toStart, a.toEnd, a.nextOutput, a.nextBreakpoint,
                            a.toggleBreakpoint, a.faster, a.slower, a.rerun, a.runOnCpp, a.runOnCPython,
                            m_pythonChoice->choose, a.stopRun,
                            m_tryIt->toggle, m_tryIt->run, m_tryIt->whatChanged, m_tryIt->newScript, m_tryIt->saveAs,
                            a.axisSteps, a.axisTime, a.fitTimeline, a.findSample, a.showGallery, a.largerText,
                            a.smallerText, a.open, a.save}) {
        QString text = action->text();
        text.remove(u'&');
        rows += QStringLiteral("<tr><td style='padding-right:24px'><b>%1</b></td><td>%2</td></tr>")
                    .arg(action->shortcut().toString(QKeySequence::NativeText).toHtmlEscaped(), text.toHtmlEscaped());
    }
    auto *box = new QMessageBox(QMessageBox::NoIcon, tr("Keyboard Shortcuts"),
                                QStringLiteral("<table>%1</table>").arg(rows), QMessageBox::Close, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Coroscope"),
                       tr("<h3>Coroscope %1</h3>"
                          "<p>Coroscope makes coroutine scheduling visible. It runs small async programs on its own "
                          "C++20 scheduler, which follows CPython asyncio's rules, records every event with its time "
                          "and source line, and lets you step through the run forwards and backwards.</p>"
                          "<p>Each sample is a C++ port shown beside the Python program it mirrors.</p>")
                           .arg(QCoreApplication::applicationVersion()));
}

// --- session -------------------------------------------------------------------------------------

QString MainWindow::restoreSession()
{
    bool splittersRestored = false;
    if (m_settings) {
        restoreGeometry(m_settings->windowGeometry());
        restoreState(m_settings->windowState());
        splittersRestored = true;
        for (QSplitter *s : splitters())
            splittersRestored = s->restoreState(m_settings->splitterState(s->objectName())) && splittersRestored;
        m_playback->setSpeed(m_settings->speed());
        setRuntime(m_settings->pythonRuntime() ? Runtime::CPython : Runtime::Cpp);
    }
    if (!splittersRestored)
        setDefaultSplitterSizes();
    m_actions.showGallery->setChecked(true);
    QString sample = m_settings ? m_settings->lastSample() : QString();
    if (sample.isEmpty() || !findSample(sample.toStdString()))
        sample = findSample("gather-order") ? QStringLiteral("gather-order")
                                            : (sampleList().empty() ? QString() : sampleIdOf(sampleList().front()));
    return sample;
}

void MainWindow::saveSession()
{
    if (!m_settings)
        return;
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    for (QSplitter *s : splitters())
        m_settings->setSplitterState(s->objectName(), s->saveState());
    m_settings->setSpeed(m_playback->speed());
    m_settings->sync();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_playback->pause();
    m_loader->cancel();
    saveSession();
    QMainWindow::closeEvent(event);
}

} // namespace coroscope
