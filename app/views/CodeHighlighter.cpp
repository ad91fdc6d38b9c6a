#include "CodeHighlighter.h"

#include <QColor>

namespace coroscope {

namespace {

QTextCharFormat charFormat(QColor color, bool bold = false, bool italic = false)
{
    QTextCharFormat f;
    f.setForeground(color);
    if (bold)
        f.setFontWeight(QFont::Bold);
    f.setFontItalic(italic);
    return f;
}

QRegularExpression words(const QStringList &list)
{
    return QRegularExpression(QStringLiteral("\\b(?:%1)\\b").arg(list.join(u'|')));
}

} // namespace

CodeHighlighter::CodeHighlighter(Language language, QTextDocument *document)
    : QSyntaxHighlighter(document)
    , m_language(language)
{
    const auto keyword = charFormat(QColor(0x1a, 0x4f, 0xa8), true);
    const auto coroutine = charFormat(QColor(0xa3, 0x15, 0x8c), true);
    const auto type = charFormat(QColor(0x00, 0x6e, 0x7a));
    const auto number = charFormat(QColor(0xa6, 0x52, 0x00));
    const auto string = charFormat(QColor(0x2e, 0x7d, 0x32));
    m_comment = charFormat(QColor(0x75, 0x75, 0x75), false, true);

    if (language == Language::Cpp) {
        m_rules.push_back({words({"auto", "bool", "break", "case", "catch", "class", "const", "constexpr",
                                  "continue", "default", "delete", "do", "double", "else", "enum", "false",
                                  "for", "if", "include", "inline", "int", "namespace", "new", "nullptr",
                                  "private", "public", "return", "static", "struct", "switch", "template",
                                  "this", "throw", "true", "try", "typename", "using", "void", "while"}),
                           keyword});
        m_rules.push_back({words({"Task", "Generator", "AsyncGenerator", "Future", "Queue", "std", "string",
                                  "vector", "variant", "optional", "None"}),
                           type});
        m_rules.push_back({words({"co_await", "co_yield", "co_return"}), coroutine});
        m_rules.push_back({QRegularExpression(QStringLiteral("#\\s*\\w+")), keyword});
    } else {
        m_rules.push_back({words({"and", "as", "assert", "break", "class", "continue", "def", "del", "elif",
                                  "else", "except", "False", "finally", "for", "from", "global", "if",
                                  "import", "in", "is", "lambda", "None", "nonlocal", "not", "or", "pass",
                                  "raise", "return", "True", "try", "while", "with"}),
                           keyword});
        m_rules.push_back({words({"async", "await", "yield"}), coroutine});
        m_rules.push_back({words({"asyncio", "print", "next", "range", "len", "str", "int"}), type});
    }
    m_rules.push_back({QRegularExpression(QStringLiteral("\\b\\d+(?:\\.\\d+)?\\b")), number});
    // Strings last but one: they override keywords inside them; comments are applied after them.
    m_rules.push_back({QRegularExpression(QStringLiteral(R"((?:\b[rbfuRBFU]{1,2})?"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')")),
                       string});
}

void CodeHighlighter::highlightBlock(const QString &text)
{
    for (const Rule &rule : m_rules) {
        for (auto it = rule.pattern.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            setFormat(int(m.capturedStart()), int(m.capturedLength()), rule.format);
        }
    }
    // Comments: outside strings only (a '#' or "//" inside a string literal is text).
    const QString marker = m_language == Language::Cpp ? QStringLiteral("//") : QStringLiteral("#");
    QChar quote;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (!quote.isNull()) {
            if (c == u'\\')
                ++i;
            else if (c == quote)
                quote = QChar();
            continue;
        }
        if (c == u'"' || (c == u'\'' && m_language == Language::Python)) {
            quote = c;
            continue;
        }
        if (QStringView(text).mid(i).startsWith(marker)) {
            setFormat(i, int(text.size()) - i, m_comment);
            break;
        }
    }
}

} // namespace coroscope
