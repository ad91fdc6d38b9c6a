#pragma once

#include "timeline/TimelineExport.h"

#include <QObject>
#include <QSize>
#include <QString>

class QAction;
class QMenu;
class QWidget;

namespace coroscope {

class CursorController;
class TimelineWidget;
class TraceDocument;

// File > Export: the timeline as an image (Ctrl+E), steps as slides (PDF), the trace as Chrome
// Trace Event JSON, the run as a web page that any browser steps through. Asks for a file (and a
// size), then writes it with TimelineExporter (the page with core/web/WebPage); failures are
// reported through `failed` (the window shows a dialog). Keeps its texts in step with the UI language.
class ExportMenu : public QObject
{
    Q_OBJECT
public:
    ExportMenu(QWidget *window, TraceDocument *document, CursorController *cursor, TimelineWidget *timeline);

    QMenu *menu() const { return m_menu; }
    QAction *imageAction() const { return m_image; }
    QAction *slidesAction() const { return m_slides; }
    QAction *chromeAction() const { return m_chrome; }
    QAction *webPageAction() const { return m_web; }

    // The same without dialogs (tests, scripting). True when the file was written.
    bool exportImage(const QString &path, QSize size = {});
    bool exportSlides(const QString &path, TimelineExporter::Slides mode, QSize pageSize = {1280, 720});
    bool exportChromeTrace(const QString &path);
    // The page opens at the window's cursor.
    bool exportWebPage(const QString &path);

    void retranslate();

signals:
    void failed(const QString &title, const QString &message);
    void exported(const QString &path);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void chooseImage();
    void chooseSlides();
    void chooseChrome();
    void chooseWebPage();
    QString askPath(const QString &title, const QString &suffix, const QString &filter);
    void updateEnabled();

    QWidget *m_window;
    TraceDocument *m_document;
    CursorController *m_cursor;
    TimelineWidget *m_timeline;
    TimelineExporter m_exporter;
    QMenu *m_menu;
    QAction *m_image, *m_slides, *m_chrome, *m_web;
    QString m_lastDirectory;
};

} // namespace coroscope
