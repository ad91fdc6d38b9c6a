#pragma once

#include <QCoreApplication>

class QAction;
class QActionGroup;
class QObject;

namespace coroscope {

// Every command of the main window as a QAction (menus, the transport bar and the keyboard share
// them). Texts, tooltips and shortcuts are set by retranslate(), so they follow the UI language.
struct Actions {
    Q_DECLARE_TR_FUNCTIONS(Actions)
public:
    explicit Actions(QObject *owner);
    void retranslate();
    // The play action shows "Pause" while playing.
    void setPlaying(bool playing);

    // File
    QAction *open, *save, *clearRecent, *quit;
    // Run
    QAction *runOnCpp, *runOnCPython, *stopRun;
    QActionGroup *runtimeGroup;
    QAction *rerun, *playPause, *stepForward, *stepBack, *toStart, *toEnd, *nextOutput, *nextBreakpoint;
    QAction *toggleBreakpoint, *clearBreakpoints, *faster, *slower;
    // View
    QAction *axisSteps, *axisTime, *fitTimeline, *findSample, *showGallery;
    QAction *largerText, *smallerText, *defaultText;
    QAction *languageSystem, *languageEnglish, *languageChinese;
    QActionGroup *axisGroup, *languageGroup;
    // Help
    QAction *shortcuts, *about, *aboutQt;

private:
    bool m_playing = false;
};

} // namespace coroscope
