#include "net/StreamFetcher.h"

#include <algorithm>
#include <chrono>
#include <regex>
#include <utility>

#include "core/Log.h"

namespace ml::net {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kPlaylistLimit = 2u << 20;
constexpr std::size_t kSegmentLimit = 32u << 20;

bool looksLikePlaylist(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  while (!head.empty() && (head[0] == ' ' || head[0] == '\r' || head[0] == '\n')) head.remove_prefix(1);
  return head.substr(0, 7) == "#EXTM3U";
}

HttpRequest request(const std::string& url, std::size_t limit) {
  HttpRequest r;
  r.url = url;
  r.maxBytes = limit;
  r.connectTimeout = std::chrono::milliseconds(5000);
  r.lowSpeedTime = std::chrono::seconds(8);
  r.totalTimeout = std::chrono::milliseconds(limit == kPlaylistLimit ? 10000 : 60000);
  return r;
}

// A playlist we were given is gone or refused: no use retrying at start.
bool permanent(const HttpError& e) {
  return e.kind() == HttpError::Kind::BadUrl || e.kind() == HttpError::Kind::Tls ||
         (e.kind() == HttpError::Kind::Status && e.status() >= 400 && e.status() < 500 && e.status() != 429);
}

}  // namespace

StreamFetcher::StreamFetcher(FetchOptions options, ChunkQueue& out, EventQueue<StreamEvent>& events,
                             CancelPtr cancel)
    : options_(std::move(options)), out_(out), events_(events), cancel_(std::move(cancel)),
      http_(cancel_), retry_(events_, *cancel_) {}

void StreamFetcher::run() noexcept {
  try {
    open();
  } catch (const HttpError& e) {
    if (e.kind() != HttpError::Kind::Cancelled) events_.push({StreamEvent::Kind::Failed, e.dutch(), 0});
  } catch (const PlaylistError& e) {
    events_.push({StreamEvent::Kind::Failed, e.what(), 0});
  } catch (const std::exception& e) {
    events_.push({StreamEvent::Kind::Failed, e.what(), 0});
  }
  MediaChunk end;
  end.kind = MediaChunk::Kind::End;
  out_.push(std::move(end));
}

bool StreamFetcher::push(MediaChunk c) { return !cancel_->cancelled() && out_.push(std::move(c)); }

// First request: a streaming GET whose first bytes tell a playlist from audio. Audio
// goes on in the same transfer (no second request); a playlist is read to the end.
void StreamFetcher::open() {
  events_.push({StreamEvent::Kind::Connecting, options_.url, 0});
  for (int attempt = 1;; ++attempt) {
    std::string body;
    bool playlist = false, decided = false, direct = false, stopped = false;
    HttpResponse head;
    auto handOn = [&](std::string data) {
      MediaChunk c;
      c.kind = MediaChunk::Kind::Stream;
      c.data = std::move(data);
      if (push(std::move(c))) return true;
      stopped = true;
      return false;
    };
    try {
      HttpRequest r = request(options_.url, kPlaylistLimit);
      r.totalTimeout = std::chrono::milliseconds(0);
      http_.stream(r, [&](std::string_view data) {
        if (direct) return handOn(std::string(data));
        body.append(data);
        if (!decided && body.size() >= 16) {
          decided = true;
          playlist = looksLikePlaylist(body);
          if (!playlist) {
            direct = true;
            retry_.succeeded();
            events_.push({StreamEvent::Kind::PlayingLive, {}, 0});
            return handOn(std::exchange(body, {}));
          }
        }
        if (body.size() > kPlaylistLimit) throw HttpError(HttpError::Kind::TooLarge, options_.url, 0, "");
        return true;
      }, &head);
    } catch (const HttpError& e) {
      if (e.kind() == HttpError::Kind::Cancelled || stopped) return;
      if (direct) {  // the stream broke off: reconnect and go on
        discontinuityNext_ = true;
        if (!retry_.failedAndWait(e.dutch())) return;
        return followDirect(options_.url);
      }
      if (permanent(e) || attempt >= options_.startupAttempts) throw;
      if (!retry_.failedAndWait(e.dutch())) return;
      continue;
    }
    if (direct) return;  // a finite file or a stream the server ended
    retry_.succeeded();
    std::string finalUrl = head.effectiveUrl.empty() ? options_.url : head.effectiveUrl;
    if (!decided) playlist = looksLikePlaylist(body);
    if (!playlist) {
      if (body.empty()) throw HttpError(HttpError::Kind::Network, options_.url, 0, "leeg antwoord");
      events_.push({StreamEvent::Kind::PlayingLive, {}, 0});
      handOn(std::move(body));
      return;
    }
    HlsPlaylist p = parsePlaylist(body, finalUrl);
    if (!p.isMaster) return followMedia(finalUrl, std::move(body));
    std::string media = chooseAudioPlaylist(p);
    log::info("audio-afspeellijst: {}", media);
    HttpResponse r = retry_.run([&] { return http_.get(request(media, kPlaylistLimit)); },
                                [](const HttpError& e) { if (permanent(e)) throw e; });
    return followMedia(r.effectiveUrl.empty() ? media : r.effectiveUrl, std::move(r.body));
  }
}

