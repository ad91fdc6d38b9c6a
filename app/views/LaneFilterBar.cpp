#include "LaneFilterBar.h"

#include "timeline/TimelineLanes.h"
#include "timeline/TimelineLayout.h"
#include "timeline/TimelineWidget.h"

#include <QAction>
#include <QActionGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLayout>
#include <QMenu>
#include <QToolButton>

namespace coroscope {

LaneFilterBar::LaneFilterBar(TimelineWidget *timeline, QWidget *parent)
    : QWidget(parent)
    , m_timeline(timeline)
{
    setObjectName(QStringLiteral("laneFilterBar"));
    m_text = new QLineEdit;
    m_text->setObjectName(QStringLiteral("laneFilterText"));
    m_text->setClearButtonEnabled(true);
    m_text->installEventFilter(this);
    m_state = new QComboBox;
    m_state->setObjectName(QStringLiteral("laneFilterState"));
    for (int i = 0; i < 5; ++i)
        m_state->addItem(QString());
    m_printing = new QCheckBox;
    m_printing->setObjectName(QStringLiteral("laneFilterPrinting"));
    m_unfinished = new QCheckBox;
    m_unfinished->setObjectName(QStringLiteral("laneFilterUnfinished"));
    m_count = new QLabel;
    m_count->setObjectName(QStringLiteral("laneFilterCount"));
    m_count->setTextFormat(Qt::PlainText);

    m_menu = new QMenu(this);
    m_printingAction = m_menu->addAction(QString());
    m_unfinishedAction = m_menu->addAction(QString());
    m_printingAction->setCheckable(true);
    m_unfinishedAction->setCheckable(true);
    m_menu->addSeparator();
    m_densityMenu = m_menu->addMenu(QString());
    auto *densities = new QActionGroup(this);
    m_densityAuto = m_densityMenu->addAction(QString());
    m_densityCompact = m_densityMenu->addAction(QString());
    m_densityRoomy = m_densityMenu->addAction(QString());
    for (QAction *a : {m_densityAuto, m_densityCompact, m_densityRoomy}) {
        a->setCheckable(true);
        densities->addAction(a);
    }
    m_groupMenu = m_menu->addMenu(QString());
    auto *groupings = new QActionGroup(this);
    m_groupFunction = m_groupMenu->addAction(QString());
    m_groupSpawner = m_groupMenu->addAction(QString());
    m_groupNone = m_groupMenu->addAction(QString());
    for (QAction *a : {m_groupFunction, m_groupSpawner, m_groupNone}) {
        a->setCheckable(true);
        groupings->addAction(a);
    }
    m_menu->addSeparator();
    m_foldAll = m_menu->addAction(QString());
    m_openAll = m_menu->addAction(QString());
    m_lanesButton = new QToolButton;
    m_lanesButton->setObjectName(QStringLiteral("laneFilterLanes"));
    m_lanesButton->setMenu(m_menu);
    m_lanesButton->setPopupMode(QToolButton::InstantPopup);
    m_lanesButton->setToolButtonStyle(Qt::ToolButtonTextOnly);

    m_find = new QAction(this);
    m_find->setShortcut(Qt::CTRL | Qt::Key_L);
    m_find->setShortcutContext(Qt::WindowShortcut);

    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(6, 3, 6, 3);
    row->setSpacing(8);
    row->addWidget(m_text, 3);
    row->addWidget(m_state, 0);
    row->addWidget(m_printing);
    row->addWidget(m_unfinished);
    row->addStretch(1);
    row->addWidget(m_count);
    row->addWidget(m_lanesButton);

    connect(m_text, &QLineEdit::textChanged, this, &LaneFilterBar::apply);
    connect(m_state, &QComboBox::currentIndexChanged, this, &LaneFilterBar::apply);
    connect(m_printing, &QCheckBox::toggled, this, &LaneFilterBar::apply);
    connect(m_unfinished, &QCheckBox::toggled, this, &LaneFilterBar::apply);
    connect(m_printingAction, &QAction::toggled, m_printing, &QCheckBox::setChecked);
    connect(m_unfinishedAction, &QAction::toggled, m_unfinished, &QCheckBox::setChecked);
    connect(m_printing, &QCheckBox::toggled, m_printingAction, &QAction::setChecked);
    connect(m_unfinished, &QCheckBox::toggled, m_unfinishedAction, &QAction::setChecked);
    connect(m_densityAuto, &QAction::triggered, this, [this] { m_timeline->setDensity(LaneDensity::Auto); });
    connect(m_densityCompact, &QAction::triggered, this, [this] { m_timeline->setDensity(LaneDensity::Compact); });
    connect(m_densityRoomy, &QAction::triggered, this, [this] { m_timeline->setDensity(LaneDensity::Roomy); });
    connect(m_groupFunction, &QAction::triggered, this, [this] { m_timeline->setGrouping(LaneGrouping::Function); });
    connect(m_groupSpawner, &QAction::triggered, this, [this] { m_timeline->setGrouping(LaneGrouping::Spawner); });
    connect(m_groupNone, &QAction::triggered, this, [this] { m_timeline->setGrouping(LaneGrouping::None); });
    connect(m_foldAll, &QAction::triggered, this, [this] { m_timeline->setAllGroupsCollapsed(true); });
    connect(m_openAll, &QAction::triggered, this, [this] { m_timeline->setAllGroupsCollapsed(false); });
    connect(m_menu, &QMenu::aboutToShow, this, &LaneFilterBar::syncMenu);
    connect(m_find, &QAction::triggered, this, [this] {
        m_asked = true;
        updateVisibility();
        m_text->setFocus(Qt::ShortcutFocusReason);
        m_text->selectAll();
    });
    connect(m_timeline, &TimelineWidget::lanesChanged, this, [this] {
        m_count->setText(countText());
        updateVisibility();
        fitWidth();
    });

    retranslate();
    m_count->setText(countText());
    updateVisibility();
    fitWidth();
}

QString LaneFilterBar::countText() const
{
    const TimelineLanes &lanes = m_timeline->lanes();
    const int all = m_timeline->layout().rowCount();
    if (!lanes.filter().isActive())
        return tr("%1 lanes").arg(all);
    int shown = 0;
    for (int r = 0; r < all; ++r)
        shown += lanes.rowOfLayoutRow(r) >= 0 ? 1 : 0;
    return tr("%1 of %2 lanes").arg(shown).arg(all);
}

void LaneFilterBar::apply()
{
    LaneFilter filter;
    filter.text = m_text->text().trimmed().toStdString();
    filter.state = LaneFilter::State(std::max(0, m_state->currentIndex()));
    filter.onlyPrinting = m_printing->isChecked();
    filter.hideFinished = m_unfinished->isChecked();
    m_timeline->setLaneFilter(filter);
}

void LaneFilterBar::syncMenu()
{
    switch (m_timeline->density()) {
    case LaneDensity::Auto: m_densityAuto->setChecked(true); break;
    case LaneDensity::Compact: m_densityCompact->setChecked(true); break;
    case LaneDensity::Roomy: m_densityRoomy->setChecked(true); break;
    }
    switch (m_timeline->grouping()) {
    case LaneGrouping::Auto:
    case LaneGrouping::Function: m_groupFunction->setChecked(true); break;
    case LaneGrouping::Spawner: m_groupSpawner->setChecked(true); break;
    case LaneGrouping::None: m_groupNone->setChecked(true); break;
    }
    const bool groups = !m_timeline->lanes().groups().empty();
    m_foldAll->setEnabled(groups);
    m_openAll->setEnabled(groups);
}

void LaneFilterBar::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitWidth();
}

