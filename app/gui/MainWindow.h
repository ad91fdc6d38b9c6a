#pragma once

#include "gui/Actions.h"
#include "model/TraceLoader.h"


#include <QMainWindow>

#include <functional>
#include <memory>

class QLabel;
class QMenu;
class QProgressDialog;
class QSplitter;
class QToolBar;

namespace coroscope {

class PythonChoice;
class TryIt;

class AppSettings;
class Classroom;
class ConsolePane;
class CursorController;
class ExportMenu;
class EventTablePane;
class GalleryPane;
class Language;
class LoopStatePane;
class PlaybackController;
class SourcePane;
class TimelinePane;
class TimelineWidget;
class TraceDocument;
class TransportBar;

// The app's window: gallery | timeline over transport and event table | source, console and loop
// state. It owns the document and the one cursor every pane follows, runs samples, opens and saves
// trace files (reading off the GUI thread), and keeps the settings.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // `persistent`: read and write QSettings (false for --screenshot and tests that want defaults).
    // `language`: "en" / "zh_CN" for this session (--lang); empty: the saved choice, else the system's.
    // It is installed before the panes are built, so that every pane starts in it.
    explicit MainWindow(bool persistent = true, const QString &language = {}, QWidget *parent = nullptr);
    ~MainWindow() override;

    TraceDocument *document() const { return m_document; }
    // The trace shown is a script's that is still running (traceShown comes again as it grows).
    bool isLive() const { return m_live; }
    CursorController *cursor() const { return m_cursor; }
    PlaybackController *playback() const { return m_playback; }
    TraceLoader *loader() const { return m_loader; }
    Language *language() const { return m_language; }
    Actions &actions() { return m_actions; }
    GalleryPane *gallery() const { return m_gallery; }
    TimelineWidget *timeline() const { return m_timeline; }
    TimelinePane *timelinePane() const { return m_timelinePane; }
    ExportMenu *exportMenu() const { return m_export; }
    SourcePane *sourcePane() const { return m_source; }
    ConsolePane *consolePane() const { return m_console; }
    LoopStatePane *loopStatePane() const { return m_loopState; }
    EventTablePane *eventTable() const { return m_events; }
    TransportBar *transport() const { return m_transport; }
    QLabel *statusLabel() const { return m_statusEvent; }
    Classroom &classroom() { return *m_classroom; } // presentation, predict, bookmarks, compare

    // How errors reach the user; a QMessageBox by default. Tests install their own.
    using ErrorReporter = std::function<void(const QString &title, const QString &text)>;
    void setErrorReporter(ErrorReporter reporter) { m_reportError = std::move(reporter); }

    // Runs a gallery sample on a worker thread; traceShown follows when its trace is shown. False for
    // an unknown id.
    bool runSample(const QString &id);
    // Runs any program on a worker thread (a runaway one too: the progress dialog's Cancel, or
    // loader()->cancel(), stops it); traceShown follows, or a "canceled" status message.
    void runProgram(const QString &name, std::function<void()> module, RunOptions options = {});
    // Reads a trace file on a worker thread; traceShown or loadFailed follows. A broken file keeps
    // the trace shown before.
    void openTrace(const QString &path);
    // Traces a Python script on CPython on a worker thread; its timeline grows while it runs
    // (Run > Stop ends it). traceShown follows, or scriptFailed (a SyntaxError: the trace shown before
    // stays).
    void openScript(const QString &path);
    // A .py file is traced, anything else opened as a trace.
    void openPath(const QString &path);
    // Traces `path` on CPython; `sampleId`: it is that sample's mirror; `metadata` goes into the trace.
    void startScript(const QString &path, const QString &sampleId, ClockMode clock,
                     TraceLoader::Metadata metadata = {});
    TryIt &tryIt() { return *m_tryIt; }
    // Run > Python Interpreter…: which Python scripts run on.
    PythonChoice &pythonChoice() { return *m_pythonChoice; }
    // Which runtime gallery samples run on: their C++ ports, or their Python mirrors on CPython.
    enum class Runtime { Cpp, CPython };
    Runtime runtime() const { return m_runtime; }
    void setRuntime(Runtime runtime);
    // Writes the trace shown now through a QSaveFile: a failed save leaves the file that was there
    // untouched. False, with the error reported, on failure.
    bool saveTrace(const QString &path);
    // Shows `trace`; the cursor goes to `step` (-1: before the first event).
    // `fit`: the timeline shows the whole run (else it keeps its range).
    void showTrace(Trace trace, const QString &origin, const QString &error = {}, qint64 step = -1, bool fit = true);
    // The cursor position to use after the next load (the --step option), instead of the start.
    void setPendingStep(qint64 step) { m_pendingStep = step; }

