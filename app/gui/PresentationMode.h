#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QKeySequence>
#include <QList>
#include <QPalette>

class QAction;

namespace coroscope {

class BlankScreen;
class MainWindow;

// Presentation mode (F11, View > Present): full screen with the timeline on top and the source and
// the console below, nothing else; type large enough for the back of the room (it scales with the
// screen: 18 pt on 1080 lines, 12 pt on 720) and changed with Ctrl+= / Ctrl+- / Ctrl+0; a
// high-contrast theme (application palette and timeline colours, Okabe-Ito lanes that also differ
// by hatch and name); a clicker's keys: PageDown / PageUp step, B (or .) blanks the screen; Esc or
// F11 leaves and puts everything back as it was.
class PresentationMode
{
    Q_DECLARE_TR_FUNCTIONS(PresentationMode)
public:
    explicit PresentationMode(MainWindow *window);

    bool isPresenting() const { return m_presenting; }
    // `fullScreen` false: the same layout in the window as it is (screenshots, tests).
    void enter(bool fullScreen = true);
    void leave();
    // The type size presentation mode starts with for a screen `pixelHeight` tall.
    static int defaultTextSize(int pixelHeight);
    BlankScreen *blankScreen() const { return m_blank; }
    void retranslate();

    QAction *present; // F11, checkable
    QAction *leaveAction; // Esc, while presenting
    QAction *stepNext; // PageDown, while presenting
    QAction *stepPrevious; // PageUp, while presenting
    QAction *blank; // B or ., while presenting
    QAction *defaultSize; // Ctrl+0, while presenting (Ctrl+= / Ctrl+- are the window's own)

private:
    int screenHeight() const;
    void fitTimelineType();

    MainWindow *m_window;
    BlankScreen *m_blank;
    bool m_presenting = false;

    // What leave() restores.
    struct Saved {
        bool fullScreen = false, maximized = false;
        QByteArray geometry;
        QList<bool> visible; // of the widgets hidden, in hiddenWidgets() order
        QList<QByteArray> splitters;
        QList<int> orientations;
        int textSize = 12;
        QPalette palette;
        QList<QKeySequence> fitShortcuts;
        bool legend = true;
    } m_saved;
};

} // namespace coroscope
