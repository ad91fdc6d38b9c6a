#include "TimelineExport.h"
#include "model/SaveFile.h"

#include "TimelineWidget.h"
#include "model/CursorController.h"
#include "model/TraceDocument.h"
#include "trace/ChromeTrace.h"

#include <qcustomplot.h>

#include <QBuffer>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QPageSize>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSvgGenerator>

namespace coroscope {

namespace {

constexpr double kPdfDpi = 96; // a page of W x H "pixels" is W x H at 96 dpi, as on screen

QString fromStd(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// Draws the plot at `size` into a painter that is already active on its device.
void drawPlot(QCustomPlot *plot, QCPPainter &painter, QSize size)
{
    painter.setMode(QCPPainter::pmVectorized);
    plot->toPainter(&painter, size.width(), size.height());
}

void setUpPdf(QPdfWriter &writer, QSize size, const QString &title)
{
    writer.setResolution(int(kPdfDpi));
    writer.setPageSize(
        QPageSize(QSizeF(size) * 72.0 / kPdfDpi, QPageSize::Point, QString(), QPageSize::ExactMatch));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setCreator(QStringLiteral("Coroscope"));
    writer.setTitle(title);
}

} // namespace

TimelineExporter::TimelineExporter(TimelineWidget *timeline, TraceDocument *document,
                                   CursorController *cursor)
    : m_timeline(timeline)
    , m_document(document)
    , m_cursor(cursor)
{ }

std::optional<TimelineExporter::Format> TimelineExporter::formatForPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png"))
        return Format::Png;
    if (suffix == QLatin1String("svg"))
        return Format::Svg;
    if (suffix == QLatin1String("pdf"))
        return Format::Pdf;
    return std::nullopt;
}

QSize TimelineExporter::parseSize(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(\\d{1,5})\\s*[xX×]\\s*(\\d{1,5})\\s*$"));
    const auto m = re.match(text);
    if (!m.hasMatch())
        return {};
    const int w = m.captured(1).toInt(), h = m.captured(2).toInt();
    if (w < 16 || h < 16 || w > 16384 || h > 16384)
        return {};
    return QSize(w, h);
}

QSize TimelineExporter::effectiveSize(QSize size) const
{
    if (size.isValid() && !size.isEmpty())
        return size;
    const QSize shown = m_timeline->plot()->size();
    return shown.isEmpty() ? QSize(1200, 520) : shown;
}

QByteArray TimelineExporter::render(Format format, QSize size) const
{
    size = effectiveSize(size);
    QCustomPlot *plot = m_timeline->plot();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    const QString title = m_document->origin();
    switch (format) {
    case Format::Png: {
        const QImage image = plot->toPixmap(size.width(), size.height(), 1.0).toImage();
        image.save(&buffer, "PNG");
        break;
    }
    case Format::Svg: {
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(title);
        svg.setDescription(tr("Coroscope timeline"));
        QCPPainter painter(&svg);
        drawPlot(plot, painter, size);
        painter.end();
        break;
    }
    case Format::Pdf: {
        QPdfWriter writer(&buffer);
        setUpPdf(writer, size, title);
        QCPPainter painter(&writer);
        drawPlot(plot, painter, size);
        painter.end();
        break;
    }
    }
    plot->replot(
        QCustomPlot::rpQueuedReplot); // the export drew at its own size: place markers for the screen again
    return bytes;
}

bool TimelineExporter::exportImage(const QString &path, QSize size, QString *error) const
{
    const auto format = formatForPath(path);
    if (!format) {
        if (error)
            *error = tr("Unknown image format \"%1\": use .png, .svg or .pdf.").arg(QFileInfo(path).suffix());
        return false;
    }
    const QByteArray bytes = render(*format, size);
    if (bytes.isEmpty()) {
        if (error)
            *error = tr("Could not draw the timeline.");
        return false;
    }
    return writeFile(path, bytes, error);
}

QList<qint64> TimelineExporter::slideSteps(const Trace &trace, Slides mode)
{
    QList<qint64> steps;
    for (std::size_t i = 0; i < trace.events.size(); ++i)
        if (mode == Slides::Steps || trace.events[i].eventKind() == EventKind::Output)
            steps.append(qint64(i));
    return steps;
}

QString TimelineExporter::captionTitle(const Trace &trace, qint64 step)
{
    if (step < 0 || std::size_t(step) >= trace.events.size())
        return tr("Before the first step");
    const Event &e = trace.events[std::size_t(step)];
    const QString detail = fromStd(trace.detail(e));
    if (e.eventKind() == EventKind::Output)
        return detail;
    const QString lane = e.lane < trace.lanes.size() ? fromStd(trace.laneName(e.lane)) : QString();
    const QString kind = fromStd(eventKindName(e.eventKind()));
    return detail.isEmpty() ? tr("%1: %2").arg(lane, kind) : tr("%1: %2 %3").arg(lane, kind, detail);
}

QString TimelineExporter::captionDetail(const Trace &trace, qint64 step)
{
    if (step < 0 || std::size_t(step) >= trace.events.size())
        return {};
    const Event &e = trace.events[std::size_t(step)];
    QString text = tr("Step %1 of %2 · %3 s · %4")
                       .arg(step)
                       .arg(qint64(trace.events.size()) - 1)
                       .arg(double(trace.time(std::uint32_t(step))) / 1e9, 0, 'f', 3)
                       .arg(e.lane < trace.lanes.size() ? fromStd(trace.laneName(e.lane)) : QString());
    const QString where = QString::fromStdString(trace.locationText(e));
    if (!where.isEmpty())
        text += QStringLiteral(" · ") + where;
    if (e.eventKind() == EventKind::Output)
        text += QStringLiteral(" · ") + tr("printed");
    return text;
}

bool TimelineExporter::exportSlides(const QString &path, Slides mode, QSize pageSize, QString *error,
                                    int *pages,
                                    const std::function<bool(int done, int total)> &progress) const
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    const Trace &trace = m_document->trace();
    const QList<qint64> steps = slideSteps(trace, mode);
    if (steps.isEmpty())
        return fail(mode == Slides::Outputs
                        ? tr("This run printed nothing, so there are no slides of printed lines. "
                             "Export one page per step instead.")
                        : tr("The trace has no steps."));
    if (steps.size() > kMaxSlides)
        return fail(tr("That would be %1 pages; slides stop at %2. Export one page per printed line instead, "
                       "or a shorter run.")
                        .arg(steps.size())
                        .arg(kMaxSlides));
    const QSize size = effectiveSize(pageSize);
    QCustomPlot *plot = m_timeline->plot();