HttpResponse StreamFetcher::fetchPlaylist(const std::string& url) {
  return retry_.run([&] { return playlists_.get(request(url, kPlaylistLimit)); });
}

void StreamFetcher::chooseStart(const HlsMedia& media) {
  const auto& segs = media.segments;
  using S = FetchOptions::Start;
  S start = options_.start;
  if (start == S::Default) start = media.endList ? S::Begin : S::Live;
  if (!media.endList && start == S::Position) {
    log::warn("een positie kiezen kan niet in een live stream; live gestart");
    start = S::Live;
  }
  if (start == S::Live && !media.endList) {
    std::size_t idx = segs.size() > static_cast<std::size_t>(options_.liveEdgeSegments)
                          ? segs.size() - static_cast<std::size_t>(options_.liveEdgeSegments) : 0;
    double behind = 0;
    for (std::size_t i = idx; i < segs.size(); ++i) behind += segs[i].duration;
    next_ = segs.empty() ? media.mediaSequence : segs[idx].sequence;
    StreamEvent e{StreamEvent::Kind::PlayingLive, {}, behind};
    if (!segs.empty()) e.firstSegmentUtc = segs.front().programDateTime.value_or(0);
    events_.push(std::move(e));
    return;
  }
  double want = start == S::Position ? options_.position : 0;
  double at = 0;
  next_ = segs.empty() ? media.mediaSequence : segs.back().sequence + 1;
  for (const auto& s : segs) {
    if (want < at + s.duration) {
      next_ = s.sequence;
      skipFirst_ = std::max(0.0, want - at);
      break;
    }
    at += s.duration;
  }
  if (want > 0 && want >= at + 1e-9 && !segs.empty() && next_ > segs.back().sequence) {
    throw PlaylistError("De gevraagde positie ligt voorbij het einde van de opname.");
  }
  position_ = at;
  StreamEvent e{StreamEvent::Kind::PlayingFrom, {}, want};
  if (!segs.empty()) e.firstSegmentUtc = segs.front().programDateTime.value_or(0);
  for (const auto& s : segs) e.length += s.duration;
  events_.push(std::move(e));
}

void StreamFetcher::followMedia(const std::string& url, std::string text) {
  bool first = true;
  std::string previous;
  auto lastChange = Clock::now();
  bool stalled = false;
  while (!cancel_->cancelled()) {
    auto loadStart = Clock::now();
    HlsPlaylist p = parsePlaylist(text, url);
    if (p.isMaster) throw PlaylistError("De audio-afspeellijst verwijst weer naar een hoofdafspeellijst.");
    const HlsMedia& media = p.media;
    for (const auto& s : media.segments) known_[s.sequence] = s;
    while (known_.size() > 2000) known_.erase(known_.begin());
    retry_.setMaxDelay(std::max(1.0, media.targetDuration / 2));
    if (first) {
      chooseStart(media);
      first = false;
    }
    bool changed = text != previous;
    previous = text;
    if (changed) {
      lastChange = loadStart;
      if (stalled) events_.push({StreamEvent::Kind::Moving, {}, 0});
      stalled = false;
    } else if (!stalled && loadStart - lastChange > std::chrono::duration<double>(3 * media.targetDuration)) {
      stalled = true;
      events_.push({StreamEvent::Kind::Stalled, {}, 0});
    }
    if (!media.segments.empty() && media.segments.front().sequence > next_) {
      fillGap(media.segments.front().sequence, media);
    }
    for (const auto& s : media.segments) {
      if (s.sequence < next_) continue;
      if (!deliver(s)) return;
    }
    if (media.endList) return;
    double wait = changed ? media.targetDuration : media.targetDuration / 2;
    if (cancel_->sleepFor(loadStart + std::chrono::duration<double>(wait) - Clock::now())) return;
    text = fetchPlaylist(url).body;
  }
}

std::shared_ptr<const std::string> StreamFetcher::initFor(const HlsSegment& seg) {
  if (seg.mapUri.empty()) return nullptr;
  if (seg.mapUri != initUri_ || !init_) {
    HttpResponse r = retry_.run([&] { return http_.get(request(seg.mapUri, kSegmentLimit)); });
    init_ = std::make_shared<const std::string>(std::move(r.body));
    if (!initUri_.empty()) discontinuityNext_ = true;
    initUri_ = seg.mapUri;
  }
  return init_;
}

