#include "sources/Sources.h"

#include <algorithm>
#include <cmath>

#include "core/Log.h"
#include "sources/Matcher.h"
#include "sources/WebPage.h"
#include "text/HtmlPage.h"

namespace ml::sources {
namespace {

const char* const kDd = "Debat Direct";
const char* const kOd = "het open-dataportaal";
const char* const kWeb = "de webpagina";
constexpr int kMaxODataPages = 8;
// Live debates whose details are asked to learn a suspension (there are rarely more than a few).
constexpr int kMaxLiveDetails = 8;

std::string ensureSentence(std::string s) {
  if (!s.empty() && s.back() != '.' && s.back() != '?' && s.back() != '!') s += '.';
  return s;
}

}  // namespace

Sources::Sources(SourceConfig config, Fetcher& fetcher) : config_(std::move(config)), fetcher_(fetcher) {}

std::string Sources::today() const { return config_.date.empty() ? nowDutch().localDate() : config_.date; }

void Sources::note(const std::string& text) {
  const std::string s = ensureSentence(text);
  if (std::find(notes_.begin(), notes_.end(), s) == notes_.end()) notes_.push_back(s);
}

std::string Sources::fetch(const char* who, const std::string& url, std::size_t maxBytes) {
  log::debug("ophalen: {}", url);
  FetchResult r = fetcher_.get(url, maxBytes);
  if (r.fromCache) {
    note(config_.offline ? fmt::format("Zonder netwerk: {} uit de cache van {} geleden", who, dutchAge(r.ageSeconds))
                         : fmt::format("{} niet bereikbaar; gegevens uit de cache van {} geleden", who,
                                       dutchAge(r.ageSeconds)));
  }
  return std::move(r.body);
}

std::vector<dd::DebateInfo> Sources::ddAgenda(const std::string& date) {
  return dd::parseAgenda(fetch(kDd, joinUrl(config_.debatDirect, "agenda/" + date), kMaxJsonBytes));
}

std::optional<dd::Actors> Sources::ddActors(const std::string& date, std::vector<std::string>& out) {
  try {
    return dd::parseActors(fetch(kDd, joinUrl(config_.debatDirect, "actors/" + date), kMaxJsonBytes));
  } catch (const SourceError& e) {
    out.push_back(std::string("Namen van sprekers ontbreken: ") + e.what());
    return std::nullopt;
  }
}

const std::vector<dd::Location>* Sources::ddLocations(std::vector<std::string>& out) {
  if (!locationsTried_) {
    locationsTried_ = true;
    try {
      locations_ = dd::parseApp(fetch(kDd, joinUrl(config_.debatDirect, "app"), kMaxJsonBytes));
    } catch (const SourceError& e) {
      out.push_back(std::string("De zalenlijst van Debat Direct ontbreekt (") + e.what() +
                    "); het geluidsadres volgt een bekend patroon en kan verouderd zijn");
    }
  }
  return locations_ ? &*locations_ : nullptr;
}

std::vector<od::Activity> Sources::odDay(const std::string& date) {
  std::vector<od::Activity> all;
  std::string url = od::dayUrl(config_.openData, date);
  for (int page = 0; page < kMaxODataPages && !url.empty(); ++page) {
    od::ActivityPage p = od::parseActivities(fetch(kOd, url, kMaxJsonBytes));
    std::move(p.activities.begin(), p.activities.end(), std::back_inserter(all));
    url = p.nextLink;
    // A relative next link is relative to the service root.
    if (!url.empty() && url.find("://") == std::string::npos && url.rfind("example:", 0) != 0) {
      url = joinUrl(config_.openData, url);
    }
  }
  return od::onLocalDay(std::move(all), date);
}

std::optional<od::Activity> Sources::odMeeting(const std::string& number, const std::string& id) {
  const std::string url = !number.empty() ? od::meetingByNumberUrl(config_.openData, number)
                                          : od::meetingByIdUrl(config_.openData, id);
  auto page = od::parseActivities(fetch(kOd, url, kMaxJsonBytes));
  if (page.activities.empty()) return std::nullopt;
  return page.activities.front();
}

std::vector<Debate> Sources::day(const std::string& wanted) {
  const std::string date = wanted.empty() ? today() : wanted;
  std::vector<dd::DebateInfo> agenda;
  std::vector<od::Activity> activities;
  bool ddOk = false, odOk = false;
  try {
    agenda = ddAgenda(date);
    ddOk = true;
  } catch (const SourceError& e) {
    note(std::string("Debat Direct niet bereikbaar: ") + e.what());
  }
  try {
    activities = odDay(date);
    odOk = true;
  } catch (const SourceError& e) {
    note(std::string("Open data niet bereikbaar: ") + e.what());
  }
  if (!ddOk && !odOk) throw SourceError("Geen enkele bron gaf de debatten van " + date + ".");
  std::vector<Debate> out;
  std::vector<bool> matched(activities.size(), false);
  int detailsLeft = kMaxLiveDetails;
  for (const auto& info : agenda) {
    Debate d = dd::toDebate(info, nullptr, nullptr);
    if (d.status == DebateStatus::Live && detailsLeft-- > 0) refreshLiveStatus(d);
    if (auto m = bestMatch(d, activities)) {
      od::enrich(d, activities[m->index], m->confidence);
      matched[m->index] = true;
    }
    out.push_back(std::move(d));
  }
  // Without Debat Direct the open data lists the day; with it, the open data adds what
  // Debat Direct leaves out: meetings that were cancelled or moved.
  for (std::size_t i = 0; i < activities.size(); ++i) {
    const auto status = od::statusOf(activities[i]);
    const bool off = status == DebateStatus::Cancelled || status == DebateStatus::Moved;
    if (!ddOk || (!matched[i] && off)) out.push_back(od::toDebate(activities[i]));
  }
  sortForListing(out);
  return out;
}

void Sources::refreshLiveStatus(Debate& d) {
  try {
    const dd::DebateInfo detail =
        dd::parseDebate(fetch(kDd, joinUrl(config_.debatDirect, "debates/" + d.id), kMaxJsonBytes));
    d.status = dd::statusOf(detail);
    if (detail.endedAt) d.actualEnd = detail.endedAt;
  } catch (const SourceError& e) {
    log::debug("status van {}: {}", d.id, e.what());  // the agenda's word stands
  }
}

void Sources::addOpenData(Debate& d, std::optional<od::Activity> known, bool expanded, double confidence) {
  try {
    if (!known) {
      auto activities = odDay(d.debateDate);
      auto m = bestMatch(d, activities);
      if (!m) {
        note("Geen bijpassende vergadering gevonden in de open data; agendapunten ontbreken");
        return;
      }
      known = activities[m->index];
      confidence = m->confidence;
    }
    if (!expanded) {
      if (auto full = odMeeting(known->number, known->id)) known = std::move(full);
    }
  } catch (const SourceError& e) {
    note(std::string(known ? "Agendapunten uit de open data ontbreken: " : "Open data niet bereikbaar: ") + e.what());
    if (!known) return;
  }
  od::enrich(d, *known, confidence);
  if (confidence < 0.75) {
    note(fmt::format("De koppeling met de open data is niet zeker ({} procent)",
                     static_cast<int>(std::lround(confidence * 100))));
  }
}

void Sources::addWebPage(Debate& d, const std::string& url) {
  if (url.empty()) return;
  try {
    const text::HtmlPage page = text::parseHtmlPage(fetch(kWeb, url, kMaxPageBytes));
    // The example's pages stand for real ones: show the real address.
    const std::string shown = config_.example ? joinUrl(SourceConfig{}.web, url.substr(url.find('/') + 1)) : url;
    web::enrich(d, web::readPage(page), shown);
  } catch (const SourceError& e) {
    note(std::string("Achtergrond van de webpagina ontbreekt: ") + e.what());
  }
}

Debate Sources::complete(const dd::DebateInfo& brief, bool detailed, std::optional<od::Activity> known,
                         double confidence, const std::string& pageUrl) {
  dd::DebateInfo info = brief;
  if (!detailed) {
    try {
      info = dd::parseDebate(fetch(kDd, joinUrl(config_.debatDirect, "debates/" + brief.id), kMaxJsonBytes));
    } catch (const SourceError& e) {
      note(std::string("Details van Debat Direct ontbreken: ") + e.what());
    }
  }
  std::vector<std::string> local;
  const auto actors = ddActors(info.debateDate, local);
  const auto* locations = ddLocations(local);
  for (const auto& n : local) note(n);
  Debate d = dd::toDebate(info, actors ? &*actors : nullptr, locations);
  const bool expanded = known.has_value();
  addOpenData(d, std::move(known), expanded, confidence);
  std::string page = pageUrl;
  if (page.empty() && !d.activityNumber.empty()) {
    od::Activity a;
    a.number = d.activityNumber;
    a.kind = d.kind;
    a.room = !d.room.id.empty() ? d.room.id : d.room.name;
    page = od::meetingPageUrl(config_.web, a);
  }
  addWebPage(d, page);
  return d;
}

void sortForListing(std::vector<Debate>& debates) {
  std::stable_sort(debates.begin(), debates.end(), [](const Debate& a, const Debate& b) {
    if (a.isLive() != b.isLive()) return a.isLive();
    const auto sa = a.start(), sb = b.start();
    const std::int64_t ta = sa ? sa->utcSeconds : INT64_MAX, tb = sb ? sb->utcSeconds : INT64_MAX;
    if (ta != tb) return ta < tb;
    return a.title < b.title;
  });
}

}  // namespace ml::sources
