#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace coroscope {

class PredictController;

// The predict-mode prompt: a strip in the window (not a dialog, so the teacher can talk over it and
// the class still sees the run) asking what the program prints next, with a Reveal button.
class PredictPanel : public QFrame
{
    Q_OBJECT
public:
    explicit PredictPanel(PredictController *predict, QWidget *parent = nullptr);

    QString text() const; // what the prompt says now (tests)
    QPushButton *revealButton() const { return m_reveal; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();

    PredictController *m_predict;
    QLabel *m_label;
    QPushButton *m_reveal;
};

} // namespace coroscope
