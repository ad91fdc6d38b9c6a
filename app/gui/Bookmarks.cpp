#include "Bookmarks.h"

#include "gui/MainWindow.h"
#include "model/CursorController.h"
#include "model/PlaybackController.h"
#include "model/TraceDocument.h"
#include "timeline/TimelineWidget.h"
#include "views/AnnotationBanner.h"

#include <QAction>
#include <QInputDialog>
#include <QStatusBar>
#include <QToolBar>

namespace coroscope {

Bookmarks::Bookmarks(MainWindow *window)
    : m_window(window)
    , m_banner(new AnnotationBanner(window->document(), window->cursor()))
    , m_bar(new QToolBar)
{
    edit = new QAction(window);
    edit->setShortcut(Qt::CTRL | Qt::Key_B);
    remove = new QAction(window);
    remove->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_B);
    goNext = new QAction(window);
    goNext->setShortcut(Qt::CTRL | Qt::Key_PageDown);
    goPrevious = new QAction(window);
    goPrevious->setShortcut(Qt::CTRL | Qt::Key_PageUp);
    window->addActions({edit, remove, goNext, goPrevious});

    m_bar->setObjectName(QStringLiteral("annotationToolBar"));
    m_bar->setMovable(false);
    m_bar->setFloatable(false);
    m_bar->toggleViewAction()->setVisible(false);
    m_banner->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_bar->addWidget(m_banner);
    window->addToolBarBreak(Qt::TopToolBarArea);
    window->addToolBar(Qt::TopToolBarArea, m_bar);
    m_bar->setVisible(m_banner->hasNote());
    QObject::connect(m_banner, &AnnotationBanner::shownChanged, m_bar, &QToolBar::setVisible);

    QObject::connect(edit, &QAction::triggered, window, [this] { editNote(); });
    QObject::connect(remove, &QAction::triggered, window,
                     [this] { m_window->document()->removeAnnotation(m_window->cursor()->cursor()); });
    QObject::connect(goNext, &QAction::triggered, window, [this] {
        if (!next())
            m_window->statusBar()->showMessage(tr("No bookmark after this step."), 4000);
    });
    QObject::connect(goPrevious, &QAction::triggered, window, [this] {
        if (!previous())
            m_window->statusBar()->showMessage(tr("No bookmark before this step."), 4000);
    });
    QObject::connect(window->document(), &TraceDocument::annotationsChanged, window, [this] { sync(); });
    QObject::connect(window, &MainWindow::traceShown, window,
                     [this] { m_bar->setVisible(m_banner->hasNote()); });
    QObject::connect(window->document(), &TraceDocument::traceChanged, window, [this] { sync(); });
    QObject::connect(window->cursor(), &CursorController::cursorChanged, window, [this] { sync(); });
    retranslate();
    sync();
}

void Bookmarks::retranslate()
{
    edit->setText(tr("&Bookmark Step…"));
    edit->setToolTip(
        tr("Bookmark the step at the cursor and attach a short note; saved with the trace (Ctrl+B)"));
    remove->setText(tr("Remove Boo&kmark"));
    goNext->setText(tr("Ne&xt Bookmark"));
    goPrevious->setText(tr("Pre&vious Bookmark"));
    m_bar->setWindowTitle(tr("Note"));
}

void Bookmarks::sync()
{
    const TraceDocument *doc = m_window->document();
    std::vector<std::uint32_t> seqs;
    seqs.reserve(doc->annotations().size());
    for (const Annotation &a : doc->annotations())
        seqs.push_back(a.seq);
    const qint64 cursor = m_window->cursor()->cursor();
    edit->setEnabled(cursor >= 0);
    remove->setEnabled(doc->annotationAt(cursor) != nullptr);
    goNext->setEnabled(!seqs.empty() && qint64(seqs.back()) > cursor);
    goPrevious->setEnabled(!seqs.empty() && qint64(seqs.front()) < cursor);
    m_window->timeline()->setBookmarks(std::move(seqs));
}

bool Bookmarks::next()
{
    const qint64 cursor = m_window->cursor()->cursor();
    for (const Annotation &a : m_window->document()->annotations())
        if (qint64(a.seq) > cursor) {
            m_window->playback()->pause();
            m_window->cursor()->setCursor(a.seq);
            return true;
        }
    return false;
}

bool Bookmarks::previous()
{
    const qint64 cursor = m_window->cursor()->cursor();
    const auto &all = m_window->document()->annotations();
    for (auto it = all.rbegin(); it != all.rend(); ++it)
        if (qint64(it->seq) < cursor) {
            m_window->playback()->pause();
            m_window->cursor()->setCursor(it->seq);
            return true;
        }
    return false;
}

void Bookmarks::editNote()
{
    const qint64 seq = m_window->cursor()->cursor();
    if (seq < 0)
        return;
    m_window->playback()->pause();
    const Annotation *a = m_window->document()->annotationAt(seq);
    bool ok = false;
    const QString note
        = QInputDialog::getText(m_window, tr("Bookmark Step %1").arg(seq),
                                tr("Note for step %1 (shown in presentation mode; may be empty):").arg(seq),
                                QLineEdit::Normal, a ? QString::fromStdString(a->note) : QString(), &ok);
    if (ok)
        m_window->document()->setAnnotation(seq, note);
}

} // namespace coroscope