    bool setLanguage(const QString &code, bool remember);
    void setTextSize(int points);
    int textSize() const { return m_textSize; }

    // What the user saved last time: geometry, splitters, speed; returns the sample to open.
    QString restoreSession();
    void saveSession();

signals:
    void traceShown(const QString &origin);
    void loadFailed(const QString &path, const QString &message, quint64 offset);
    // A script could not run: `line` is where its SyntaxError is (0: not a line of it).
    void scriptFailed(const QString &origin, int line, int column, const QString &message);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildPanes();
    void buildMenus();
    void connectActions();
    void retranslate();
    void setDefaultSplitterSizes();
    void updateTitle();
    void updateStatus();
    void updateActions();
    void updateRecentMenu();
    void onLoadStarted(const QString &origin);
    void onLoadProgress(int percent);
    void onLoadFinished(const TraceLoadResult &result);
    void onPartialTrace(const QString &origin, std::shared_ptr<const Trace> trace);

    void chooseTraceToOpen();
    void chooseFileToSave();
    void toggleBreakpointAtCurrentLine();
    void changeSpeed(int direction);
    void showShortcuts();
    void showAbout();
    QList<QSplitter *> splitters() const;

    bool m_persistent;
    std::unique_ptr<AppSettings> m_settings;
    Actions m_actions;
    Language *m_language;
    TraceDocument *m_document;
    CursorController *m_cursor;
    PlaybackController *m_playback;
    TraceLoader *m_loader;

    GalleryPane *m_gallery = nullptr;
    TimelineWidget *m_timeline = nullptr;
    TimelinePane *m_timelinePane = nullptr;
    ExportMenu *m_export = nullptr;
    TransportBar *m_transport = nullptr;
    EventTablePane *m_events = nullptr;
    SourcePane *m_source = nullptr;
    ConsolePane *m_console = nullptr;
    LoopStatePane *m_loopState = nullptr;
    QToolBar *m_transportToolBar = nullptr;
    QSplitter *m_mainSplitter = nullptr;
    QSplitter *m_centerSplitter = nullptr;
    QSplitter *m_rightSplitter = nullptr;

    QMenu *m_fileMenu = nullptr, *m_editMenu = nullptr, *m_recentMenu = nullptr, *m_viewMenu = nullptr,
          *m_axisMenu = nullptr;
    QMenu *m_languageMenu = nullptr, *m_runMenu = nullptr, *m_helpMenu = nullptr;
    QLabel *m_statusOrigin = nullptr;
    QLabel *m_statusEvent = nullptr;
    QProgressDialog *m_progress = nullptr;
    std::unique_ptr<Classroom> m_classroom;
    std::unique_ptr<TryIt> m_tryIt;
    PythonChoice *m_pythonChoice = nullptr;

    ErrorReporter m_reportError;
    qint64 m_pendingStep = -2;
    bool m_loadIsRun = false; // the loader's job runs a program (not reading a file)
    bool m_live = false;      // the trace shown is a script's that is still growing
    Runtime m_runtime = Runtime::Cpp;
    int m_textSize = 12;
    QString m_languageSetting; // "" = system
};

} // namespace coroscope
