#pragma once

#include "TraceFile.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace coroscope {

// Where a JSON document first stops being JSON, named exactly: the message and the byte it is about.
// simdjson (which parses the Chrome importer's documents) reports most syntax errors without a
// position, some only once its stage 1 has looked at the whole input; when it refuses a document, this
// scalar check walks the bytes once more and finds the first bad one. Error path only: it is a plain
// byte-at-a-time scanner, non-recursive (an explicit stack), with the importer's nesting limit.
class JsonSyntaxCheck
{
public:
    struct Error {
        std::size_t offset = 0;
        std::string message; // without the "line L, column C: " prefix
    };

    // The first syntax error of `json` (RFC 8259: UTF-8, strict grammar, one value), or nothing when it
    // is well-formed. A UTF-8 byte order mark and whitespace may precede the value.
    static std::optional<Error> firstError(std::string_view json, int maxDepth);

private:
    JsonSyntaxCheck(std::string_view json, int maxDepth)
        : m_json(json)
        , m_maxDepth(maxDepth)
    { }

    bool document();
    bool fail(std::size_t at, std::string message);
    bool atEnd() const { return m_pos >= m_json.size(); }
    void ws();
    std::string describeHere() const;
    bool string();
    bool escape();
    bool hex4(std::uint32_t &out);
    bool utf8(std::size_t quote);
    bool number();
    bool literal(std::string_view word);
    bool memberKey();

    std::string_view m_json;
    int m_maxDepth;
    std::size_t m_pos = 0;
    std::optional<Error> m_error;
};

// "line L, column C: message", and the offset, as every trace reader reports a position in a text file.
TraceFileError jsonErrorAt(std::string_view json, std::size_t offset, std::string_view message);

} // namespace coroscope
