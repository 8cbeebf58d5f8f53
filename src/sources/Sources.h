// The debates of a day and one debate by reference, merged from Debat Direct, the open
// data portal and tweedekamer.nl pages. When one source fails the others still serve and
// the result carries a Dutch note about what is missing. Not thread-safe: one per command.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/Debate.h"
#include "sources/DebatDirect.h"
#include "sources/Fetcher.h"
#include "sources/OpenData.h"
#include "sources/SourceConfig.h"

namespace ml::sources {

class Sources {
 public:
  Sources(SourceConfig config, Fetcher& fetcher);

  // The debates of `date` ("YYYY-MM-DD"; empty: the configured date, else today), live ones
  // first, then by start time: Debat Direct's (the live ones asked for a suspension), matched
  // to the open data, plus the open data's cancelled and moved meetings (all of the open
  // data's when Debat Direct fails). Throws SourceError only when no source could answer.
  std::vector<Debate> day(const std::string& date = "");

  // One debate with everything known about it. `ref`: a Debat Direct page URL, a
  // tweedekamer.nl URL, an Activiteit Nummer ("2023A07965"), a Debat Direct id, or a room
  // name ("plenaire zaal": what is on there now, else next, else last today).
  // Throws SourceError with a Dutch sentence when nothing matches.
  Debate resolve(const std::string& ref);

  // Notes about the sources themselves (unreachable, served from the cache), in order.
  const std::vector<std::string>& notes() const { return notes_; }

  // "today" in the Netherlands, or the configured date.
  std::string today() const;

 private:
  std::string fetch(const char* who, const std::string& url, std::size_t maxBytes);
  void note(const std::string& text);

  std::vector<dd::DebateInfo> ddAgenda(const std::string& date);
  std::optional<dd::Actors> ddActors(const std::string& date, std::vector<std::string>& notes);
  const std::vector<dd::Location>* ddLocations(std::vector<std::string>& notes);
  std::vector<od::Activity> odDay(const std::string& date);
  std::optional<od::Activity> odMeeting(const std::string& number, const std::string& id);
  // The agenda does not tell a suspension: asks /debates/{id} of a live debate (errors ignored).
  void refreshLiveStatus(Debate& d);

  // Fills a Debat Direct debate from every source. `detailed`: `brief` is already the
  // /debates/{id} answer; `known`: the expanded open data meeting when already fetched.
  Debate complete(const dd::DebateInfo& brief, bool detailed, std::optional<od::Activity> known,
                  double confidence, const std::string& pageUrl);
  void addOpenData(Debate& d, std::optional<od::Activity> known, bool expanded, double confidence);
  Debate pageOnly(const std::string& number, const std::string& pageUrl);
  void addWebPage(Debate& d, const std::string& url);
  Debate byActivityNumber(const std::string& number, const std::string& pageUrl);
  Debate byDebatDirectId(const std::string& id);
  Debate byDebatDirectPage(const dd::PageRef& ref);
  Debate byWebUrl(const std::string& url);
  Debate byRoom(const std::string& room);
  std::string webAddress(const std::string& ref) const;

  SourceConfig config_;
  Fetcher& fetcher_;
  std::vector<std::string> notes_;
  std::optional<std::vector<dd::Location>> locations_;
  bool locationsTried_ = false;
};

// Sorts debates for listing: live first, then by start time, then by title.
void sortForListing(std::vector<Debate>& debates);

}  // namespace ml::sources
