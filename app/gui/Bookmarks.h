#pragma once

#include <QCoreApplication>

class QAction;
class QToolBar;

namespace coroscope {

class AnnotationBanner;
class MainWindow;

// Bookmarks with notes on steps (Run > Bookmark Step…): set, edit and remove them, jump between
// them, see the note of the step at the cursor in a banner and every bookmark as a flag on the
// timeline. They live in the trace (Trace::annotations), so Save Trace keeps them.
class Bookmarks
{
    Q_DECLARE_TR_FUNCTIONS(Bookmarks)
public:
    explicit Bookmarks(MainWindow *window);

    AnnotationBanner *banner() const { return m_banner; }
    void retranslate();
    // The bookmark before / after the cursor; false when there is none.
    bool next();
    bool previous();

    QAction *edit; // Ctrl+B: asks for the note
    QAction *remove; // Ctrl+Shift+B
    QAction *goNext; // Ctrl+PgDown
    QAction *goPrevious; // Ctrl+PgUp

private:
    void editNote();
    void sync();

    MainWindow *m_window;
    AnnotationBanner *m_banner;
    QToolBar *m_bar;
};

} // namespace coroscope
