// URL helpers on libcurl's RFC 3986 parser.
#pragma once
#include <string>
#include <string_view>

namespace ml::net {

// Resolves `ref` (absolute, or relative as in a playlist) against `base`. Throws
// std::invalid_argument when either cannot be parsed.
std::string resolveUrl(std::string_view base, std::string_view ref);
// Lower-case scheme ("http"), or "" when unparsable.
std::string urlScheme(std::string_view url);
// Host name, or "" when unparsable.
std::string urlHost(std::string_view url);
// True for http:// and https:// URLs only.
bool isHttpUrl(std::string_view url);
// Percent-encodes a query value (RFC 3986 unreserved kept).
std::string urlEncode(std::string_view value);
// Decodes %XX escapes; a broken escape ("%4", "%zz") stays as written. `plusIsSpace`: a
// '+' is a space, as in a query.
std::string percentDecode(std::string_view text, bool plusIsSpace = false);
// The value of `name` in a URL's query, percent-decoded ("" when absent).
std::string queryValue(std::string_view url, std::string_view name);

}  // namespace ml::net
