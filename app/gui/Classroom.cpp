#include "Classroom.h"

#include "gui/Bookmarks.h"
#include "gui/CompareWindow.h"
#include "gui/Language.h"
#include "gui/MainWindow.h"
#include "gui/PredictMode.h"
#include "gui/PresentationMode.h"
#include "model/TraceDocument.h"

#include <QAction>
#include <QMenu>

namespace coroscope {

Classroom::Classroom(MainWindow *window, QMenu *viewMenu, QMenu *runMenu)
    : m_window(window)
    , m_presentation(std::make_unique<PresentationMode>(window))
    , m_predict(std::make_unique<PredictMode>(window))
    , m_bookmarks(std::make_unique<Bookmarks>(window))
{
    compare = new QAction(window);
    compare->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_C);
    window->addAction(compare);
    QObject::connect(compare, &QAction::triggered, window, [this] { openCompare(); });
    // The sample shown, its C++ port above its Python mirror on CPython: the same steps, two runtimes.
    compareRuntimes = new QAction(window);
    compareRuntimes->setShortcut(Qt::CTRL | Qt::ALT | Qt::SHIFT | Qt::Key_C);
    window->addAction(compareRuntimes);
    QObject::connect(compareRuntimes, &QAction::triggered, window, [this] {
        QString id = m_window->document()->sampleId();
        if (!CompareWindow::choices().contains(id))
            id = QStringLiteral("gather-order");
        openCompare(id, id + QStringLiteral("@cpython"));
    });

    viewMenu->addSeparator();
    viewMenu->addAction(m_presentation->present);
    viewMenu->addAction(compare);
    viewMenu->addAction(compareRuntimes);
    runMenu->addSeparator();
    runMenu->addAction(m_predict->toggle);
    runMenu->addAction(m_predict->reveal);
    runMenu->addSeparator();
    runMenu->addAction(m_bookmarks->edit);
    runMenu->addAction(m_bookmarks->remove);
    runMenu->addAction(m_bookmarks->goNext);
    runMenu->addAction(m_bookmarks->goPrevious);

    QObject::connect(window->language(), &Language::languageChanged, window, [this] {
        retranslate();
        if (m_compare)
            m_compare->setChinese(m_window->language()->isChinese());
    });
    retranslate();
}

Classroom::~Classroom() = default;

CompareWindow *Classroom::compareWindow() const
{
    return m_compare;
}

CompareWindow *Classroom::openCompare(const QString &top, const QString &bottom)
{
    auto runs = CompareWindow::defaultsFor(m_window->document()->sampleId());
    if (!top.isEmpty())
        runs.first = top;
    if (!bottom.isEmpty())
        runs.second = bottom;
    if (!m_compare) {
        m_compare = new CompareWindow(m_window->language()->isChinese(), m_window);
        m_compare->setAttribute(Qt::WA_DeleteOnClose);
    }
    if (!m_compare->setRuns(runs.first, runs.second))
        return nullptr;
    m_compare->show();
    m_compare->raise();
    m_compare->activateWindow();
    return m_compare;
}

CompareWindow *Classroom::openCompareTraces(Trace top, const QString &topLabel, Trace bottom,
                                            const QString &bottomLabel)
{
    if (!m_compare) {
        m_compare = new CompareWindow(m_window->language()->isChinese(), m_window);
        m_compare->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_compare->setTraces(std::move(top), topLabel, std::move(bottom), bottomLabel);
    m_compare->show();
    m_compare->raise();
    m_compare->activateWindow();
    return m_compare;
}

void Classroom::retranslate()
{
    m_presentation->retranslate();
    m_predict->retranslate();
    m_bookmarks->retranslate();
    compare->setText(tr("&Compare Runs…"));
    compare->setToolTip(tr("Two runs one above the other on one locked time axis (Ctrl+Shift+C)"));
    compareRuntimes->setText(tr("Compare C++ Port &with CPython"));
    compareRuntimes->setToolTip(tr("The sample's C++ port above its Python mirror run on CPython: the same steps "
                                   "on two runtimes (Ctrl+Alt+Shift+C)"));
}

} // namespace coroscope
