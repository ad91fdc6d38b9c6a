#include "Program.h"

#include "runtime/Repr.h"

#include <QJsonArray>

#include <array>

namespace coroscope::difftest {

std::string delayText(const Delay &d)
{
    return d.integral ? std::to_string((long long)d.seconds) : reprDouble(d.seconds);
}

namespace {

constexpr std::array kOps{"print", "sleep", "call", "spawn", "await", "gather", "wait", "wait_for", "cancel",
                          "try", "raise", "return", "put", "get", "put_nowait", "lock", "event_wait",
                          "event_set", "event_clear", "sem", "taskgroup", "timeout", "shield"};
constexpr std::array kCatches{"ValueError", "CancelledError", "Exception", "TimeoutError"};
constexpr std::array kExprKinds{"int", "str", "var", "param"};

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

// As the program writes it, "1" or "1.0": JSON numbers would not keep an int from a float.
QJsonValue delayJson(const Delay &d)
{
    return QString::fromStdString(delayText(d));
}

Delay delayFrom(const QJsonValue &v)
{
    const QString text = v.toString();
    return {text.toDouble(), !text.contains('.')};
}

QJsonObject exprJson(const Expr &e)
{
    QJsonObject o{{"k", kExprKinds[std::size_t(e.kind)]}};
    if (e.kind == Expr::Kind::Int)
        o["v"] = qint64(e.i);
    else if (e.kind != Expr::Kind::Param)
        o["v"] = qs(e.s);
    return o;
}

Expr exprFrom(const QJsonObject &o)
{
    Expr e;
    const auto k = o["k"].toString().toStdString();
    for (std::size_t i = 0; i < kExprKinds.size(); ++i)
        if (k == kExprKinds[i])
            e.kind = Expr::Kind(i);
    if (e.kind == Expr::Kind::Int)
        e.i = o["v"].toInteger();
    else
        e.s = o["v"].toString().toStdString();
    return e;
}

QJsonObject awaitableJson(const Awaitable &a)
{
    if (a.fn >= 0)
        return {{"fn", a.fn}, {"arg", qint64(a.arg)}};
    return {{"task", qs(a.task)}};
}

Awaitable awaitableFrom(const QJsonObject &o)
{
    Awaitable a;
    if (o.contains("fn")) {
        a.fn = o["fn"].toInt();
        a.arg = o["arg"].toInteger();
    } else {
        a.task = o["task"].toString().toStdString();
    }
    return a;
}

QJsonArray blockJson(const std::vector<Stmt> &block);

QJsonObject stmtJson(const Stmt &s)
{
    QJsonObject o{{"op", kOps[std::size_t(s.op)]}};
    if (!s.target.empty())
        o["target"] = qs(s.target);
    if (!s.args.empty()) {
        QJsonArray a;
        for (const auto &e : s.args)
            a.append(exprJson(e));
        o["args"] = a;
    }
    if (!s.text.empty())
        o["text"] = qs(s.text);
    if (s.item.fn >= 0 || !s.item.task.empty())
        o["item"] = awaitableJson(s.item);
    if (!s.items.empty()) {
        QJsonArray a;
        for (const auto &i : s.items)
            a.append(awaitableJson(i));
        o["items"] = a;
    }
    if (!s.tasks.empty()) {
        QJsonArray a;
        for (const auto &t : s.tasks)
            a.append(qs(t));
        o["tasks"] = a;
    }
    if (!s.task.empty())
        o["task"] = qs(s.task);
    if (s.op == Op::Sleep || s.op == Op::TimeoutBlock)
        o["delay"] = delayJson(s.delay);
    if (s.flag)
        o["flag"] = true;
    if (s.returnWhen)
        o["return_when"] = s.returnWhen;
    if (s.timeout)
        o["timeout"] = delayJson(*s.timeout);
    if (s.op == Op::Try)
        o["catch"] = kCatches[std::size_t(s.catches)];
    if (!s.body.empty())
        o["body"] = blockJson(s.body);
    if (s.hasHandler)
        o["handler"] = blockJson(s.handler);
    if (s.hasFinally)
        o["finally"] = blockJson(s.finally);
    return o;
}

QJsonArray blockJson(const std::vector<Stmt> &block)
{
    QJsonArray a;
    for (const auto &s : block)
        a.append(stmtJson(s));
    return a;
}

bool blockFrom(const QJsonArray &a, std::vector<Stmt> &out, std::string *error);

bool stmtFrom(const QJsonObject &o, Stmt &s, std::string *error)
{
    const auto op = o["op"].toString().toStdString();
    bool found = false;
    for (std::size_t i = 0; i < kOps.size(); ++i) {
        if (op == kOps[i]) {
            s.op = Op(i);
            found = true;
        }
    }
    if (!found) {
        if (error)
            *error = "unknown statement '" + op + "'";
        return false;
    }
    s.target = o["target"].toString().toStdString();
    for (const auto &e : o["args"].toArray())
        s.args.push_back(exprFrom(e.toObject()));
    s.text = o["text"].toString().toStdString();
    if (o.contains("item"))
        s.item = awaitableFrom(o["item"].toObject());
    for (const auto &i : o["items"].toArray())
        s.items.push_back(awaitableFrom(i.toObject()));
    for (const auto &t : o["tasks"].toArray())
        s.tasks.push_back(t.toString().toStdString());
    s.task = o["task"].toString().toStdString();
    if (o.contains("delay"))
        s.delay = delayFrom(o["delay"]);
    s.flag = o["flag"].toBool();
    s.returnWhen = o["return_when"].toInt();
    if (o.contains("timeout"))
        s.timeout = delayFrom(o["timeout"]);
    const auto c = o["catch"].toString().toStdString();
    for (std::size_t i = 0; i < kCatches.size(); ++i)
        if (c == kCatches[i])
            s.catches = Catch(i);
    if (!blockFrom(o["body"].toArray(), s.body, error))
        return false;
    s.hasHandler = o.contains("handler");
    if (s.hasHandler && !blockFrom(o["handler"].toArray(), s.handler, error))
        return false;
    s.hasFinally = o.contains("finally");
    if (s.hasFinally && !blockFrom(o["finally"].toArray(), s.finally, error))
        return false;
    return true;
}

bool blockFrom(const QJsonArray &a, std::vector<Stmt> &out, std::string *error)
{
    for (const auto &v : a) {
        Stmt s;
        if (!stmtFrom(v.toObject(), s, error))
            return false;
        out.push_back(std::move(s));
    }
    return true;
}

std::size_t blockSize(const std::vector<Stmt> &block)
{
    std::size_t n = 0;
    for (const auto &s : block)
        n += 1 + blockSize(s.body) + blockSize(s.handler) + blockSize(s.finally);
    return n;
}

} // namespace

bool Stmt::operator==(const Stmt &o) const
{
    return op == o.op && target == o.target && args == o.args && text == o.text && item == o.item
        && items == o.items && tasks == o.tasks && task == o.task && delay == o.delay && flag == o.flag
        && returnWhen == o.returnWhen && timeout == o.timeout && catches == o.catches && body == o.body
        && handler == o.handler && finally == o.finally && hasHandler == o.hasHandler && hasFinally == o.hasFinally;
}

QJsonObject Program::toJson() const
{
    QJsonObject o;
    if (lock)
        o["lock"] = true;
    if (event)
        o["event"] = true;
    if (semaphore)
        o["semaphore"] = semaphore;
    if (queue)
        o["queue"] = *queue;
    QJsonArray fns;
    for (const auto &f : functions)
        fns.append(blockJson(f.body));
    o["functions"] = fns;
    o["main"] = blockJson(main.body);
    return o;
}

std::optional<Program> Program::fromJson(const QJsonObject &o, std::string *error)
{
    Program p;
    p.lock = o["lock"].toBool();
    p.event = o["event"].toBool();
    p.semaphore = o["semaphore"].toInt();
    if (o.contains("queue"))
        p.queue = o["queue"].toInt();
    for (const auto &f : o["functions"].toArray()) {
        Function fn;
        if (!blockFrom(f.toArray(), fn.body, error))
            return std::nullopt;
        p.functions.push_back(std::move(fn));
    }
    if (!blockFrom(o["main"].toArray(), p.main.body, error))
        return std::nullopt;
    return p;
}

std::size_t Program::size() const
{
    std::size_t n = blockSize(main.body);
    for (const auto &f : functions)
        n += 1 + blockSize(f.body);
    return n;
}

} // namespace coroscope::difftest
