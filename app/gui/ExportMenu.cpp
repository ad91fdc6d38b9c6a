#include "ExportMenu.h"

#include "model/CursorController.h"
#include "model/TraceDocument.h"
#include "timeline/TimelineWidget.h"
#include "web/WebPage.h"

#include <qcustomplot.h>

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QInputDialog>
#include <QMenu>
#include <QProgressDialog>
#include <QRegularExpression>
#include <QSpinBox>

#include <optional>

namespace coroscope {

namespace {

// Width and height in pixels, starting from `initial`; nothing when cancelled.
std::optional<QSize> askSize(QWidget *parent, const QString &title, QSize initial)
{
    QDialog dialog(parent);
    dialog.setWindowTitle(title);
    auto *form = new QFormLayout(&dialog);
    auto spin = [&](int value) {
        auto *box = new QSpinBox(&dialog);
        box->setRange(16, 16384);
        box->setSuffix(ExportMenu::tr(" px"));
        box->setValue(value);
        return box;
    };
    QSpinBox *width = spin(initial.width()), *height = spin(initial.height());
    form->addRow(ExportMenu::tr("&Width:"), width);
    form->addRow(ExportMenu::tr("&Height:"), height);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return QSize(width->value(), height->value());
}

} // namespace

ExportMenu::ExportMenu(QWidget *window, TraceDocument *document, CursorController *cursor,
                       TimelineWidget *timeline)
    : QObject(window)
    , m_window(window)
    , m_document(document)
    , m_cursor(cursor)
    , m_timeline(timeline)
    , m_exporter(timeline, document, cursor)
    , m_menu(new QMenu(window))
    , m_image(new QAction(this))
    , m_slides(new QAction(this))
    , m_chrome(new QAction(this))
    , m_web(new QAction(this))
{
    m_image->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_image->setIcon(QIcon::fromTheme(QStringLiteral("image-x-generic")));
    m_slides->setIcon(QIcon::fromTheme(QStringLiteral("x-office-presentation")));
    m_chrome->setIcon(QIcon::fromTheme(QStringLiteral("document-export")));
    m_web->setIcon(QIcon::fromTheme(QStringLiteral("text-html")));
    m_menu->addAction(m_image);
    m_menu->addAction(m_slides);
    m_menu->addSeparator();
    m_menu->addAction(m_chrome);
    m_menu->addAction(m_web);
    window->addAction(m_image); // the shortcut works even when the menu bar is hidden
    connect(m_image, &QAction::triggered, this, &ExportMenu::chooseImage);
    connect(m_slides, &QAction::triggered, this, &ExportMenu::chooseSlides);
    connect(m_chrome, &QAction::triggered, this, &ExportMenu::chooseChrome);
    connect(m_web, &QAction::triggered, this, &ExportMenu::chooseWebPage);
    connect(document, &TraceDocument::traceChanged, this, &ExportMenu::updateEnabled);
    window->installEventFilter(this);
    retranslate();
    updateEnabled();
}

void ExportMenu::retranslate()
{
    m_menu->setTitle(tr("&Export"));
    m_image->setText(tr("Timeline as &Image…"));
    m_image->setStatusTip(tr("Save the timeline as PNG, SVG or PDF at a size you choose"));
    m_slides->setText(tr("Steps as &Slides (PDF)…"));
    m_slides->setStatusTip(
        tr("A PDF with one page per printed line or per step: the timeline with the cursor there"));
    m_chrome->setText(tr("&Chrome Trace (JSON)…"));
    m_chrome->setStatusTip(tr("Save the trace as Chrome Trace Event JSON, for Perfetto or chrome://tracing"));
    m_web->setText(tr("&Web Page…"));
    m_web->setStatusTip(tr("Save the run as one web page that any browser opens and steps through, with no "
                           "install and nothing fetched from the network"));
}

bool ExportMenu::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::LanguageChange)
        retranslate();
    return QObject::eventFilter(watched, event);
}

void ExportMenu::updateEnabled()
{
    const bool any = !m_document->isEmpty();
    for (QAction *a : {m_image, m_slides, m_chrome})
        a->setEnabled(any);
    m_web->setEnabled(any && webViewerAvailable());
}

