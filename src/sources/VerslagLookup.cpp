#include "sources/VerslagLookup.h"

#include <algorithm>

#include "core/Log.h"
#include "core/Time.h"
#include "sources/Json.h"
#include "text/Fold.h"

namespace ml::sources::vlos {

namespace {

using json::Json;
constexpr const char* kWho = "Het open-dataportaal";

std::optional<double> timeOf(const Json& j, const char* key) {
  const std::string text = json::str(j, key);
  if (text.empty()) return std::nullopt;
  return parseIsoTime(text);
}

std::string letters(const std::string& text) {
  std::string out;
  for (char c : text::foldForSearch(text)) {
    if (c >= 'a' && c <= 'z') out += c;
  }
  return out;
}

int statusRank(const std::string& status) {
  if (status == "Gecorrigeerd") return 2;
  if (status == "Ongecorrigeerd") return 1;
  return 0;
}

std::optional<double> debateStart(const Debate& d) {
  if (auto s = d.start()) return static_cast<double>(s->utcSeconds);
  return std::nullopt;
}

}  // namespace

std::string meetingsUrl(const std::string& base, const std::string& date) {
  const auto day = parseTimePoint(date + "T00:00:00Z");
  if (!day) return {};
  const std::int64_t days = day->utcSeconds / 86400;
  const std::string filter = "Datum ge " + dateFromDays(days - 1) + "T12:00:00Z and Datum lt " + date +
                             "T12:00:00Z and Verwijderd eq false";
  return joinUrl(base, "Vergadering") + "?$filter=" + percentEncode(filter, "'") + "&$top=250";
}

std::vector<Meeting> parseMeetings(const std::string& body) {
  const Json j = json::parse(body, kWho);
  const Json* list = json::array(j, "value");
  if (list == nullptr) throw SourceError("Het open-dataportaal gaf geen lijst met vergaderingen.");
  std::vector<Meeting> out;
  for (const auto& item : *list) {
    if (!item.is_object()) continue;
    Meeting m;
    m.id = json::str(item, "Id");
    m.kind = json::str(item, "Soort");
    m.title = json::str(item, "Titel");
    m.room = json::str(item, "Zaal");
    m.start = timeOf(item, "Aanvangstijd");
    m.end = timeOf(item, "Sluiting");
    if (!m.id.empty()) out.push_back(std::move(m));
  }
  return out;
}

std::string reportsUrl(const std::string& base, const std::string& meetingId) {
  return joinUrl(base, "Verslag") + "?$filter=" +
         percentEncode("Vergadering_Id eq " + meetingId + " and Verwijderd eq false", "'") + "&$top=250";
}

std::vector<Report> parseReports(const std::string& body) {
  const Json j = json::parse(body, kWho);
  const Json* list = json::array(j, "value");
  if (list == nullptr) throw SourceError("Het open-dataportaal gaf geen lijst met verslagen.");
  std::vector<Report> out;
  for (const auto& item : *list) {
    if (!item.is_object()) continue;
    Report r;
    r.id = json::str(item, "Id");
    r.kind = json::str(item, "Soort");
    r.status = json::str(item, "Status");
    r.modified = timeOf(item, "GewijzigdOp");
    if (!r.id.empty()) out.push_back(std::move(r));
  }
  return out;
}

std::string resourceUrl(const std::string& base, const std::string& reportId) {
  return joinUrl(base, "Verslag/" + percentEncode(reportId) + "/resource");
}

const Meeting* chooseMeeting(const std::vector<Meeting>& meetings, const Debate& d) {
  const std::string room = letters(d.room.name.empty() ? d.room.id : d.room.name);
  const auto start = debateStart(d);
  const Meeting* best = nullptr;
  for (const auto& m : meetings) {
    if (room.empty() || letters(m.room) != room) continue;
    if (start && m.start && *start < *m.start - 1800) continue;
    if (start && m.end && *start > *m.end + 1800) continue;
    if (!best || (m.start && best->start && *m.start > *best->start)) best = &m;  // the latest that began before
  }
  return best;
}

const Report* chooseReport(const std::vector<Report>& reports) {
  const Report* best = nullptr;
  for (const auto& r : reports) {
    if (!best) {
      best = &r;
      continue;
    }
    const double a = r.modified.value_or(0), b = best->modified.value_or(0);
    if (a > b || (a == b && statusRank(r.status) > statusRank(best->status))) best = &r;
  }
  return best;
}

std::vector<Item> itemsOf(const Record& record, const Debate& d) {
  std::vector<Item> out;
  if (!d.activityNumber.empty()) {
    for (const auto& item : record.items) {
      if (item.number == d.activityNumber) out.push_back(item);
    }
    if (!out.empty()) return out;
  }
  const auto start = debateStart(d);
  const auto endTp = d.end();
  if (start && endTp) {
    const double end = static_cast<double>(endTp->utcSeconds);
    for (const auto& item : record.items) {
      if (item.start && item.end && *item.end > *start && *item.start < end) out.push_back(item);
    }
    if (!out.empty()) return out;
  }
  return record.items;
}

std::optional<Record> findRecord(Fetcher& fetcher, const SourceConfig& config, const Debate& d, std::string& why) {
  if (d.debateDate.empty()) {
    why = "Van dit debat is de dag niet bekend, dus ook het woordelijk verslag niet.";
    return std::nullopt;
  }
  try {
    const auto meetings = parseMeetings(fetcher.get(meetingsUrl(config.openData, d.debateDate), kMaxJsonBytes).body);
    const Meeting* m = chooseMeeting(meetings, d);
    if (m == nullptr) {
      why = "Er is (nog) geen woordelijk verslag van dit debat.";
      return std::nullopt;
    }
    const auto reports = parseReports(fetcher.get(reportsUrl(config.openData, m->id), kMaxJsonBytes).body);
    const Report* r = chooseReport(reports);
    if (r == nullptr) {
      why = "Er is (nog) geen woordelijk verslag van dit debat.";
      return std::nullopt;
    }
    return parse(fetcher.get(resourceUrl(config.openData, r->id), kMaxRecordBytes).body);
  } catch (const SourceError& e) {
    log::info("woordelijk verslag: {}", e.what());
    why = "Het woordelijk verslag is niet te krijgen.";
  } catch (const VerslagError& e) {
    log::info("woordelijk verslag: {}", e.what());
    why = "Het woordelijk verslag is onleesbaar.";
  }
  return std::nullopt;
}

}  // namespace ml::sources::vlos