void LaneFilterBar::fitWidth()
{
    // The filter box keeps room to type in; the toggles' boxes go first (they stay in the menu),
    // then the count.
    const int spacing = layout()->spacing();
    const int margins = layout()->contentsMargins().left() + layout()->contentsMargins().right();
    const int box = m_text->fontMetrics().horizontalAdvance(m_text->placeholderText()) / 2 + 40;
    int needed = margins + box + m_state->sizeHint().width() + m_lanesButton->sizeHint().width() + 2 * spacing;
    const int count = m_count->sizeHint().width() + spacing;
    const int toggles = m_printing->sizeHint().width() + m_unfinished->sizeHint().width() + 2 * spacing;
    const bool showCount = width() >= needed + count;
    needed += showCount ? count : 0;
    const bool showToggles = width() >= needed + toggles;
    m_count->setVisible(showCount);
    m_printing->setVisible(showToggles);
    m_unfinished->setVisible(showToggles);
}

void LaneFilterBar::updateVisibility()
{
    const bool big = m_timeline->layout().rowCount() > TimelineLanes::kRoomyMaxLanes;
    setVisible(big || m_asked || m_timeline->laneFilter().isActive());
}

bool LaneFilterBar::eventFilter(QObject *watched, QEvent *event)
{
    // Enter goes back to the timeline (the arrows step again); Esc clears the filter too.
    if (watched == m_text && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Escape) {
            m_text->clear();
            m_asked = false;
            m_timeline->setFocus(Qt::ShortcutFocusReason);
            updateVisibility();
            return true;
        }
        if (key == Qt::Key_Return || key == Qt::Key_Enter || key == Qt::Key_Down) {
            m_timeline->setFocus(Qt::ShortcutFocusReason);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void LaneFilterBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        m_count->setText(countText());
    }
    QWidget::changeEvent(event);
}

