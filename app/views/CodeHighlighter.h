#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <vector>

namespace coroscope {

// A small rule-based highlighter for the samples' C++ and Python: keywords, the coroutine keywords
// (co_await / co_yield / await / yield / async) set apart, strings, numbers and comments.
class CodeHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    enum class Language { Cpp, Python };

    CodeHighlighter(Language language, QTextDocument *document);

protected:
    void highlightBlock(const QString &text) override;

private:
    struct Rule {
        QRegularExpression pattern;
        QTextCharFormat format;
    };
    std::vector<Rule> m_rules;
    Language m_language;
    QTextCharFormat m_comment;
};

} // namespace coroscope
