#include "ExceptionGroup.h"

#include <functional>

namespace coroscope {

namespace {
std::string withCount(const std::string &message, std::size_t n)
{
    return message + " (" + std::to_string(n) + (n == 1 ? " sub-exception)" : " sub-exceptions)");
}
} // namespace

ExceptionGroup::ExceptionGroup(std::string message, std::vector<std::exception_ptr> exceptions)
    : Exception(withCount(message, exceptions.size()), "ExceptionGroup")
    , m_groupMessage(std::move(message))
    , m_exceptions(std::move(exceptions))
{
}

std::string ExceptionGroup::exceptionsRepr() const
{
    std::string out = "(";
    for (std::size_t i = 0; i < m_exceptions.size(); ++i)
        out += (i ? ", " : "") + reprException(m_exceptions[i]);
    return out + (m_exceptions.size() == 1 ? ",)" : ")");
}

std::string ExceptionGroup::repr() const
{
    std::string out = "ExceptionGroup(" + reprString(m_groupMessage) + ", [";
    for (std::size_t i = 0; i < m_exceptions.size(); ++i)
        out += (i ? ", " : "") + reprException(m_exceptions[i]);
    return out + "])";
}

std::pair<std::optional<ExceptionGroup>, std::optional<ExceptionGroup>>
ExceptionGroup::splitBy(const std::function<bool(const std::exception_ptr &)> &matches) const
{
    std::vector<std::exception_ptr> in, out;
    for (const auto &e : m_exceptions) {
        const ExceptionGroup *nested = nullptr;
        try {
            std::rethrow_exception(e);
        } catch (const ExceptionGroup &g) {
            nested = &g;
            auto [a, b] = g.splitBy(matches);
            if (a)
                in.push_back(std::make_exception_ptr(*a));
            if (b)
                out.push_back(std::make_exception_ptr(*b));
        } catch (...) {
        }
        if (!nested)
            (matches(e) ? in : out).push_back(e);
    }
    std::pair<std::optional<ExceptionGroup>, std::optional<ExceptionGroup>> result;
    if (!in.empty())
        result.first.emplace(m_groupMessage, std::move(in));
    if (!out.empty())
        result.second.emplace(m_groupMessage, std::move(out));
    return result;
}

} // namespace coroscope
