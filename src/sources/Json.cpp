#include "sources/Json.h"

namespace ml::sources::json {

Json parse(const std::string& body, const std::string& who) {
  Json j = Json::parse(body, nullptr, false);
  if (j.is_discarded()) {
    std::size_t i = 0;
    while (i < body.size() && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t')) ++i;
    if (i < body.size() && body[i] == '<') {
      throw SourceError(who + " gaf een webpagina in plaats van gegevens.");
    }
    if (i == body.size()) throw SourceError(who + " gaf een leeg antwoord.");
    throw SourceError(who + " gaf onleesbare of afgebroken gegevens.");
  }
  return j;
}

std::string str(const Json& j, const char* key) {
  if (!j.is_object()) return {};
  auto it = j.find(key);
  if (it == j.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  if (it->is_number()) return it->dump();
  return {};
}

const Json* object(const Json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  return it != j.end() && it->is_object() ? &*it : nullptr;
}

const Json* array(const Json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  return it != j.end() && it->is_array() ? &*it : nullptr;
}

std::optional<TimePoint> time(const Json& j, const char* key) {
  const std::string s = str(j, key);
  if (s.empty()) return std::nullopt;
  return parseTimePoint(s);
}

bool boolean(const Json& j, const char* key) {
  if (!j.is_object()) return false;
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

}  // namespace ml::sources::json
