#pragma once

#include "trace/Trace.h"

#include <QCoreApplication>
#include <QPointer>

#include <memory>

class QAction;
class QMenu;

namespace coroscope {

class Bookmarks;
class CompareWindow;
class MainWindow;
class PredictMode;
class PresentationMode;

// The classroom features of the main window in one place: presentation mode, predict mode,
// bookmarks with notes, the compare window. MainWindow creates it once its menus exist; it adds its
// actions to the View and Run menus and retranslates them with the window.
class Classroom
{
    Q_DECLARE_TR_FUNCTIONS(Classroom)
public:
    Classroom(MainWindow *window, QMenu *viewMenu, QMenu *runMenu);
    ~Classroom();

    PresentationMode &presentation() { return *m_presentation; }
    PredictMode &predict() { return *m_predict; }
    Bookmarks &bookmarks() { return *m_bookmarks; }
    // Opens (or raises) the compare window on `top` and `bottom` (CompareWindow::choices()); empty:
    // the defaults for the sample shown. Null for an unknown choice.
    CompareWindow *openCompare(const QString &top = {}, const QString &bottom = {});
    CompareWindow *compareWindow() const;
    // Opens (or raises) the compare window on two given runs, the first difference marked.
    CompareWindow *openCompareTraces(Trace top, const QString &topLabel, Trace bottom, const QString &bottomLabel);
    void retranslate();

    QAction *compare; // View > Compare Runs…
    QAction *compareRuntimes; // View > Compare C++ Port with CPython

private:
    MainWindow *m_window;
    std::unique_ptr<PresentationMode> m_presentation;
    std::unique_ptr<PredictMode> m_predict;
    std::unique_ptr<Bookmarks> m_bookmarks;
    QPointer<CompareWindow> m_compare;
};

} // namespace coroscope
