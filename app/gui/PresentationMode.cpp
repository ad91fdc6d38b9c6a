#include "PresentationMode.h"

#include "gui/BlankScreen.h"
#include "gui/MainWindow.h"
#include "model/CursorController.h"
#include "model/PlaybackController.h"
#include "timeline/TimelineStyle.h"
#include "timeline/TimelineWidget.h"
#include "views/EventTablePane.h"
#include "views/GalleryPane.h"
#include "views/LoopStatePane.h"
#include "views/SourcePane.h"

#include <QAction>
#include <QApplication>
#include <QMenuBar>
#include <QScreen>
#include <QSplitter>
#include <QStatusBar>
#include <QToolBar>

#include <algorithm>
#include <cmath>

namespace coroscope {

namespace {

// Black on white, strong focus and selection: what survives a washed-out projector.
QPalette highContrastPalette()
{
    QPalette p;
    const QColor black(Qt::black), white(Qt::white);
    p.setColor(QPalette::Window, white);
    p.setColor(QPalette::WindowText, black);
    p.setColor(QPalette::Base, white);
    p.setColor(QPalette::AlternateBase, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::Text, black);
    p.setColor(QPalette::BrightText, white);
    p.setColor(QPalette::Button, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::ButtonText, black);
    p.setColor(QPalette::Highlight, QColor(0x00, 0x3d, 0x99));
    p.setColor(QPalette::HighlightedText, white);
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xe0));
    p.setColor(QPalette::ToolTipText, black);
    p.setColor(QPalette::PlaceholderText, QColor(0x33, 0x33, 0x33));
    p.setColor(QPalette::Light, white);
    p.setColor(QPalette::Midlight, QColor(0xcc, 0xcc, 0xcc));
    p.setColor(QPalette::Mid, QColor(0x66, 0x66, 0x66));
    p.setColor(QPalette::Dark, QColor(0x33, 0x33, 0x33));
    p.setColor(QPalette::Shadow, black);
    p.setColor(QPalette::Link, QColor(0x00, 0x3d, 0x99));
    return p;
}

} // namespace

PresentationMode::PresentationMode(MainWindow *window)
    : m_window(window)
    , m_blank(new BlankScreen(window))
{
    present = new QAction(window);
    present->setCheckable(true);
    present->setShortcut(Qt::Key_F11);
    leaveAction = new QAction(window);
    leaveAction->setShortcut(Qt::Key_Escape);
    stepNext = new QAction(window);
    stepNext->setShortcut(Qt::Key_PageDown);
    stepPrevious = new QAction(window);
    stepPrevious->setShortcut(Qt::Key_PageUp);
    blank = new QAction(window);
    blank->setShortcuts({QKeySequence(Qt::Key_B), QKeySequence(Qt::Key_Period)});
    defaultSize = new QAction(window);
    defaultSize->setShortcut(Qt::CTRL | Qt::Key_0);
    for (QAction *a : {leaveAction, stepNext, stepPrevious, blank, defaultSize}) {
        a->setShortcutContext(Qt::WindowShortcut);
        a->setEnabled(false);
    }
    // The menu bar is hidden while presenting: its actions' keys must still work.
    const Actions &w = window->actions();
    window->addActions({present, leaveAction, stepNext, stepPrevious, blank, defaultSize, w.largerText,
                        w.smallerText, w.defaultText, w.rerun, w.axisSteps, w.axisTime, w.fitTimeline});

    QObject::connect(present, &QAction::triggered, window, [this](bool on) { on ? enter() : leave(); });
    QObject::connect(leaveAction, &QAction::triggered, window, [this] { leave(); });
    QObject::connect(stepNext, &QAction::triggered, window, [window] {
        window->playback()->pause();
        window->cursor()->stepForward();
    });
    QObject::connect(stepPrevious, &QAction::triggered, window, [window] {
        window->playback()->pause();
        window->cursor()->stepBack();
    });
    QObject::connect(blank, &QAction::triggered, window, [this] {
        m_window->playback()->pause();
        m_blank->blank();
    });
    QObject::connect(defaultSize, &QAction::triggered, window, [this] {
        m_window->setTextSize(defaultTextSize(screenHeight()));
        fitTimelineType();
        m_window->timeline()->fitAll();
    });
    for (QAction *a : {w.largerText, w.smallerText})
        QObject::connect(a, &QAction::triggered, window, [this] { fitTimelineType(); });
    retranslate();
}

int PresentationMode::defaultTextSize(int pixelHeight)
{
    // A projected picture is as big whatever its resolution: type scales with the lines of pixels.
    return std::clamp(int(std::lround(pixelHeight / 60.0)), 12, 28);
}

void PresentationMode::fitTimelineType()
{
    // The timeline's rows carry a bar and a line of output each: a little smaller type keeps every
    // lane of a sample on screen beside readable code.
    if (m_presenting)
        m_window->timeline()->setPointSize(std::max(10, m_window->textSize() * 5 / 6));
}

int PresentationMode::screenHeight() const
{
    if (m_window->isFullScreen() && m_window->screen())
        return m_window->screen()->geometry().height();
    return m_window->height();
}

