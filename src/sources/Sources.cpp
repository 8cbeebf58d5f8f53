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

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string upper(std::string s) {
  for (auto& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

bool looksLikeId(const std::string& s) {
  if (s.size() < 8 || s.size() > 64) return false;
  bool digit = false;
  for (const char c : s) {
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex && c != '-') return false;
    digit = digit || (c >= '0' && c <= '9');
  }
  return digit;
}

bool isLive(const dd::DebateInfo& i) { return i.startedAt && !i.endedAt; }

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
  for (const auto& info : agenda) {
    Debate d = dd::toDebate(info, nullptr, nullptr);
    if (auto m = bestMatch(d, activities)) od::enrich(d, activities[m->index], m->confidence);
    out.push_back(std::move(d));
  }
  if (!ddOk) {
    for (const auto& a : activities) out.push_back(od::toDebate(a));
  }
  sortForListing(out);
  return out;
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

Debate Sources::pageOnly(const std::string& number, const std::string& pageUrl) {
  Debate d;
  d.activityNumber = number;
  od::Activity a;
  a.number = number;
  addWebPage(d, !pageUrl.empty() ? pageUrl : od::meetingPageUrl(config_.web, a));
  if (d.title.empty()) throw SourceError("Geen bron gaf gegevens over vergadering " + number + ".");
  note("Tijden, zaal en geluid ontbreken");
  return d;
}

Debate Sources::byActivityNumber(const std::string& number, const std::string& pageUrl) {
  std::optional<od::Activity> act;
  try {
    act = odMeeting(number, "");
  } catch (const SourceError& e) {
    note(std::string("Open data niet bereikbaar: ") + e.what());
    return pageOnly(number, pageUrl);
  }
  if (!act) throw SourceError("Vergadering " + number + " staat niet in de open data.", 404);
  const std::string date = act->start ? act->start->localDate() : act->date;
  std::vector<dd::DebateInfo> agenda;
  try {
    agenda = ddAgenda(date);
  } catch (const SourceError& e) {
    note(std::string("Debat Direct niet bereikbaar: ") + e.what() + " Geluid en sprekers ontbreken");
  }
  std::vector<std::pair<const dd::DebateInfo*, double>> parts;
  for (const auto& info : agenda) {
    const double c = scoreMatch(dd::toDebate(info, nullptr, nullptr), *act).confidence;
    if (c >= kMatchThreshold) parts.emplace_back(&info, c);
  }
  if (parts.empty()) {
    if (!agenda.empty()) note("Debat Direct kent deze vergadering niet; geluid en sprekers ontbreken");
    Debate d = od::toDebate(*act);
    std::string page = pageUrl.empty() ? od::meetingPageUrl(config_.web, *act) : pageUrl;
    addWebPage(d, page);
    return d;
  }
  // A debate split in two around a break: prefer the live part, else the latest started.
  std::stable_sort(parts.begin(), parts.end(), [](const auto& x, const auto& y) {
    if (isLive(*x.first) != isLive(*y.first)) return isLive(*x.first);
    const auto sx = x.first->startsAt ? x.first->startsAt->utcSeconds : 0;
    const auto sy = y.first->startsAt ? y.first->startsAt->utcSeconds : 0;
    return sx > sy;
  });
  if (parts.size() > 1) {
    note(fmt::format("Debat Direct zendt deze vergadering uit in {} delen; dit is het meest recente deel", parts.size()));
  }
  return complete(*parts.front().first, false, act, parts.front().second, pageUrl);
}

Debate Sources::byDebatDirectId(const std::string& id) {
  dd::DebateInfo info;
  try {
    info = dd::parseDebate(fetch(kDd, joinUrl(config_.debatDirect, "debates/" + id), kMaxJsonBytes));
  } catch (const SourceError& e) {
    if (!e.notFound()) throw SourceError(std::string("Debat Direct niet bereikbaar: ") + e.what(), e.status());
    std::optional<od::Activity> act;
    try {
      act = odMeeting("", id);
    } catch (const SourceError&) {
    }
    if (act && !act->number.empty()) return byActivityNumber(act->number, "");
    throw SourceError("Debat " + id + " bestaat niet (meer) bij Debat Direct.", 404);
  }
  return complete(info, true, std::nullopt, 0, "");
}

Debate Sources::byDebatDirectPage(const dd::PageRef& ref) {
  std::vector<dd::DebateInfo> agenda;
  try {
    agenda = ddAgenda(ref.date);
  } catch (const SourceError& e) {
    throw SourceError(std::string("Debat Direct niet bereikbaar: ") + e.what(), e.status());
  }
  for (const auto& info : agenda) {
    if (info.slug == ref.slug) return complete(info, false, std::nullopt, 0, "");
  }
  throw SourceError("Dit debat staat niet (meer) in de agenda van Debat Direct.", 404);
}

Debate Sources::byWebUrl(const std::string& url) {
  const auto p = url.find("id=");
  if (p != std::string::npos && od::isActivityNumber(upper(url.substr(p + 3, 10)))) {
    return byActivityNumber(upper(url.substr(p + 3, 10)), url);
  }
  web::PageInfo info;
  try {
    info = web::readPage(text::parseHtmlPage(fetch(kWeb, url, kMaxPageBytes)));
  } catch (const SourceError& e) {
    throw SourceError(std::string("De webpagina is niet te lezen: ") + e.what(), e.status());
  }
  if (!info.activityNumbers.empty()) return byActivityNumber(info.activityNumbers.front(), url);
  Debate d;
  web::enrich(d, info, url);
  note("Deze pagina noemt geen vergaderingnummer; tijden en geluid ontbreken");
  return d;
}

std::optional<Debate> Sources::byRoom(const std::string& room) {
  std::vector<std::string> local;
  const auto* locations = ddLocations(local);
  const dd::Location* loc = locations != nullptr ? dd::findLocation(*locations, room) : nullptr;
  const std::string key = dd::roomKey(loc != nullptr ? loc->id : room);
  if (loc == nullptr && (key.size() < 5 || key.substr(key.size() - 4) != "zaal")) return std::nullopt;
  for (const auto& n : local) note(n);
  const TimePoint now = nowDutch();
  std::vector<std::string> dates{today()};
  if (config_.date.empty() && now.localMinuteOfDay() < 6 * 60) {
    dates.push_back(dateFromDays(now.utcSeconds / 86400 - 1));  // a meeting past midnight
  }
  std::vector<dd::DebateInfo> inRoom;
  for (const auto& date : dates) {
    for (auto& info : ddAgenda(date)) {
      const bool same = dd::roomKey(info.locationId) == key ||
                        (loc != nullptr && dd::roomKey(info.locationName) == dd::roomKey(loc->name));
      if (same) inRoom.push_back(std::move(info));
    }
  }
  const std::string name = loc != nullptr ? loc->name : room;
  if (inRoom.empty()) throw SourceError("Er staat vandaag niets op de agenda in de " + name + ".");
  const dd::DebateInfo* pick = nullptr;
  for (const auto& i : inRoom) {
    if (isLive(i)) return complete(i, false, std::nullopt, 0, "");
  }
  for (const auto& i : inRoom) {  // next upcoming
    if (!i.startedAt && i.startsAt && i.startsAt->utcSeconds >= now.utcSeconds &&
        (pick == nullptr || i.startsAt->utcSeconds < pick->startsAt->utcSeconds)) {
      pick = &i;
    }
  }
  if (pick == nullptr) {  // else the last one of the day
    for (const auto& i : inRoom) {
      const auto s = i.startsAt ? i.startsAt->utcSeconds : 0;
      if (pick == nullptr || s >= (pick->startsAt ? pick->startsAt->utcSeconds : 0)) pick = &i;
    }
  }
  return complete(*pick, false, std::nullopt, 0, "");
}

Debate Sources::resolve(const std::string& rawRef) {
  const std::string ref = trim(rawRef);
  if (ref.empty()) throw SourceError("Geef aan welk debat: een webadres, een vergaderingnummer of een zaal.");
  auto finish = [&](Debate d) {
    for (const auto& n : notes_) {
      if (std::find(d.notes.begin(), d.notes.end(), n) == d.notes.end()) d.notes.push_back(n);
    }
    return d;
  };
  if (auto page = dd::parsePageUrl(ref)) return finish(byDebatDirectPage(*page));
  const bool url = ref.rfind("http://", 0) == 0 || ref.rfind("https://", 0) == 0 ||
                   ref.find("tweedekamer.nl") != std::string::npos || ref.rfind(config_.web, 0) == 0;
  if (url) {
    // A tweedekamer.nl address is read from the configured web base (a test server, the example).
    const std::string real = SourceConfig{}.web;
    for (const std::string& prefix : {real, std::string("https://tweedekamer.nl"), std::string("http://www.tweedekamer.nl")}) {
      if (config_.web != real && ref.rfind(prefix, 0) == 0) return finish(byWebUrl(joinUrl(config_.web, ref.substr(prefix.size()))));
    }
    return finish(byWebUrl(ref));
  }
  if (od::isActivityNumber(upper(ref))) return finish(byActivityNumber(upper(ref), ""));
  if (looksLikeId(ref)) return finish(byDebatDirectId(ref));
  if (auto d = byRoom(ref)) return finish(std::move(*d));
  throw SourceError("Onbekend debat: '" + ref +
                    "'. Geef een webadres, een vergaderingnummer (zoals 2023A07965), een Debat Direct-kenmerk "
                    "of een zaal (zoals plenaire zaal).");
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