QString ExportMenu::askPath(const QString &title, const QString &suffix, const QString &filter)
{
    QString name = m_document->sampleId();
    if (name.isEmpty())
        name = QFileInfo(m_document->origin()).completeBaseName();
    if (name.isEmpty())
        name = QStringLiteral("trace");
    const QString dir = m_lastDirectory.isEmpty() ? QDir::homePath() : m_lastDirectory;
    QString selected;
    QString path
        = QFileDialog::getSaveFileName(m_window, title, QDir(dir).filePath(name + suffix), filter, &selected);
    if (path.isEmpty())
        return {};
    if (QFileInfo(path).suffix().isEmpty()) {
        // No suffix typed: the one of the chosen filter ("PNG image (*.png)"), else the default.
        static const QRegularExpression pattern(QStringLiteral("\\(\\*(\\.[a-z]+)\\)"));
        const auto m = pattern.match(selected);
        path += m.hasMatch() ? m.captured(1) : suffix;
    }
    m_lastDirectory = QFileInfo(path).absolutePath();
    return path;
}

void ExportMenu::chooseImage()
{
    if (m_document->isEmpty())
        return;
    const QString path = askPath(tr("Export Timeline as Image"), QStringLiteral(".png"),
                                 tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
    if (path.isEmpty())
        return;
    QSize shown = m_timeline->plot()->size(); // default: as the window shows it now
    if (shown.isEmpty())
        shown = QSize(1200, 520);
    const auto size = askSize(m_window, tr("Image Size"), shown);
    if (size)
        exportImage(path, *size);
}

void ExportMenu::chooseSlides()
{
    if (m_document->isEmpty())
        return;
    const QStringList modes = {tr("One page per printed line"), tr("One page per step")};
    bool ok = false;
    const QString mode
        = QInputDialog::getItem(m_window, tr("Export Steps as Slides"), tr("Pages:"), modes, 0, false, &ok);
    if (!ok)
        return;
    const QString path
        = askPath(tr("Export Steps as Slides"), QStringLiteral(".pdf"), tr("PDF document (*.pdf)"));
    if (!path.isEmpty())
        exportSlides(path,
                     mode == modes[0] ? TimelineExporter::Slides::Outputs : TimelineExporter::Slides::Steps);
}

void ExportMenu::chooseChrome()
{
    if (m_document->isEmpty())
        return;
    const QString path
        = askPath(tr("Export Chrome Trace"), QStringLiteral(".json"), tr("Chrome trace JSON (*.json)"));
    if (!path.isEmpty())
        exportChromeTrace(path);
}

void ExportMenu::chooseWebPage()
{
    if (m_document->isEmpty())
        return;
    const QString path = askPath(tr("Export Web Page"), QStringLiteral(".html"), tr("Web page (*.html)"));
    if (!path.isEmpty())
        exportWebPage(path);
}

bool ExportMenu::exportWebPage(const QString &path)
{
    WebPageOptions options;
    if (m_cursor->cursor() >= 0)
        options.step = std::uint32_t(m_cursor->cursor());
    std::string error;
    if (!writeWebPage(m_document->trace(), path.toStdString(), options, &error)) {
        emit failed(tr("Could not export the web page"), QString::fromStdString(error));
        return false;
    }
    emit exported(path);
    return true;
}

bool ExportMenu::exportImage(const QString &path, QSize size)
{
    QString error;
    if (!m_exporter.exportImage(path, size, &error)) {
        emit failed(tr("Could not export the timeline"), error);
        return false;
    }
    emit exported(path);
    return true;
}

bool ExportMenu::exportSlides(const QString &path, TimelineExporter::Slides mode, QSize pageSize)
{
    QString error;
    // A progress dialog with Cancel when it takes more than a moment (hundreds of steps).
    QProgressDialog dialog(tr("Drawing slides…"), tr("Cancel"), 0, 100, m_window);
    dialog.setWindowModality(Qt::WindowModal);
    dialog.setMinimumDuration(500);
    auto progress = [&dialog](int done, int total) {
        dialog.setMaximum(total);
        dialog.setValue(done);
        return !dialog.wasCanceled();
    };
    const bool ok = m_exporter.exportSlides(path, mode, pageSize, &error, nullptr, progress);
    dialog.reset();
    if (!ok) {
        emit failed(tr("Could not export slides"), error);
        return false;
    }
    emit exported(path);
    return true;
}

bool ExportMenu::exportChromeTrace(const QString &path)
{
    QString error;
    if (!TimelineExporter::exportChromeTrace(m_document->trace(), path, &error)) {
        emit failed(tr("Could not export the trace"), error);
        return false;
    }
    emit exported(path);
    return true;
}

} // namespace coroscope
