#pragma once

#include <QCoreApplication>

class QAction;
class QToolBar;

namespace coroscope {

class MainWindow;
class PredictController;
class PredictPanel;

// Predict mode in the main window (Run > Predict Mode): the controller, its prompt in a strip at
// the top of the window, and the hidden lines kept off the timeline and the events table.
class PredictMode
{
    Q_DECLARE_TR_FUNCTIONS(PredictMode)
public:
    explicit PredictMode(MainWindow *window);

    PredictController *controller() const { return m_controller; }
    PredictPanel *panel() const { return m_panel; }
    void retranslate();

    QAction *toggle; // Ctrl+Shift+P
    QAction *reveal; // R, Enter: enabled only while asking, so Enter still runs a gallery sample

private:
    void sync();

    MainWindow *m_window;
    PredictController *m_controller;
    PredictPanel *m_panel;
    QToolBar *m_bar;
};

} // namespace coroscope
