#include "PythonDialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace coroscope {

namespace {

constexpr double kAskSeconds = 5; // an interpreter that does not answer by then is listed as broken
constexpr int kPathRole = Qt::UserRole;
constexpr int kIndexRole = Qt::UserRole + 1; // into m_found; -1: Automatic

enum Column { LabelColumn, StatusColumn, PathColumn, FoundColumn };

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

PythonDialog::PythonDialog(const QString &current, PythonSearch search, QWidget *parent)
    : QDialog(parent)
    , m_current(current)
    , m_search(std::move(search))
    , m_intro(new QLabel)
    , m_state(new QLabel)
    , m_list(new QTreeWidget)
    , m_automatic(new QTreeWidgetItem)
    , m_browse(new QPushButton)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
    , m_searching(new QFutureWatcher<std::vector<PythonInterpreter>>(this))
{
    setObjectName(QStringLiteral("pythonDialog"));
    // The one chosen now is listed whether or not the search would find it.
    if (const std::string current = m_current.toStdString(); !current.empty()
        && std::find(m_search.given.begin(), m_search.given.end(), current) == m_search.given.end())
        m_search.given.push_back(current);

    m_intro->setWordWrap(true);
    m_state->setObjectName(QStringLiteral("pythonSearchState"));
    m_list->setObjectName(QStringLiteral("pythonList"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAllColumnsShowFocus(true);
    m_list->setColumnCount(4);
    m_list->header()->setStretchLastSection(true);
    m_automatic->setData(0, kPathRole, QString());
    m_automatic->setData(0, kIndexRole, -1);
    m_list->addTopLevelItem(m_automatic);
    m_browse->setObjectName(QStringLiteral("pythonBrowse"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_browse);
    buttons->addStretch(1);
    buttons->addWidget(m_buttons);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_state);
    layout->addLayout(buttons);
    resize(1000, 440);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_browse, &QPushButton::clicked, this, &PythonDialog::browse);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &PythonDialog::updateButtons);
    connect(m_list, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        if (item && (item->flags() & Qt::ItemIsEnabled))
            accept();
    });
    connect(m_searching, &QFutureWatcher<std::vector<PythonInterpreter>>::finished, this,
            [this] { showFound(m_searching->result()); });

    if (m_current.isEmpty())
        m_list->setCurrentItem(m_automatic);
    // Each candidate runs `python -c ...` once: off the GUI thread, all at once, each with a limit.
    const PythonSearch where = m_search;
    m_searching->setFuture(QtConcurrent::run([where] { return findPythons(where, kAskSeconds); }));
    retranslate();
}

PythonDialog::~PythonDialog() = default;

bool PythonDialog::isSearching() const
{
    return !m_searched || !m_asked;
}

void PythonDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

QString PythonDialog::reasonText(const PythonInterpreter &python)
{
    using S = PythonInterpreter::Support;
    switch (python.support) {
    case S::Supported:
        return tr("Supported");
    case S::TooOld:
        return tr("Unsupported: too old (Coroscope traces 3.%1–3.%2)")
            .arg(kOldestPythonMinor)
            .arg(kNewestPythonMinor);
    case S::TooNew:
        return tr("Unsupported: not tested yet (Coroscope traces 3.%1–3.%2)")
            .arg(kOldestPythonMinor)
            .arg(kNewestPythonMinor);
    case S::NotCPython:
        return tr("Unsupported: not CPython, whose asyncio the tracer follows");
    case S::Broken:
        return tr("Does not run: %1").arg(qs(python.problem));
    }
    return {};
}

QString PythonDialog::originText(const PythonOrigin &origin)
{
    switch (origin.kind) {
    case PythonOrigin::Kind::Environment:
        return QStringLiteral("$COROSCOPE_PYTHON");
    case PythonOrigin::Kind::Python3:
        return tr("python3 on PATH");
    case PythonOrigin::Kind::OnPath:
        return tr("on PATH in %1").arg(qs(origin.detail));
    case PythonOrigin::Kind::Pyenv:
        return tr("pyenv %1").arg(qs(origin.detail));
    case PythonOrigin::Kind::Given:
        return tr("chosen by you");
    }
    return {};
}