// Fetches one segment (retrying as long as it may still come) and hands it on.
// Returns false when playing must stop (cancelled or the decoder is gone).
bool StreamFetcher::deliver(const HlsSegment& seg) {
  int notFound = 0;
  HttpResponse r;
  try {
    r = retry_.run([&] { return http_.get(request(seg.uri, kSegmentLimit)); },
                   [&](const HttpError& e) {
                     // Gone (404/410) twice more after a short wait: it will not come back.
                     if (e.kind() == HttpError::Kind::Status && (e.status() == 404 || e.status() == 410) &&
                         ++notFound > 2) {
                       throw e;
                     }
                   });
  } catch (const HttpError& e) {
    if (e.kind() == HttpError::Kind::Cancelled) return false;
    retry_.succeeded();
    events_.push({StreamEvent::Kind::Skipped, {}, seg.duration});
    next_ = seg.sequence + 1;
    discontinuityNext_ = true;
    position_ += seg.duration;
    return true;
  }
  return handOn(seg, std::move(r.body));
}

// Hands a fetched segment to the decoder and moves the playing position past it.
bool StreamFetcher::handOn(const HlsSegment& seg, std::string body) {
  MediaChunk c;
  c.kind = MediaChunk::Kind::Segment;
  c.init = initFor(seg);
  c.data = std::move(body);
  c.sequence = seg.sequence;
  c.duration = seg.duration;
  c.position = position_;
  c.programDateTime = seg.programDateTime;
  c.discontinuity = seg.discontinuity || discontinuityNext_;
  c.skipSeconds = skipFirst_;
  skipFirst_ = 0;
  discontinuityNext_ = false;
  position_ += seg.duration;
  next_ = seg.sequence + 1;
  return push(std::move(c));
}

// Segments that left the window while we could not fetch: the Kamer keeps them for
// about 50 minutes, so fetch them by the URL we saw or the name pattern; skip what is gone.
void StreamFetcher::fillGap(std::int64_t windowFirst, const HlsMedia& media) {
  while (next_ < windowFirst && !cancel_->cancelled()) {
    HlsSegment seg;
    auto it = known_.find(next_);
    if (it != known_.end()) {
      seg = it->second;
    } else {
      seg.uri = guessUri(next_);
      seg.sequence = next_;
      seg.duration = media.segments.front().duration;
      auto prev = known_.find(next_ - 1);
      if (prev != known_.end()) seg.mapUri = prev->second.mapUri;
      if (seg.uri.empty()) break;
    }
    try {
      HttpResponse r = http_.get(request(seg.uri, kSegmentLimit));
      retry_.succeeded();
      known_[seg.sequence] = seg;
      if (!handOn(seg, std::move(r.body))) return;
    } catch (const HttpError& e) {
      if (e.kind() == HttpError::Kind::Cancelled) return;
      log::info("gemist segment {} niet meer op te halen: {}", next_, e.dutch());
      break;
    }
  }
  if (next_ < windowFirst) {
    double missed = static_cast<double>(windowFirst - next_) * media.segments.front().duration;
    events_.push({StreamEvent::Kind::Skipped, {}, missed});
    position_ += missed;
    next_ = windowFirst;
    discontinuityNext_ = true;
  }
}

// The Kamer names segments "Segment-<start in 100 ns ticks>.m4a": a segment we never saw
// can be named from the one before it and its duration.
std::string StreamFetcher::guessUri(std::int64_t sequence) const {
  static const std::regex kName(R"(^(.*/Segment-)(\d+)(\.[A-Za-z0-9]+)(\?.*)?$)");
  auto prev = known_.lower_bound(sequence);
  if (prev == known_.begin()) return {};
  --prev;
  std::smatch m;
  if (!std::regex_match(prev->second.uri, m, kName)) return {};
  long long ticks = std::stoll(m[2].str());
  auto step = static_cast<long long>(prev->second.duration * 1e7 + 0.5);
  ticks += step * (sequence - prev->first);
  return m[1].str() + std::to_string(ticks) + m[3].str() + (m[4].matched ? m[4].str() : "");
}

void StreamFetcher::followDirect(const std::string& url) {
  while (!cancel_->cancelled()) {
    bool gotData = false, stoppedHere = false;
    try {
      HttpRequest r = request(url, kSegmentLimit);
      r.totalTimeout = std::chrono::milliseconds(0);
      http_.stream(r, [&](std::string_view data) {
        if (!gotData) retry_.succeeded();
        gotData = true;
        MediaChunk c;
        c.kind = MediaChunk::Kind::Stream;
        c.data = std::string(data);
        c.discontinuity = std::exchange(discontinuityNext_, false);
        if (!push(std::move(c))) {
          stoppedHere = true;
          return false;
        }
        return true;
      });
      if (stoppedHere || gotData) return;  // the stream ended normally
      throw HttpError(HttpError::Kind::Network, url, 0, "lege stream");
    } catch (const HttpError& e) {
      if (e.kind() == HttpError::Kind::Cancelled || stoppedHere) return;
      discontinuityNext_ = true;
      if (!retry_.failedAndWait(e.dutch())) return;
    }
  }
}

}  // namespace ml::net
