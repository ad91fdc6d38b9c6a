#pragma once

#include <QCoreApplication>
#include <QList>
#include <QSize>
#include <QString>

#include <functional>
#include <optional>

namespace coroscope {

class CursorController;
class TimelineWidget;
class TraceDocument;
struct Trace;

// Writes what the timeline shows to files: an image (PNG, SVG or PDF) at a chosen size, "steps as
// slides" (a PDF with one page per printed line or per step: the timeline with the cursor there and
// the step's caption), and the trace as Chrome Trace Event JSON. Shared by File > Export and by
// `coroscope-cli render`. Every file is written through QSaveFile: on failure nothing is replaced.
class TimelineExporter
{
    Q_DECLARE_TR_FUNCTIONS(TimelineExporter)
public:
    enum class Format { Png, Svg, Pdf };
    enum class Slides { Outputs, Steps };
    static constexpr int kMaxSlides = 2000; // a PDF of more pages helps nobody and takes minutes

    TimelineExporter(TimelineWidget *timeline, TraceDocument *document, CursorController *cursor);

    // The format named by the file's suffix (.png, .svg, .pdf), if any.
    static std::optional<Format> formatForPath(const QString &path);
    // "1200x520" -> QSize; invalid when malformed or outside 16..16384 pixels a side.
    static QSize parseSize(const QString &text);

    // The picture as the file's bytes. `size` defaults to the timeline's current size.
    QByteArray render(Format format, QSize size = {}) const;
    bool exportImage(const QString &path, QSize size, QString *error) const;

    // The steps that get a page; empty when there are none (a run that printed nothing).
    static QList<qint64> slideSteps(const Trace &trace, Slides mode);
    // The headline and the small line under it on a step's slide.
    static QString captionTitle(const Trace &trace, qint64 step);
    static QString captionDetail(const Trace &trace, qint64 step);
    // One page per slide step, each `pageSize` pixels (at 96 dpi); the cursor is put back afterwards.
    // `progress(done, total)` is called after each page; returning false cancels (nothing is written).
    bool exportSlides(const QString &path, Slides mode, QSize pageSize, QString *error, int *pages = nullptr,
                      const std::function<bool(int done, int total)> &progress = {}) const;

    static bool exportChromeTrace(const Trace &trace, const QString &path, QString *error);
    static bool writeFile(const QString &path, const QByteArray &bytes, QString *error);

private:
    QSize effectiveSize(QSize size) const;

    TimelineWidget *m_timeline;
    TraceDocument *m_document;
    CursorController *m_cursor;
};

} // namespace coroscope
