#include "SyncPrimitive.h"

namespace coroscope::asyncio {

SyncPrimitive::SyncPrimitive(std::string_view kind)
    : m_kind(kind)
    , m_name(std::string(kind) + "-" + std::to_string(Runtime::current().nextPrimitiveNumber(kind)))
{
}

SyncPrimitive::SyncPrimitive(std::string_view kind, Owned owned)
    : m_kind(kind)
    , m_ownerLabel(std::move(owned.label))
{
}

std::uint32_t SyncPrimitive::record(std::string_view what, std::uint32_t loc) const
{
    if (hidden())
        return NoEvent;
    auto &rt = Runtime::current();
    std::string detail = m_name;
    detail += ' ';
    detail += what;
    return rt.record(EventKind::Sync, NoEvent, detail, loc);
}

std::uint32_t SyncPrimitive::record(std::string_view what, const std::source_location &where) const
{
    if (hidden())
        return NoEvent;
    return record(what, Runtime::current().location(where));
}

EventLoop &SyncPrimitive::loop()
{
    auto *loop = Runtime::current().loop();
    if (!loop)
        throw RuntimeError("no running event loop");
    return *loop;
}

} // namespace coroscope::asyncio
