#include "PredictMode.h"

#include "gui/MainWindow.h"
#include "model/EventTableModel.h"
#include "model/PredictController.h"
#include "timeline/TimelineWidget.h"
#include "views/EventTablePane.h"
#include "views/PredictPanel.h"

#include <QAction>
#include <QToolBar>

namespace coroscope {

PredictMode::PredictMode(MainWindow *window)
    : m_window(window)
    , m_controller(new PredictController(window->document(), window->cursor(), window->playback(), window))
    , m_panel(new PredictPanel(m_controller))
    , m_bar(new QToolBar)
{
    toggle = new QAction(window);
    toggle->setCheckable(true);
    toggle->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_P);
    reveal = new QAction(window);
    reveal->setShortcuts(
        {QKeySequence(Qt::Key_R), QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    reveal->setShortcutContext(Qt::WindowShortcut);
    reveal->setEnabled(false);
    window->addActions({toggle, reveal}); // they work with the menu bar hidden (presentation)

    m_bar->setObjectName(QStringLiteral("predictToolBar"));
    m_bar->setMovable(false);
    m_bar->setFloatable(false);
    m_bar->toggleViewAction()->setVisible(false);
    m_panel->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_bar->addWidget(m_panel);
    window->addToolBar(Qt::TopToolBarArea, m_bar);
    m_bar->hide();

    QObject::connect(toggle, &QAction::toggled, m_controller, &PredictController::setEnabled);
    QObject::connect(reveal, &QAction::triggered, m_controller, &PredictController::reveal);
    QObject::connect(m_controller, &PredictController::changed, window, [this] { sync(); });
    // restoreState() may have shown the bar from a saved session: a new trace puts it right.
    QObject::connect(window, &MainWindow::traceShown, window, [this] { sync(); });
    retranslate();
}

void PredictMode::sync()
{
    const qint64 hidden = m_controller->hiddenFrom();
    m_window->timeline()->setHiddenOutputs(hidden, m_controller->isAsking());
    m_window->eventTable()->model()->setHiddenOutputsFrom(hidden);
    toggle->setChecked(m_controller->isEnabled());
    reveal->setEnabled(m_controller->isAsking());
    m_bar->setVisible(m_controller->isEnabled());
}

void PredictMode::retranslate()
{
    toggle->setText(tr("&Predict Mode"));
    toggle->setToolTip(tr("Hide each printed line until the class has guessed it (Ctrl+Shift+P)"));
    reveal->setText(tr("&Reveal Line"));
    reveal->setToolTip(tr("Show the line the class was asked to predict (R)"));
    m_bar->setWindowTitle(tr("Predict"));
}

} // namespace coroscope