void PresentationMode::enter(bool fullScreen)
{
    if (m_presenting)
        return;
    MainWindow *w = m_window;
    auto *mainSplitter = w->findChild<QSplitter *>(QStringLiteral("mainSplitter"));
    auto *rightSplitter = w->findChild<QSplitter *>(QStringLiteral("rightSplitter"));
    const QList<QWidget *> hidden {
        w->gallery(), w->eventTable(), w->loopStatePane(),
        w->menuBar(), w->statusBar(),  w->findChild<QToolBar *>(QStringLiteral("transportToolBar"))};
    const QList<QSplitter *> splitters {mainSplitter, rightSplitter, w->sourcePane()->splitter()};

    m_saved = {};
    m_saved.fullScreen = w->isFullScreen();
    m_saved.maximized = w->isMaximized();
    m_saved.geometry = w->saveGeometry();
    for (QWidget *h : hidden)
        m_saved.visible << (h && !h->isHidden());
    for (QSplitter *s : splitters) {
        m_saved.splitters << s->saveState();
        m_saved.orientations << int(s->orientation());
    }
    m_saved.textSize = w->textSize();
    m_saved.palette = QApplication::palette();
    m_saved.fitShortcuts = w->actions().fitTimeline->shortcuts();
    m_saved.legend = w->timeline()->legendVisible();
    m_presenting = true;

    for (QWidget *h : hidden)
        if (h)
            h->hide();
    // Timeline across the top; C++ and Python beside the console below.
    mainSplitter->setOrientation(Qt::Vertical);
    rightSplitter->setOrientation(Qt::Horizontal);
    QApplication::setPalette(highContrastPalette());
    TimelineStyle::setHighContrast(true);
    w->timeline()->refreshTheme();
    w->timeline()->setLegendVisible(false); // every row of lanes counts; lane names say who is who
    w->actions().fitTimeline->setShortcut(QKeySequence()); // Ctrl+0 is the default size now
    if (fullScreen)
        w->showFullScreen();
    w->setTextSize(
        defaultTextSize(fullScreen && w->screen() ? w->screen()->geometry().height() : w->height()));
    fitTimelineType();
    const int h = std::max(w->height(), 400);
    const int width = std::max(w->width(), 600);
    mainSplitter->setSizes({0, h * 62 / 100, h * 38 / 100});
    rightSplitter->setSizes({width * 72 / 100, width * 28 / 100, 0});
    w->sourcePane()->splitter()->setSizes({width * 36 / 100, width * 36 / 100});

    present->setChecked(true);
    for (QAction *a : {leaveAction, stepNext, stepPrevious, blank, defaultSize})
        a->setEnabled(true);
    w->timeline()->fitAll();
    w->timeline()->setFocus();
}

void PresentationMode::leave()
{
    if (!m_presenting)
        return;
    MainWindow *w = m_window;
    m_presenting = false;
    m_blank->hide();
    for (QAction *a : {leaveAction, stepNext, stepPrevious, blank, defaultSize})
        a->setEnabled(false);
    present->setChecked(false);

    auto *mainSplitter = w->findChild<QSplitter *>(QStringLiteral("mainSplitter"));
    auto *rightSplitter = w->findChild<QSplitter *>(QStringLiteral("rightSplitter"));
    const QList<QWidget *> hidden {
        w->gallery(), w->eventTable(), w->loopStatePane(),
        w->menuBar(), w->statusBar(),  w->findChild<QToolBar *>(QStringLiteral("transportToolBar"))};
    const QList<QSplitter *> splitters {mainSplitter, rightSplitter, w->sourcePane()->splitter()};
    QApplication::setPalette(m_saved.palette);
    TimelineStyle::setHighContrast(false);
    w->timeline()->refreshTheme();
    w->actions().fitTimeline->setShortcuts(m_saved.fitShortcuts);
    w->timeline()->setLegendVisible(m_saved.legend);
    w->setTextSize(m_saved.textSize);
    if (!m_saved.fullScreen) {
        if (m_saved.maximized)
            w->showMaximized();
        else
            w->showNormal();
        w->restoreGeometry(m_saved.geometry);
    }
    for (int i = 0; i < hidden.size(); ++i)
        if (hidden[i])
            hidden[i]->setVisible(m_saved.visible.value(i));
    for (int i = 0; i < splitters.size(); ++i) {
        splitters[i]->setOrientation(Qt::Orientation(m_saved.orientations.value(i, Qt::Horizontal)));
        splitters[i]->restoreState(m_saved.splitters.value(i));
    }
    w->timeline()->fitAll();
}

void PresentationMode::retranslate()
{
    present->setText(tr("&Present"));
    present->setToolTip(tr("Full screen with the timeline, the source and the console in large type (F11)"));
    leaveAction->setText(tr("Leave Presentation"));
    stepNext->setText(tr("Next Step (clicker)"));
    stepPrevious->setText(tr("Previous Step (clicker)"));
    blank->setText(tr("Blank the Screen"));
    defaultSize->setText(tr("Presentation Text Size"));
}

} // namespace coroscope
