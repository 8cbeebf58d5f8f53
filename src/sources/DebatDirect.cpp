#include "sources/DebatDirect.h"

#include <algorithm>

#include "sources/Json.h"
#include "sources/SourceConfig.h"
#include "text/HtmlPage.h"

namespace ml::sources::dd {
namespace {

using json::Json;
const char* const kWho = "Debat Direct";

std::string lower(std::string s) {
  for (auto& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

std::string replaceAll(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) {
    s.replace(p, from.size(), to);
  }
  return s;
}

DebateInfo readDebate(const Json& j) {
  DebateInfo d;
  d.id = json::str(j, "id");
  d.name = text::htmlText(json::str(j, "name"));
  d.slug = json::str(j, "slug");
  d.debateType = json::str(j, "debateType");
  d.debateDate = json::str(j, "debateDate");
  d.locationId = json::str(j, "locationId");
  d.locationName = text::htmlText(json::str(j, "locationName"));
  // HTML ("<p>...</p>" with entities): one paragraph a line, never markup.
  for (const auto& p : text::htmlParagraphs(json::str(j, "introduction"))) {
    d.introduction += (d.introduction.empty() ? "" : "\n") + p;
  }
  d.startsAt = json::time(j, "startsAt");
  d.endsAt = json::time(j, "endsAt");
  d.startedAt = json::time(j, "startedAt");
  d.endedAt = json::time(j, "endedAt");
  if (const Json* cats = json::array(j, "categoryIds")) {
    for (const auto& c : *cats) {
      if (c.is_string()) d.categoryIds.push_back(c.get<std::string>());
    }
  }
  if (const Json* cur = json::object(j, "current")) d.suspendedSince = json::time(*cur, "suspendedSince");
  if (const Json* video = json::object(j, "video")) {
    d.videoUrl = json::str(*video, "url");
    d.vodUrl = json::str(*video, "vodUrl");
    d.audioUrl = json::str(*video, "audioUrl");
  }
  if (const Json* events = json::array(j, "events")) {
    for (const auto& e : *events) {
      auto t = json::time(e, "eventStart");
      if (!t) continue;
      d.events.push_back(Event{*t, json::str(e, "eventType"), json::str(e, "objectId")});
    }
  }
  if (d.debateDate.empty() && d.startsAt) d.debateDate = d.startsAt->localDate();
  return d;
}

const Json& unwrap(const Json& j, const char* key) {
  const Json* inner = json::object(j, key);
  return inner != nullptr ? *inner : j;
}

void fillPeople(Debate& d, const DebateInfo& info, const Actors& actors) {
  for (auto it = info.events.rbegin(); it != info.events.rend(); ++it) {
    SpeakerEvent ev{it->time, "", "", it->type};
    if (const Politician* p = actors.find(it->objectId)) {
      ev.name = p->name;
      ev.affiliation = actors.affiliation(*p);
      const bool government = p->partyId.empty();
      const bool known = std::any_of(d.ministers.begin(), d.ministers.end(),
                                     [&](const Person& m) { return m.name == p->name; });
      if (government && !known) d.ministers.push_back(Person{p->name, p->title, ""});
    }
    d.timeline.push_back(std::move(ev));
  }
  if (!d.ministers.empty()) d.provenance["bewindspersonen"] = kWho;
  std::stable_sort(d.timeline.begin(), d.timeline.end(), [](const SpeakerEvent& a, const SpeakerEvent& b) {
    return a.time.utcSeconds < b.time.utcSeconds;
  });
}

// Debat Direct wants "+02:00" style offsets in the start/end of an on-demand cut.
std::string cutQuery(const DebateInfo& info) {
  if (!info.startedAt) return {};
  std::string q = "start=" + percentEncode(info.startedAt->iso());
  if (info.endedAt) q += "&end=" + percentEncode(info.endedAt->iso());
  return q;
}

std::string withQuery(const std::string& url, const std::string& query) {
  if (query.empty() || url.find("start=") != std::string::npos) return url;
  return url + (url.find('?') == std::string::npos ? "?" : "&") + query;
}

}  // namespace

DebateStatus statusOf(const DebateInfo& info) {
  if (info.endedAt) return DebateStatus::Ended;
  if (info.startedAt && info.suspendedSince) return DebateStatus::Suspended;
  if (info.startedAt) return DebateStatus::Live;
  return DebateStatus::Planned;
}

std::string roomKey(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (c == 0xC3 && i + 1 < text.size()) {
      // Latin-1 letters with accents (U+00C0..U+00FF) to their base letter.
      static const char* base = "aaaaaaaceeeeiiiidnooooo/ouuuuyps";
      const auto next = static_cast<unsigned char>(text[++i]);
      const unsigned idx = (next & 0x3Fu) % 32u;
      const char b = base[idx];
      if (b >= 'a' && b <= 'z') out += b;
    }
  }
  return out;
}

const Politician* Actors::find(const std::string& id) const {
  auto it = politicians.find(lower(id));
  return it == politicians.end() ? nullptr : &it->second;
}

std::string Actors::affiliation(const Politician& p) const {
  if (p.partyId.empty()) return p.title;
  auto it = parties.find(lower(p.partyId));
  return it == parties.end() ? std::string() : it->second;
}

std::vector<Location> parseApp(const std::string& body) {
  const Json j = json::parse(body, kWho);
  std::vector<Location> out;
  const Json* locs = json::array(j, "locations");
  if (locs == nullptr) throw SourceError("Debat Direct gaf geen lijst met zalen.");
  for (const auto& l : *locs) {
    Location loc{json::str(l, "id"), json::str(l, "slug"), json::str(l, "name"),
                 json::str(l, "streamUrl"), json::str(l, "vodUrl"), json::str(l, "audioUrl")};
    if (!loc.id.empty() || !loc.slug.empty()) out.push_back(std::move(loc));
  }
  return out;
}

std::vector<DebateInfo> parseAgenda(const std::string& body) {
  const Json j = json::parse(body, kWho);
  const Json* list = j.is_array() ? &j : json::array(j, "debates");
  if (list == nullptr) throw SourceError("Debat Direct gaf een agenda zonder debatten.");
  std::vector<DebateInfo> out;
  for (const auto& item : *list) {
    if (!item.is_object()) continue;
    DebateInfo d = readDebate(item);
    if (!d.id.empty()) out.push_back(std::move(d));
  }
  return out;
}

DebateInfo parseDebate(const std::string& body) {
  const Json j = json::parse(body, kWho);
  DebateInfo d = readDebate(unwrap(j, "debate"));
  if (d.id.empty()) throw SourceError("Debat Direct gaf een debat zonder kenmerk.");
  return d;
}

Actors parseActors(const std::string& body) {
  const Json j = json::parse(body, kWho);
  const Json& root = unwrap(j, "actors");
  Actors a;
  if (const Json* ps = json::array(root, "politicians")) {
    for (const auto& p : *ps) {
      const std::string id = json::str(p, "id");
      if (id.empty()) continue;
      std::string name = json::str(p, "name");
      if (name.empty()) name = json::str(p, "firstName") + " " + json::str(p, "lastName");
      a.politicians[lower(id)] = Politician{name, json::str(p, "title"), json::str(p, "partyId")};
    }
  }
  if (const Json* ps = json::array(root, "parties")) {
    for (const auto& p : *ps) {
      std::string shorthand = json::str(p, "shorthand");
      if (shorthand.empty()) shorthand = json::str(p, "name");
      if (!json::str(p, "id").empty()) a.parties[lower(json::str(p, "id"))] = shorthand;
    }
  }
  return a;
}

const Location* findLocation(const std::vector<Location>& locations, const std::string& room) {
  const std::string key = roomKey(room);
  if (key.empty()) return nullptr;
  for (const auto& l : locations) {
    if (roomKey(l.id) == key || roomKey(l.slug) == key || roomKey(l.name) == key) return &l;
  }
  return nullptr;
}

Debate toDebate(const DebateInfo& info, const Actors* actors, const std::vector<Location>* locations) {
  Debate d;
  d.id = info.id;
  d.slug = info.slug;
  d.title = info.name;
  d.kind = info.debateType;
  d.room = Room{info.locationId, info.locationName};
  d.debateDate = info.debateDate;
  d.plannedStart = info.startsAt;
  d.plannedEnd = info.endsAt;
  d.actualStart = info.startedAt;
  d.actualEnd = info.endedAt;
  d.status = statusOf(info);
  d.introduction = info.introduction;
  d.debatDirectUrl = pageUrl(info);
  for (const char* part : {"titel", "tijden", "zaal", "status"}) d.provenance[part] = kWho;
  if (actors != nullptr) {
    fillPeople(d, info, *actors);
    d.provenance["sprekers"] = kWho;
  } else if (!info.events.empty()) {
    for (auto it = info.events.rbegin(); it != info.events.rend(); ++it) {
      d.timeline.push_back(SpeakerEvent{it->time, "", "", it->type});
    }
  }
  if (locations != nullptr) {
    if (const Location* loc = findLocation(*locations, info.locationId)) {
      if (d.room.name.empty()) d.room.name = loc->name;
    }
  }
  fillAudio(d, info, locations);
  return d;
}

void fillAudio(Debate& d, const DebateInfo& info, const std::vector<Location>* locations) {
  const Location* loc = locations != nullptr ? findLocation(*locations, info.locationId) : nullptr;
  const std::string streamSlug = roomKey(loc != nullptr && !loc->slug.empty() ? loc->slug : info.locationId);
  auto fillTemplate = [&](const std::string& t, const std::string& date) {
    return replaceAll(replaceAll(t, "{date}", date), "{slug}", loc != nullptr ? loc->slug : streamSlug);
  };
  bool fromApi = false;
  if (loc != nullptr && (!loc->audioUrl.empty() || !loc->streamUrl.empty())) {
    d.liveAudioUrl = fillTemplate(!loc->audioUrl.empty() ? loc->audioUrl : loc->streamUrl, "live");
    fromApi = true;
  } else if (!streamSlug.empty()) {
    d.liveAudioUrl = "https://livestreaming.b67buv2.tweedekamer.nl/live/" + streamSlug +
                     "/index.m3u8?hd=1&subtitles=live&keyframes=1";
  }
  if (info.startedAt) {
    const std::string cut = cutQuery(info);
    if (!info.audioUrl.empty() || !info.vodUrl.empty()) {
      d.onDemandAudioUrl = withQuery(!info.audioUrl.empty() ? info.audioUrl : info.vodUrl, cut);
      fromApi = true;
    } else if (loc != nullptr && !loc->vodUrl.empty()) {
      d.onDemandAudioUrl = withQuery(fillTemplate(loc->vodUrl, info.debateDate), cut);
    } else if (!streamSlug.empty()) {
      d.onDemandAudioUrl = withQuery("https://livestreaming.b67v2.tweedekamer.nl/" + info.debateDate + "/" +
                                         streamSlug + "/index.m3u8?hd=1&subtitles=vod&keyframes=1",
                                     cut);
      fromApi = fromApi && loc != nullptr;
    }
  }
  if (!d.liveAudioUrl.empty() || !d.onDemandAudioUrl.empty()) {
    d.provenance["audio"] = fromApi ? kWho : "vast patroon";
  }
}

std::string pageUrl(const DebateInfo& info) {
  if (info.debateDate.empty() || info.locationId.empty() || info.slug.empty()) return {};
  const std::string category = info.categoryIds.empty() ? "overig" : info.categoryIds.front();
  return "https://debatdirect.tweedekamer.nl/" + info.debateDate + "/" + category + "/" +
         info.locationId + "/" + info.slug;
}

std::optional<PageRef> parsePageUrl(const std::string& url) {
  const std::string host = "debatdirect.tweedekamer.nl/";
  auto p = url.find(host);
  if (p == std::string::npos || url.find("/api") != std::string::npos) return std::nullopt;
  std::string rest = url.substr(p + host.size());
  rest = rest.substr(0, rest.find_first_of("?#"));
  std::vector<std::string> parts;
  for (std::size_t start = 0; start <= rest.size();) {
    const std::size_t slash = std::min(rest.find('/', start), rest.size());
    if (slash > start) parts.push_back(rest.substr(start, slash - start));
    start = slash + 1;
  }
  if (parts.size() < 4 || !isIsoDate(parts[0])) return std::nullopt;
  return PageRef{parts[0], parts[parts.size() - 2], parts.back()};
}

}  // namespace ml::sources::dd
