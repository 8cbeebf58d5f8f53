// Finding the verbatim record (Verslag) of a debate in the open data portal. The portal
// links a Verslag to a Vergadering (a sitting: one room, one day), not to an Activiteit, so
// the sitting is matched by the debate's day and room and by its time span, its newest
// Verslag taken (GewijzigdOp; at the same time Gecorrigeerd before Ongecorrigeerd before
// Casco), and in the record the agenda items of this debate kept: those whose parlisid is
// the debate's Activiteit Nummer, else those that overlap its time span.
// URL builders and readers are pure; findRecord fetches through a Fetcher (its thread).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/Debate.h"
#include "sources/Fetcher.h"
#include "sources/SourceConfig.h"
#include "sources/Verslag.h"

namespace ml::sources::vlos {

struct Meeting {  // a Vergadering
  std::string id, kind, title, room;
  std::optional<double> start, end;  // Aanvangstijd, Sluiting (UTC)
};

struct Report {  // a Verslag
  std::string id, kind, status;
  std::optional<double> modified;  // GewijzigdOp (UTC)
};

// The sittings of a Dutch day (with a margin).
std::string meetingsUrl(const std::string& base, const std::string& date);
// Throws SourceError when the answer has no list.
std::vector<Meeting> parseMeetings(const std::string& body);
std::string reportsUrl(const std::string& base, const std::string& meetingId);
std::vector<Report> parseReports(const std::string& body);
std::string resourceUrl(const std::string& base, const std::string& reportId);

// The debate's sitting: the same room (compared without case and accents) whose time span
// holds the debate's start (30 minutes' margin); nullptr when none does.
const Meeting* chooseMeeting(const std::vector<Meeting>& meetings, const Debate& d);
const Report* chooseReport(const std::vector<Report>& reports);
// The record's agenda items of this debate (see above); all when it says nothing to tell.
std::vector<Item> itemsOf(const Record& record, const Debate& d);

inline constexpr std::size_t kMaxRecordBytes = 64u << 20;

// The whole lookup: the sitting's whole record (itemsOf picks the debate's part). nullopt,
// with `why` one Dutch line, when there is no record to read.
std::optional<Record> findRecord(Fetcher& fetcher, const SourceConfig& config, const Debate& d, std::string& why);

}  // namespace ml::sources::vlos