void PythonDialog::retranslate()
{
    setWindowTitle(tr("Python Interpreter"));
    m_intro->setText(tr("Scripts you open, and samples run on CPython, run on the interpreter chosen here. "
                        "Coroscope traces CPython 3.%1 to 3.%2, each with its own asyncio.")
                         .arg(kOldestPythonMinor)
                         .arg(kNewestPythonMinor));
    m_list->setHeaderLabels({tr("Python"), tr("Status"), tr("Path"), tr("Found as")});
    m_browse->setText(tr("&Other Interpreter…"));
    m_browse->setToolTip(tr("Choose a Python interpreter that is not listed"));
    for (int i = 1; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        fillRow(item, m_found[std::size_t(item->data(0, kIndexRole).toInt())]);
    }
    updateState();
}

void PythonDialog::updateState()
{
    // Automatic: what a run without a choice takes, as found.
    const auto runsOn
        = m_search.environment.empty() ? PythonOrigin::Kind::Python3 : PythonOrigin::Kind::Environment;
    const PythonInterpreter *automatic = nullptr;
    for (const auto &p : m_found)
        for (const auto &o : p.origins)
            if (!automatic && o.kind == runsOn)
                automatic = &p;
    m_automatic->setText(LabelColumn,
                         automatic && !automatic->version.empty()
                             ? tr("Automatic (%1)").arg(qs(automatic->label()))
                             : tr("Automatic"));
    m_automatic->setText(PathColumn, automatic ? qs(automatic->path) : QString());
    m_automatic->setText(FoundColumn, tr("$COROSCOPE_PYTHON, else python3 on PATH"));
    m_automatic->setText(StatusColumn, automatic ? reasonText(*automatic) : QString());
    m_automatic->setToolTip(LabelColumn,
                            tr("Follows $COROSCOPE_PYTHON, else python3 on PATH, whatever they are "
                               "when a script runs"));

    if (isSearching()) {
        m_state->setText(tr("Asking each interpreter which Python it is…"));
        return;
    }
    int supported = 0;
    for (const auto &p : m_found)
        supported += p.supported();
    m_state->setText(tr("Interpreters found: %1, supported: %2.").arg(m_found.size()).arg(supported));
}

void PythonDialog::fillRow(QTreeWidgetItem *item, const PythonInterpreter &python)
{
    QStringList origins;
    for (const auto &o : python.origins)
        origins.append(originText(o));
    item->setText(LabelColumn, python.version.empty() ? QStringLiteral("?") : qs(python.label()));
    item->setText(PathColumn, qs(python.path));
    item->setText(FoundColumn, origins.join(QStringLiteral(", ")));
    item->setText(StatusColumn, reasonText(python));
    QString tip = qs(python.path);
    if (!python.fullVersion.empty())
        tip += QLatin1Char('\n') + qs(python.fullVersion);
    if (!python.executable.empty() && python.executable != python.path)
        tip += QLatin1Char('\n') + tr("Runs %1").arg(qs(python.executable));
    if (!python.supported())
        tip += QLatin1Char('\n') + reasonText(python);
    for (int c = 0; c < m_list->columnCount(); ++c)
        item->setToolTip(c, tip);
    // What the tracer refuses cannot be chosen: it is listed to say why.
    item->setFlags(python.supported() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable : Qt::NoItemFlags);
}

QTreeWidgetItem *PythonDialog::addRow(const PythonInterpreter &python)
{
    m_found.push_back(python);
    auto *item = new QTreeWidgetItem;
    // What runs is the path as the user named it (a link to one found is listed under the one found).
    QString path = qs(python.path);
    for (const auto &o : python.origins)
        if (o.kind == PythonOrigin::Kind::Given)
            path = qs(o.detail);
    item->setData(0, kPathRole, path);
    item->setData(0, kIndexRole, int(m_found.size() - 1));
    fillRow(item, python);
    m_list->addTopLevelItem(item);
    return item;
}

