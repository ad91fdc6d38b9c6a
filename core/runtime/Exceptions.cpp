#include "Exceptions.h"

namespace coroscope {

std::string describeException(const std::exception_ptr &e)
{
    try {
        std::rethrow_exception(e);
    } catch (const PyException &py) {
        return py.describe();
    } catch (const std::exception &other) {
        return std::string("C++ exception: ") + other.what();
    } catch (...) {
        return "unknown C++ exception";
    }
}

std::string reprException(const std::exception_ptr &e)
{
    try {
        std::rethrow_exception(e);
    } catch (const PyException &py) {
        return py.repr();
    } catch (...) {
        return describeException(std::current_exception());
    }
}

std::string strException(const std::exception_ptr &e)
{
    try {
        std::rethrow_exception(e);
    } catch (const PyException &py) {
        return py.message();
    } catch (...) {
        return describeException(std::current_exception());
    }
}

bool isCancelledError(const std::exception_ptr &e)
{
    try {
        std::rethrow_exception(e);
    } catch (const CancelledError &) {
        return true;
    } catch (...) {
        return false;
    }
}

} // namespace coroscope