    QFont titleFont = m_timeline->font();
    titleFont.setPointSizeF(m_timeline->pointSize() * 1.4);
    titleFont.setBold(true);
    QFont detailFont = m_timeline->font();
    detailFont.setPointSizeF(m_timeline->pointSize());
    const int margin = 12;
    const int band = int(QFontMetricsF(titleFont).height() + QFontMetricsF(detailFont).height()) + 2 * margin;
    if (size.height() - band < 120)
        return fail(tr("The page is too small for the timeline and its caption."));
    const QSize plotSize(size.width(), size.height() - band);

    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    setUpPdf(writer, size, m_document->origin());
    const qint64 savedCursor = m_cursor->cursor();
    bool canceled = false;
    {
        QCPPainter painter(&writer);
        for (qsizetype i = 0; i < steps.size(); ++i) {
            if (i > 0)
                writer.newPage();
            const qint64 step = steps[i];
            m_cursor->setCursor(step);
            painter.save();
            painter.fillRect(QRect(QPoint(0, 0), size), Qt::white);
            const QRect titleRect(margin, margin, size.width() - 2 * margin,
                                  int(QFontMetricsF(titleFont).height()));
            painter.setPen(Qt::black);
            painter.setFont(titleFont);
            painter.drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
                             QFontMetrics(titleFont).elidedText(captionTitle(trace, step), Qt::ElideRight,
                                                                titleRect.width()));
            painter.setFont(detailFont);
            painter.setPen(QColor(0x55, 0x55, 0x55));
            const QRect detailRect(margin, titleRect.bottom() + 1, titleRect.width(),
                                   int(QFontMetricsF(detailFont).height()));
            painter.drawText(detailRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
                             QFontMetrics(detailFont)
                                 .elidedText(captionDetail(trace, step), Qt::ElideRight, detailRect.width()));
            painter.translate(0, band);
            drawPlot(plot, painter, plotSize);
            painter.restore();
            if (progress && !progress(int(i) + 1, int(steps.size()))) {
                canceled = true;
                break;
            }
        }
        painter.end();
    }
    m_cursor->setCursor(savedCursor);
    if (canceled)
        return fail(tr("Canceled: no file was written."));
    plot->replot(QCustomPlot::rpQueuedReplot);
    if (pages)
        *pages = int(steps.size());
    return writeFile(path, bytes, error);
}

bool TimelineExporter::exportChromeTrace(const Trace &trace, const QString &path, QString *error)
{
    const std::string json = serializeChromeTrace(trace);
    return writeFile(path, QByteArray::fromRawData(json.data(), qsizetype(json.size())), error);
}

bool TimelineExporter::writeFile(const QString &path, const QByteArray &bytes, QString *error)
{
    QString why;
    if (!saveFileAtomically(path, bytes, &why)) {
        if (error)
            *error = tr("Could not write %1: %2").arg(path, why);
        return false;
    }
    return true;
}

} // namespace coroscope