void PythonDialog::showFound(const std::vector<PythonInterpreter> &found)
{
    m_searched = true;
    QTreeWidgetItem *current = m_current.isEmpty() ? m_automatic : nullptr;
    for (const auto &python : found) {
        QTreeWidgetItem *item = addRow(python);
        if (!current && item->data(0, kPathRole).toString() == m_current && python.supported())
            current = item;
    }
    m_list->setCurrentItem(current ? current : m_automatic);
    updateState();
    for (int c = 0; c < m_list->columnCount() - 1; ++c) { // a long reason is in the row's tooltip too
        m_list->resizeColumnToContents(c);
        m_list->setColumnWidth(c, std::min(m_list->columnWidth(c), 420));
    }
    updateButtons();
    emit searchFinished();
}

void PythonDialog::addInterpreter(const QString &path)
{
    if (path.isEmpty())
        return;
    if (!m_searched) { // after the search: it may find the same one
        connect(
            this, &PythonDialog::searchFinished, this, [this, path] { addInterpreter(path); },
            Qt::SingleShotConnection);
        return;
    }
    for (int i = 1; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        if (item->data(0, kPathRole).toString() == path) {
            if (item->flags() & Qt::ItemIsEnabled)
                m_list->setCurrentItem(item);
            emit searchFinished();
            return;
        }
    }
    delete m_asking;
    m_asking = new QFutureWatcher<PythonInterpreter>(this);
    m_asked = false;
    connect(m_asking, &QFutureWatcher<PythonInterpreter>::finished, this, [this, path] {
        PythonInterpreter python = m_asking->result();
        python.origins = {{PythonOrigin::Kind::Given, path.toStdString()}};
        showAdded(python);
    });
    const std::string file = path.toStdString();
    m_asking->setFuture(QtConcurrent::run([file] { return probePython(file, kAskSeconds); }));
    updateState();
    updateButtons();
}

void PythonDialog::showAdded(const PythonInterpreter &python)
{
    m_asked = true;
    // Its own row, even when it runs a binary listed already: a wrapper script may set up more.
    QTreeWidgetItem *item = addRow(python);
    if (python.supported())
        m_list->setCurrentItem(item);
    m_list->scrollToItem(item);
    updateState();
    updateButtons();
    emit searchFinished();
}

void PythonDialog::browse()
{
    const QString start
        = m_current.isEmpty() ? QStringLiteral("/usr/bin") : QFileInfo(m_current).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose a Python Interpreter"), start);
    addInterpreter(path);
}

void PythonDialog::updateButtons()
{
    QTreeWidgetItem *item = m_list->currentItem();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(item && (item->flags() & Qt::ItemIsEnabled));
}

QString PythonDialog::chosenPath() const
{
    QTreeWidgetItem *item = m_list->currentItem();
    return item ? item->data(0, kPathRole).toString() : QString();
}

QString PythonDialog::chosenLabel() const
{
    QTreeWidgetItem *item = m_list->currentItem();
    if (!item)
        return {};
    const int index = item->data(0, kIndexRole).toInt();
    if (index >= 0)
        return qs(m_found[std::size_t(index)].label());
    const auto runsOn
        = m_search.environment.empty() ? PythonOrigin::Kind::Python3 : PythonOrigin::Kind::Environment;
    for (const auto &p : m_found)
        for (const auto &o : p.origins)
            if (o.kind == runsOn && !p.version.empty())
                return qs(p.label());
    return {};
}

QStringList PythonDialog::givenPaths() const
{
    QStringList paths;
    for (const auto &p : m_found) {
        for (const auto &o : p.origins) {
            if (o.kind == PythonOrigin::Kind::Given && p.supported() && !paths.contains(qs(o.detail)))
                paths.append(qs(o.detail));
        }
    }
    return paths;
}

} // namespace coroscope
