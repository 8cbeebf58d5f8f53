#include "words/SubtitleFeed.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "core/Log.h"
#include "core/Time.h"
#include "net/HlsPlaylist.h"
#include "net/HttpClient.h"
#include "net/Url.h"
#include "text/WebVtt.h"

namespace ml::words {

namespace {

using Clock = std::chrono::steady_clock;

// The path of a URL without its query: the CDN keeps answers by path.
std::string pathKey(const std::string& url) { return url.substr(0, url.find_first_of("?#")); }

// The subtitle rendition's playlist: Dutch first, else the first with a URI.
std::string chooseSubtitles(const net::HlsPlaylist& master) {
  const net::HlsRendition* best = nullptr;
  for (const auto& r : master.renditions) {
    if (r.type != "SUBTITLES" || r.uri.empty()) continue;
    const bool dutch = r.language.rfind("nl", 0) == 0;
    if (!best || (dutch && best->language.rfind("nl", 0) != 0)) best = &r;
  }
  return best ? best->uri : std::string{};
}

std::optional<double> startIn(const std::string& url) {
  const std::string v = net::queryValue(url, "start");
  if (v.empty()) return std::nullopt;
  return parseIsoTime(v);
}

}  // namespace

std::optional<double> audioStartUtc(const std::string& streamUrl, CancelPtr cancel) {
  try {
    net::HttpClient http(std::move(cancel));
    net::HttpRequest req;
    req.url = streamUrl;
    req.maxBytes = 2u << 20;
    req.totalTimeout = std::chrono::milliseconds(30000);
    auto pl = net::parsePlaylist(http.get(req).body, streamUrl);
    if (pl.isMaster) {
      req.url = net::chooseAudioPlaylist(pl);
      req.maxBytes = 16u << 20;
      pl = net::parsePlaylist(http.get(req).body, req.url);
    }
    if (!pl.media.segments.empty() && pl.media.segments.front().programDateTime) {
      return pl.media.segments.front().programDateTime;
    }
  } catch (const std::exception& e) {
    log::info("het begin van de opname is niet te lezen: {}", e.what());
  }
  return std::nullopt;
}

SubtitleFeed::SubtitleFeed(std::string streamUrl) : url_(std::move(streamUrl)) {}

std::unique_ptr<SubtitleFeed> startSubtitleFeed(std::string streamUrl) {
  auto feed = std::make_unique<SubtitleFeed>(std::move(streamUrl));
  feed->thread_ = std::thread([f = feed.get()] { f->run(); });
  return feed;
}

SubtitleFeed::~SubtitleFeed() {
  cancel_->cancel();
  if (thread_.joinable()) thread_.join();
}

SubtitleFeed::State SubtitleFeed::state() const {
  std::lock_guard lock(mutex_);
  return state_;
}

bool SubtitleFeed::relative() const {
  std::lock_guard lock(mutex_);
  return relative_;
}

bool SubtitleFeed::live() const {
  std::lock_guard lock(mutex_);
  return live_;
}

std::vector<std::string> SubtitleFeed::takeNotes() {
  std::lock_guard lock(mutex_);
  return std::exchange(notes_, {});
}

void SubtitleFeed::setState(State s) {
  {
    std::lock_guard lock(mutex_);
    if (state_ == s) return;
    state_ = s;
  }
  wakeup_.notify();
}

void SubtitleFeed::note(std::string text) {
  {
    std::lock_guard lock(mutex_);
    notes_.push_back(std::move(text));
  }
  wakeup_.notify();
}

void SubtitleFeed::run() {
  net::HttpClient http(cancel_);
  auto fetch = [&](const std::string& url, std::size_t maxBytes) {
    net::HttpRequest req;
    req.url = url;
    req.maxBytes = maxBytes;
    req.lowSpeedTime = std::chrono::seconds(10);
    req.totalTimeout = std::chrono::milliseconds(maxBytes > (1u << 20) ? 120000 : 15000);
    return http.get(req).body;
  };

  // The master and its subtitle rendition.
  std::string playlistUrl;
  for (int attempt = 0;; ++attempt) {
    try {
      const std::string body = fetch(url_, 2u << 20);
      if (!net::looksLikePlaylist(body)) break;
      const auto master = net::parsePlaylist(body, url_);
      if (master.isMaster) playlistUrl = chooseSubtitles(master);
      break;
    } catch (const net::HttpError& e) {
      if (e.kind() == net::HttpError::Kind::Cancelled) return;
      log::info("ondertiteling: de hoofdafspeellijst: {}", e.dutch());
      if (attempt + 1 >= 3 || cancel_->sleepFor(std::chrono::seconds(2 << attempt))) {
        if (!cancel_->cancelled()) {
          note("De ondertiteling is niet te krijgen.");
          setState(State::Failed);
        }
        return;
      }
    } catch (const std::exception& e) {
      log::info("ondertiteling: de hoofdafspeellijst: {}", e.what());
      break;
    }
  }
  if (playlistUrl.empty()) {
    note("Bij deze uitzending is geen ondertiteling.");
    setState(State::NoTrack);
    return;
  }

  struct Pending {
    int tries = 0;
    Clock::time_point next{};
  };
  std::map<std::string, Pending> pending;  // by path
  std::vector<std::string> done;           // paths read, in order (a live hour is ~940)
  int playlistFailures = 0;
  bool announced = false;
  const auto playlistStart = startIn(playlistUrl);
  std::string firstBody;
  while (!cancel_->cancelled()) {
    double wait = 4;
    bool ended = false;
    try {
      // One pass (the transcript of a live debate): the files the first answer lists, no more.
      const std::string body = onePass_ && !firstBody.empty() ? firstBody : fetch(playlistUrl, 2u << 20);
      if (onePass_) firstBody = body;
      const auto pl = net::parsePlaylist(body, playlistUrl);
      playlistFailures = 0;
      ended = pl.media.endList || pl.media.playlistType == "VOD";
      {
        std::lock_guard lock(mutex_);
        live_ = !ended;
      }
      wait = std::clamp(pl.media.targetDuration > 0 ? pl.media.targetDuration : 4.0, 1.0, 10.0);
      bool waiting = false;
      for (const auto& seg : pl.media.segments) {
        if (cancel_->cancelled()) return;
        if (seg.gap) continue;
        const std::string key = pathKey(seg.uri);
        if (std::find(done.begin(), done.end(), key) != done.end()) continue;
        Pending& p = pending[key];
        if (p.tries >= kMaxTries) continue;
        if (Clock::now() < p.next) {
          waiting = true;
          continue;
        }
        ++p.tries;
        std::string vttText;
        try {
          vttText = fetch(seg.uri, ended ? 64u << 20 : 512u << 10);
        } catch (const net::HttpError& e) {
          if (e.kind() == net::HttpError::Kind::Cancelled) return;
          p.next = Clock::now() + std::chrono::seconds(4);
          waiting = true;
          if (p.tries >= kMaxTries) log::info("ondertiteling: overgeslagen na {} pogingen: {}", p.tries, e.dutch());
          continue;
        }
        pending.erase(key);
        done.push_back(key);
        if (done.size() > 4000) done.erase(done.begin(), done.begin() + 1000);
        text::vtt::File file;
        try {
          file = text::vtt::parse(vttText);
        } catch (const std::exception& e) {
          log::info("ondertiteling: een bestand is onleesbaar: {}", e.what());
          continue;
        }
        // Where the file's time line begins on the clock.
        double base = 0;
        bool placed = true;
        if (seg.programDateTime) {
          base = *seg.programDateTime;
        } else if (auto s = startIn(seg.uri)) {
          base = *s;
        } else if (playlistStart) {
          base = *playlistStart;
        } else {
          placed = false;
        }
        double shift = 0;
        if (seg.programDateTime && file.timestampMap && !file.cues.empty()) {
          // Cue times far beyond the segment are on the stream's time line: then (and only
          // then) the timestamp map says where the segment begins on it.
          const double first = file.cues.front().start;
          if (first > seg.duration + 60) shift = file.timestampMap->local;
        }
        std::vector<Line> lines;
        lines.reserve(file.cues.size());
        for (auto& c : file.cues) {
          Line l;
          l.utc = base + c.start - shift;
          l.utcEnd = base + c.end - shift;
          l.lines = std::move(c.lines);
          l.speaker = std::move(c.speaker);
          lines.push_back(std::move(l));
        }
        {
          std::lock_guard lock(mutex_);
          relative_ = !placed;
        }
        transcript_.add(std::move(lines));
        if (!announced) {
          announced = true;
          setState(State::Running);
        }
        wakeup_.notify();
      }
      if ((ended || onePass_) && !waiting) {
        const bool any = std::any_of(pending.begin(), pending.end(), [](const auto& kv) { return kv.second.tries < kMaxTries; });
        if (!any) {
          if (transcript_.size() == 0) {
            note("De ondertiteling van deze uitzending is leeg.");
            setState(State::Failed);
          } else {
            setState(State::Complete);
          }
          return;
        }
      }
      if (waiting) wait = std::min(wait, 1.0);
    } catch (const std::exception& e) {
      // The playlist did not come (HttpError) or cannot be used (PlaylistError): a bounded
      // number of times in a row, further and further apart.
      const auto* httpError = dynamic_cast<const net::HttpError*>(&e);
      if (httpError && httpError->kind() == net::HttpError::Kind::Cancelled) return;
      log::info("ondertiteling: de afspeellijst: {}", httpError ? httpError->dutch() : std::string(e.what()));
      if (++playlistFailures >= kMaxPlaylistFailures) {
        note("De ondertiteling is weggevallen.");
        setState(State::Failed);
        return;
      }
      wait = std::min(30.0, 2.0 * playlistFailures);
    }
    if (cancel_->sleepFor(std::chrono::milliseconds(static_cast<long>(wait * 1000)))) return;
  }
}

}  // namespace ml::words
