#include "BlankScreen.h"

#include <QEvent>
#include <QKeyEvent>
#include <QPainter>

namespace coroscope {

BlankScreen::BlankScreen(QWidget *window)
    : QWidget(window)
{
    setObjectName(QStringLiteral("blankScreen"));
    setFocusPolicy(Qt::StrongFocus);
    hide();
    window->installEventFilter(this);
}

void BlankScreen::blank()
{
    setGeometry(parentWidget()->rect());
    show();
    raise();
    setFocus(Qt::OtherFocusReason);
}

void BlankScreen::unblank()
{
    if (isHidden())
        return;
    hide();
    emit unblanked();
}

bool BlankScreen::event(QEvent *event)
{
    // Every key is ours while blank: the window's shortcuts (Space, arrows) must not move the run.
    if (event->type() == QEvent::ShortcutOverride) {
        event->accept();
        return true;
    }
    return QWidget::event(event);
}

bool BlankScreen::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize && isVisible())
        setGeometry(parentWidget()->rect());
    return QWidget::eventFilter(watched, event);
}

void BlankScreen::keyPressEvent(QKeyEvent *event)
{
    // Modifier presses alone (a clicker's Shift) do not end it.
    if (event->key() != Qt::Key_Shift && event->key() != Qt::Key_Control && event->key() != Qt::Key_Alt
        && event->key() != Qt::Key_Meta)
        unblank();
    event->accept();
}

void BlankScreen::mousePressEvent(QMouseEvent *event)
{
    unblank();
    event->accept();
}

void BlankScreen::paintEvent(QPaintEvent *)
{
    QPainter(this).fillRect(rect(), Qt::black);
}

} // namespace coroscope