void LaneFilterBar::retranslate()
{
    m_text->setPlaceholderText(tr("Find lanes: name or kind (Ctrl+L)"));
    m_text->setToolTip(tr("Shows the lanes whose name or kind contains this text; Enter goes back to the timeline, Esc clears it."));
    m_state->setItemText(int(LaneFilter::State::Any), tr("any state"));
    m_state->setItemText(int(LaneFilter::State::NotStarted), tr("not started yet"));
    m_state->setItemText(int(LaneFilter::State::Running), tr("running now"));
    m_state->setItemText(int(LaneFilter::State::Waiting), tr("waiting now"));
    m_state->setItemText(int(LaneFilter::State::Done), tr("done by now"));
    m_state->setToolTip(tr("Only the lanes in this state at the cursor"));
    m_printing->setText(tr("Only lanes that print"));
    m_unfinished->setText(tr("Hide finished lanes"));
    m_unfinished->setToolTip(tr("Hides the lanes that have returned, raised or been cancelled by the cursor"));
    m_text->setMinimumWidth(m_text->fontMetrics().horizontalAdvance(m_text->placeholderText()) / 2 + 40);
    m_printingAction->setText(m_printing->text());
    m_unfinishedAction->setText(m_unfinished->text());
    m_lanesButton->setText(tr("Lanes"));
    m_lanesButton->setToolTip(tr("Row height, grouping, fold or open every group"));
    m_densityMenu->setTitle(tr("Row height"));
    m_densityAuto->setText(tr("Automatic (compact for many lanes)"));
    m_densityCompact->setText(tr("Compact: one line or thinner"));
    m_densityRoomy->setText(tr("Roomy: bars with their printed lines"));
    m_groupMenu->setTitle(tr("Group lanes"));
    m_groupFunction->setText(tr("By coroutine function"));
    m_groupSpawner->setText(tr("By the lane that spawned them"));
    m_groupNone->setText(tr("Do not group"));
    m_foldAll->setText(tr("Fold every group"));
    m_openAll->setText(tr("Open every group"));
    m_find->setText(tr("Find a Lane"));
}

} // namespace coroscope
