#pragma once

#include "Exceptions.h"

#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace coroscope {

// ExceptionGroup (3.11), what a TaskGroup raises with the errors of its children. str() is
// "unhandled errors in a TaskGroup (2 sub-exceptions)", repr() lists them. `except* ValueError as
// eg:` is split<ValueError>(): the part that matches and the rest (either may be empty).
class ExceptionGroup : public Exception
{
public:
    ExceptionGroup(std::string message, std::vector<std::exception_ptr> exceptions);

    const std::string &groupMessage() const { return m_groupMessage; }
    const std::vector<std::exception_ptr> &exceptions() const { return m_exceptions; }
    // eg.exceptions as Python prints the tuple: (ValueError('a'), KeyError('b'))
    std::string exceptionsRepr() const;
    std::string repr() const override;

    template<class E>
    std::pair<std::optional<ExceptionGroup>, std::optional<ExceptionGroup>> split() const
    {
        return splitBy([](const std::exception_ptr &e) {
            try {
                std::rethrow_exception(e);
            } catch (const E &) {
                return true;
            } catch (...) {
                return false;
            }
        });
    }
    template<class E>
    std::optional<ExceptionGroup> subgroup() const
    {
        return split<E>().first;
    }

private:
    std::pair<std::optional<ExceptionGroup>, std::optional<ExceptionGroup>>
    splitBy(const std::function<bool(const std::exception_ptr &)> &matches) const;

    std::string m_groupMessage;
    std::vector<std::exception_ptr> m_exceptions;
};

// `except* E as eg: handler(eg)` over an exception group: the handler sees the matching part, the
// rest is raised again (nothing is when everything matched).
template<class E, class Fn>
void except_star(const ExceptionGroup &group, Fn handler)
{
    auto [match, rest] = group.split<E>();
    if (match)
        handler(*match);
    if (rest)
        throw *rest;
}

} // namespace coroscope
