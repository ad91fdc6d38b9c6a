#pragma once

#include <QWidget>

namespace coroscope {

// Presentation mode's "B": a black screen over the whole window (the class looks at the teacher),
// gone at the next key or click. The key that ends it does nothing else.
class BlankScreen : public QWidget
{
    Q_OBJECT
public:
    explicit BlankScreen(QWidget *window);

    void blank(); // covers the window and takes the keyboard

signals:
    void unblanked();

protected:
    bool event(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void unblank();
};

} // namespace coroscope
