// Tolerant accessors for JSON answers: a missing field or one of another type reads as
// empty, so unknown and missing fields never stop a reader.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/Debate.h"
#include "sources/Fetcher.h"

namespace ml::sources::json {

using Json = nlohmann::json;

// Parses `body`; throws SourceError("<who> gaf ...") when it is not JSON (e.g. an HTML page).
Json parse(const std::string& body, const std::string& who);

std::string str(const Json& j, const char* key);  // strings; numbers as text; else ""
const Json* object(const Json& j, const char* key);
const Json* array(const Json& j, const char* key);
std::optional<TimePoint> time(const Json& j, const char* key);
bool boolean(const Json& j, const char* key);

}  // namespace ml::sources::json
