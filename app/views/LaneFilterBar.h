#pragma once

#include <QWidget>

class QAction;
class QActionGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QToolButton;

namespace coroscope {

class TimelineWidget;

// The strip over the timeline that finds lanes in a big run: a filter box (name or kind), the
// state at the cursor, "only lanes that print", "hide finished lanes", and a Lanes menu (row
// density, grouping, fold or open every group). It shows itself when the run has more lanes than
// fit the roomy rows, or when Find a Lane (Ctrl+L) asks for it; small runs keep the timeline as it
// always was.
class LaneFilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit LaneFilterBar(TimelineWidget *timeline, QWidget *parent = nullptr);

    QLineEdit *textBox() const { return m_text; }
    QComboBox *stateBox() const { return m_state; }
    QCheckBox *printingBox() const { return m_printing; }
    QCheckBox *unfinishedBox() const { return m_unfinished; }
    QToolButton *lanesButton() const { return m_lanesButton; }
    // Ctrl+L: shows the bar and puts the focus in the filter box. Add it to the window.
    QAction *findAction() const { return m_find; }
    // "213 lanes" / "12 of 213 lanes"
    QString countText() const;

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void apply();
    void syncMenu();
    void updateVisibility();
    void retranslate();
    void fitWidth();

    TimelineWidget *m_timeline;
    QLineEdit *m_text;
    QComboBox *m_state;
    QCheckBox *m_printing;
    QCheckBox *m_unfinished;
    QLabel *m_count;
    QToolButton *m_lanesButton;
    QMenu *m_menu;
    QMenu *m_densityMenu;
    QMenu *m_groupMenu;
    QAction *m_find;
    QAction *m_densityAuto, *m_densityCompact, *m_densityRoomy;
    QAction *m_groupFunction, *m_groupSpawner, *m_groupNone;
    QAction *m_foldAll, *m_openAll;
    // The two toggles as menu entries too: a narrow bar (a 1280x720 window) leaves the boxes out.
    QAction *m_printingAction, *m_unfinishedAction;
    bool m_asked = false; // Find a Lane showed the bar
};

} // namespace coroscope
