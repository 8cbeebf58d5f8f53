// Sources::resolve and the ways a reference can name a debate.
#include <algorithm>

#include "core/Log.h"
#include "sources/Matcher.h"
#include "sources/Reference.h"
#include "sources/Sources.h"
#include "sources/WebPage.h"
#include "text/HtmlPage.h"

namespace ml::sources {
namespace {

const char* const kDd = "Debat Direct";
const char* const kWeb = "de webpagina";

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

bool isLive(const dd::DebateInfo& i) { return i.startedAt && !i.endedAt; }

std::string withPeriod(std::string s) {
  if (!s.empty() && s.back() != '.') s += '.';
  return s;
}

std::int64_t startOf(const dd::DebateInfo& i) { return i.startsAt ? i.startsAt->utcSeconds : 0; }

// What is on in a room now: the live debate, else the next one, else the day's last one.
const dd::DebateInfo& pickForNow(const std::vector<dd::DebateInfo>& inRoom, const TimePoint& now) {
  const dd::DebateInfo* pick = nullptr;
  for (const auto& i : inRoom) {
    if (isLive(i)) return i;
  }
  for (const auto& i : inRoom) {
    const bool upcoming = !i.startedAt && i.startsAt && startOf(i) >= now.utcSeconds;
    if (upcoming && (pick == nullptr || startOf(i) < startOf(*pick))) pick = &i;
  }
  if (pick != nullptr) return *pick;
  for (const auto& i : inRoom) {
    if (pick == nullptr || startOf(i) >= startOf(*pick)) pick = &i;
  }
  return *pick;
}

}  // namespace

Debate Sources::pageOnly(const std::string& number, const std::string& pageUrl) {
  Debate d;
  d.activityNumber = number;
  od::Activity a;
  a.number = number;
  addWebPage(d, !pageUrl.empty() ? pageUrl : od::meetingPageUrl(config_.web, a));
  if (d.title.empty()) throw SourceError("Geen bron gaf gegevens over deze vergadering.");
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
  if (!act) throw SourceError("Deze vergadering staat niet in de open data.", 404);
  const std::string date = act->start ? act->start->localDate() : act->date;
  std::vector<dd::DebateInfo> agenda;
  try {
    agenda = ddAgenda(date);
  } catch (const SourceError& e) {
    note(withPeriod(std::string("Debat Direct niet bereikbaar: ") + e.what()) + " Geluid en sprekers ontbreken");
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
    log::info("Debat Direct kent debat {} niet", id);
    throw SourceError("Dit debat bestaat niet (meer) bij Debat Direct.", 404);
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

std::string Sources::webAddress(const std::string& ref) const {
  // A tweedekamer.nl address is read from the configured web base (a test server, the example).
  const std::string real = SourceConfig{}.web;
  if (config_.web == real) return ref;
  for (const char* prefix : {"https://www.tweedekamer.nl", "https://tweedekamer.nl", "http://www.tweedekamer.nl"}) {
    const std::string p = prefix;
    if (ref.rfind(p, 0) == 0) return joinUrl(config_.web, ref.substr(p.size()));
  }
  return ref;
}

Debate Sources::byRoom(const std::string& room) {
  std::vector<std::string> local;
  const auto* locations = ddLocations(local);
  const dd::Location* loc = locations != nullptr ? dd::findLocation(*locations, room) : nullptr;
  const std::string key = dd::roomKey(loc != nullptr ? loc->id : room);
  for (const auto& n : local) note(n);
  const TimePoint now = nowDutch();
  std::vector<std::string> dates{today()};
  if (config_.date.empty() && now.localMinuteOfDay() < 6 * 60) {
    const std::int64_t localDay = (now.utcSeconds + now.offsetMinutes * 60) / 86400;
    dates.push_back(dateFromDays(localDay - 1));  // a meeting past midnight is filed under yesterday
  }
  std::vector<dd::DebateInfo> inRoom;
  for (const auto& date : dates) {
    std::vector<dd::DebateInfo> agenda;
    try {
      agenda = ddAgenda(date);
    } catch (const SourceError& e) {
      throw SourceError(std::string("Debat Direct niet bereikbaar: ") + e.what(), e.status());
    }
    for (auto& info : agenda) {
      const bool same = dd::roomKey(info.locationId) == key ||
                        (loc != nullptr && dd::roomKey(info.locationName) == dd::roomKey(loc->name));
      if (same) inRoom.push_back(std::move(info));
    }
  }
  const std::string name = loc != nullptr ? loc->name : room;
  if (inRoom.empty()) throw SourceError("Er staat vandaag niets op de agenda in de " + name + ".");
  return complete(pickForNow(inRoom, now), false, std::nullopt, 0, "");
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
  switch (classifyReference(ref, config_.web)) {
    case ReferenceKind::DebatDirectPage:
      return finish(byDebatDirectPage(*dd::parsePageUrl(ref)));
    case ReferenceKind::WebPage:
      return finish(byWebUrl(webAddress(ref)));
    case ReferenceKind::ActivityNumber:
      return finish(byActivityNumber(upper(ref), ""));
    case ReferenceKind::DebatDirectId:
      return finish(byDebatDirectId(ref));
    case ReferenceKind::Room:
      return finish(byRoom(ref));
    case ReferenceKind::Example:  // handled by the caller's configuration
    case ReferenceKind::None:
      break;
  }
  throw SourceError("Onbekend debat: '" + ref +
                    "'. Geef een webadres, een vergaderingnummer (zoals 2023A07965), een Debat Direct-kenmerk "
                    "of een zaal (zoals plenaire zaal).");
}

}  // namespace ml::sources
