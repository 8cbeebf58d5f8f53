// UTF-8 helpers for the Dutch normaliser: decoding, encoding and cleaning untrusted text.
// Pure functions; thread-safe.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace ml::text::utf8 {

// Decodes the code point at s[i] and advances i, through the program's one decoder
// (ml::utf8::decode in core/Utf8.h, which also says how long a sequence is). Invalid or truncated sequences, overlong forms,
// surrogates and values above U+10FFFF yield U+FFFD and advance by one byte.
char32_t next(std::string_view s, std::size_t& i);
void append(std::string& out, char32_t cp);

// Valid UTF-8 without control characters: invalid bytes, C0/C1 controls (tab becomes a space,
// CR/LF/NEL/U+2028/U+2029 a '\n'), zero-width and bidi controls, soft hyphens and the BOM are
// removed; non-breaking and typographic spaces become a plain space.
std::string clean(std::string_view s);

// True when s is well-formed UTF-8.
bool isValid(std::string_view s);

// True for code points the normaliser treats as letters (Latin, Greek, Cyrillic ...).
bool isLetter(char32_t cp);

}  // namespace ml::text::utf8
