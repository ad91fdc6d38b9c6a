#pragma once

#include "None.h"
#include "Repr.h"

#include <exception>
#include <string>
#include <utility>

namespace coroscope {

// Python's exceptions, as C++ exceptions the samples can throw and catch by type.
// what() is Python's str(e); repr() is "ValueError('bad job')"; typeName() the class name.
class PyException : public std::exception
{
public:
    explicit PyException(std::string message = {}, std::string type = "Exception")
        : m_message(std::move(message))
        , m_type(std::move(type))
    {
    }
    const char *what() const noexcept override { return m_message.c_str(); }
    const std::string &typeName() const { return m_type; }
    const std::string &message() const { return m_message; }
    // Virtual: an ExceptionGroup's repr lists its exceptions.
    virtual std::string repr() const
    {
        return m_type + "(" + (m_message.empty() && !m_argument ? "" : reprString(m_message)) + ")";
    }
    // Made with an argument even when it is empty: CancelledError('') reads so, not CancelledError().
    void setArgument() { m_argument = true; }
    // "ValueError: bad job", as the last line of a traceback.
    std::string describe() const { return m_message.empty() ? m_type : m_type + ": " + m_message; }

private:
    std::string m_message;
    std::string m_type;
    bool m_argument = false;
};

#define COROSCOPE_PY_EXCEPTION(Name, Base)                                                                   \
    class Name : public Base                                                                                  \
    {                                                                                                         \
    public:                                                                                                   \
        explicit Name(std::string message = {}, std::string type = #Name)                                     \
            : Base(std::move(message), std::move(type))                                                       \
        {                                                                                                     \
        }                                                                                                     \
    };

// BaseException-level: not caught by `catch (const Exception &)`, as in Python 3.8+.
COROSCOPE_PY_EXCEPTION(CancelledError, PyException)
COROSCOPE_PY_EXCEPTION(GeneratorExit, PyException)
COROSCOPE_PY_EXCEPTION(Exception, PyException)
COROSCOPE_PY_EXCEPTION(ValueError, Exception)
COROSCOPE_PY_EXCEPTION(TypeError, Exception)
COROSCOPE_PY_EXCEPTION(KeyError, Exception)
COROSCOPE_PY_EXCEPTION(RuntimeError, Exception)
COROSCOPE_PY_EXCEPTION(InvalidStateError, Exception)
COROSCOPE_PY_EXCEPTION(TimeoutError, Exception)
COROSCOPE_PY_EXCEPTION(StopAsyncIteration, Exception)
COROSCOPE_PY_EXCEPTION(OSError, Exception)
COROSCOPE_PY_EXCEPTION(ConnectionError, OSError)

#undef COROSCOPE_PY_EXCEPTION

// StopIteration carries the generator's return value, rendered with repr() and with str().
class StopIteration : public Exception
{
public:
    explicit StopIteration(std::string valueRepr = "None", std::string valueStr = "None")
        : Exception(valueRepr == "None" ? std::string() : valueStr, "StopIteration")
        , m_valueRepr(std::move(valueRepr))
        , m_valueStr(std::move(valueStr))
    {
    }
    const std::string &valueRepr() const { return m_valueRepr; }
    // e.value, as print() shows it.
    const std::string &value() const { return m_valueStr; }

private:
    std::string m_valueRepr;
    std::string m_valueStr;
};

// Ends a run from inside: deadlock, event budget. Not a Python exception: samples cannot catch it
// with `catch (const Exception &)`, only a bare catch (...) would, and the loop checks again after.
class RunAborted : public std::exception
{
public:
    explicit RunAborted(std::string message)
        : m_message(std::move(message))
    {
    }
    const char *what() const noexcept override { return m_message.c_str(); }

private:
    std::string m_message;
};

// "ValueError: bad job" for a Python exception, the C++ type's message otherwise.
std::string describeException(const std::exception_ptr &e);
std::string reprException(const std::exception_ptr &e);
// str(e): the message alone ("orders is down").
std::string strException(const std::exception_ptr &e);
bool isCancelledError(const std::exception_ptr &e);

} // namespace coroscope
