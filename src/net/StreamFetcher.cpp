#include "net/StreamFetcher.h"

#include <algorithm>
#include <cmath>
#include <chrono>
#include <limits>
#include <optional>
#include <string_view>
#include <utility>

#include "core/Log.h"

namespace ml::net {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kPlaylistLimit = 2u << 20;
constexpr std::size_t kSegmentLimit = 32u << 20;

constexpr std::int64_t kMaxGapFill = 1000;  // missed segments fetched after an outage, at most
const char* const kPlaylistTooLarge = "afspeellijst te groot (meer dan 2 MB)";

// The first bytes decide: text starting with '#' may be a playlist (perhaps after
// comment lines), so it is read to the end; anything else is audio.
bool mayBePlaylist(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  while (!head.empty() && (head[0] == ' ' || head[0] == '\t' || head[0] == '\r' || head[0] == '\n')) {
    head.remove_prefix(1);
  }
  return !head.empty() && head[0] == '#';
}

// Segments trickling in slower than 1 KB/s for 6 s (the Kamer sends 12 KB/s) are slowloris.
HttpRequest request(const std::string& url, std::size_t limit) {
  HttpRequest r;
  r.url = url;
  r.maxBytes = limit;
  r.connectTimeout = std::chrono::milliseconds(5000);
  r.lowSpeedTime = std::chrono::seconds(limit == kPlaylistLimit ? 8 : 6);
  r.lowSpeedLimit = limit == kPlaylistLimit ? 1 : 1024;
  r.totalTimeout = std::chrono::milliseconds(limit == kPlaylistLimit ? 10000 : 60000);
  return r;
}

HttpRequest playlistRequest(const std::string& url) {
  return request(url, kPlaylistLimit);
}

// A playlist we were given is gone or refused: no use retrying at start.
bool permanent(const HttpError& e) {
  using K = HttpError::Kind;
  return e.kind() == K::BadUrl || e.kind() == K::Tls || e.kind() == K::Redirect ||
         e.kind() == K::RedirectLoop || e.kind() == K::TooLarge ||
         (e.kind() == K::Status && e.status() >= 400 && e.status() < 500 && e.status() != 429);
}

// The reload pace (RFC 8216 6.3.4) from a target duration that may be absurd: at least
// 1 s, at most three times the longest segment listed and at most 30 s.
double paceOf(const HlsMedia& media) {
  double longest = 0;
  for (const auto& s : media.segments) longest = std::max(longest, s.duration);
  double hi = std::min(30.0, longest > 0 ? 3 * longest : 30.0);
  hi = std::max(1.0, hi);
  double td = media.targetDuration > 0 ? media.targetDuration : longest;
  return std::clamp(td, 1.0, hi);
}

}  // namespace

StreamFetcher::StreamFetcher(FetchOptions options, ChunkQueue& out, EventQueue<StreamEvent>& events,
                             CancelPtr cancel)
    : options_(std::move(options)), out_(out), events_(events), cancel_(std::move(cancel)),
      http_(cancel_), retry_(events_, *cancel_, options_.giveUpSeconds) {}

void StreamFetcher::run() noexcept {
  bool failed = true;
  try {
    open();
    failed = false;
  } catch (const HttpError& e) {
    if (e.kind() != HttpError::Kind::Cancelled) events_.push({StreamEvent::Kind::Failed, e.dutch(), 0});
  } catch (const PlaylistError& e) {
    events_.push({StreamEvent::Kind::Failed, e.what(), 0});
  } catch (const GiveUp& e) {
    events_.push({StreamEvent::Kind::Failed, e.what(), 0});
  } catch (const std::exception& e) {
    events_.push({StreamEvent::Kind::Failed, e.what(), 0});
  }
  MediaChunk end;
  end.kind = MediaChunk::Kind::End;
  end.failed = failed;
  out_.push(std::move(end));
}

bool StreamFetcher::push(MediaChunk c) { return !cancel_->cancelled() && out_.push(std::move(c)); }

// First request: a streaming GET whose first bytes tell a playlist from audio. Audio
// goes on in the same transfer (no second request); a playlist is read to the end.
void StreamFetcher::open() {
  events_.push({StreamEvent::Kind::Connecting, options_.url, 0});
  for (int attempt = 1;; ++attempt) {
    std::string body;
    bool playlist = false, decided = false, direct = false, stopped = false, tooLarge = false;
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
        if (direct) {
          retry_.progressed();
          return handOn(std::string(data));
        }
        body.append(data);
        if (!decided && body.size() >= 16) {
          decided = true;
          playlist = mayBePlaylist(body);
          if (!playlist) {
            direct = true;
            retry_.succeeded();
            retry_.progressed();
            events_.push({StreamEvent::Kind::PlayingLive, {}, 0});
            return handOn(std::exchange(body, {}));
          }
        }
        if (body.size() > kPlaylistLimit) {
          tooLarge = true;
          return false;
        }
        return true;
      }, &head);
      if (tooLarge) throw PlaylistError(kPlaylistTooLarge);
    } catch (const HttpError& e) {
      if (e.kind() == HttpError::Kind::Cancelled || stopped) return;
      if (direct) {  // the stream broke off: reconnect and go on
        discontinuityNext_ = true;
        if (!retry_.failedAndWait(e.dutch(), e.unreachable())) return;
        return followDirect(options_.url);
      }
      if (permanent(e) || attempt >= options_.startupAttempts) throw;
      if (!retry_.failedAndWait(e.dutch(), e.unreachable())) return;
      continue;
    }
    if (direct) return;  // a finite file or a stream the server ended
    retry_.succeeded();
    std::string finalUrl = head.effectiveUrl.empty() ? options_.url : head.effectiveUrl;
    playlist = looksLikePlaylist(body);
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
    HttpResponse r = retry_.run([&] {
      try {
        return fetchPlaylist(media);
      } catch (const HttpError& e) {
        if (permanent(e)) throw PlaylistError(e.dutch());  // not retried: gone or refused
        throw;
      }
    }, options_.startupAttempts, false);
    return followMedia(r.effectiveUrl.empty() ? media : r.effectiveUrl, std::move(r.body));
  }
}

// One try of a playlist; the size cap is named as such.
HttpResponse StreamFetcher::fetchPlaylist(const std::string& url) {
  try {
    return playlists_.get(playlistRequest(url));
  } catch (HttpError& e) {
    if (e.kind() == HttpError::Kind::TooLarge) e.sayInstead(kPlaylistTooLarge);
    throw;
  }
}

void StreamFetcher::chooseStart(const HlsMedia& media) {
  const auto& segs = media.segments;
  using S = FetchOptions::Start;
  S start = options_.start;
  const bool recording = media.endList || options_.recording;
  if (start == S::Default) start = recording ? S::Begin : S::Live;
  if (start == S::Live && options_.recording) start = S::Begin;  // a recording has no live edge
  if (!recording && (start == S::Position || start == S::Clock)) {
    log::warn("een positie kiezen kan niet in een live stream; live gestart");
    start = S::Live;
  }
  if (start == S::BehindLive && recording) start = S::Begin;
  if ((start == S::Live || start == S::BehindLive) && !recording) {
    // How far behind the live edge (the end of the newest segment) to start.
    double behind = 0;
    if (start == S::Live) {
      const std::size_t n = std::min(segs.size(), static_cast<std::size_t>(std::max(0, options_.liveEdgeSegments)));
      for (std::size_t i = segs.size() - n; i < segs.size(); ++i) behind += segs[i].duration;
    } else {
      behind = std::max(0.0, options_.position);
    }
    next_ = segs.empty() ? media.mediaSequence : segs.back().sequence + 1;
    double fromEnd = 0;  // seconds from the start of segment next_ to the live edge
    double startUtc = 0;
    for (std::size_t i = segs.size(); i-- > 0;) {
      next_ = segs[i].sequence;
      fromEnd += segs[i].duration;
      if (fromEnd >= behind - 1e-9) break;
    }
    if (!segs.empty() && fromEnd < behind - 1e-9) {
      // Before the window: segments that left it are still there for about 50 minutes
      // (fillGap fetches them by their names, guessUri going backwards).
      const double d = segs.front().duration > 0 ? segs.front().duration : 1;
      const auto more = std::min<std::int64_t>(kMaxGapFill, static_cast<std::int64_t>(std::ceil((behind - fromEnd) / d)));
      next_ = segs.front().sequence - more;
      fromEnd += static_cast<double>(more) * d;
    }
    skipFirst_ = std::max(0.0, fromEnd - behind);
    behind = std::min(behind, fromEnd);
    if (!segs.empty()) {
      const auto& last = segs.back();
      if (last.programDateTime) startUtc = *last.programDateTime + last.duration - behind;
    }
    StreamEvent e{StreamEvent::Kind::PlayingLive, {}, behind};
    if (!segs.empty()) e.firstSegmentUtc = segs.front().programDateTime.value_or(0);
    e.startUtc = startUtc;
    events_.push(std::move(e));
    return;
  }
  double want = start == S::Position ? options_.position : 0;
  if (start == S::Clock) {
    // The position whose PROGRAM-DATE-TIME is the asked clock time: before the first
    // segment is the beginning, past the last one (a recording still growing) its start.
    double offset = 0;
    for (const auto& s : segs) {
      if (s.programDateTime && *s.programDateTime <= options_.position) {
        want = offset + std::min(options_.position - *s.programDateTime, std::max(0.0, s.duration - 0.01));
      }
      offset += s.duration;
    }
  }
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
    const double pace = paceOf(media);
    retry_.setMaxDelay(std::max(1.0, pace / 2));
    if (first) {
      for (const auto& s : media.segments) known_[s.sequence] = s;
      chooseStart(media);
      first = false;
    } else if (!media.segments.empty() && next_ > 0 &&
               ((media.segments.back().sequence < next_ - 1 && !staleCopy(media)) ||
                media.segments.front().sequence - next_ > kMaxGapFill)) {
      // RFC 8216 6.2.1: the media sequence never goes back. It did (an encoder restart),
      // or it leapt further than any outage: what we hold no longer names the same audio.
      // (An older copy of the same playlist, from a lagging cache, is no restart.)
      resync(media);
    } else {
      for (const auto& s : media.segments) known_[s.sequence] = s;
    }
    while (known_.size() > 2000) known_.erase(known_.begin());
    bool changed = text != previous;
    previous = text;
    if (changed) {
      lastChange = loadStart;
      if (stalled) events_.push({StreamEvent::Kind::Moving, {}, 0});
      stalled = false;
    } else if (!stalled && loadStart - lastChange > std::chrono::duration<double>(3 * pace)) {
      stalled = true;
      // A known recording whose playlist stopped growing, all of it delivered: its end.
      if (options_.recording && !media.segments.empty() && next_ > media.segments.back().sequence) return;
      events_.push({StreamEvent::Kind::Stalled, {}, 0});
    }
    if (!media.segments.empty() && media.segments.front().sequence > next_) {
      fillGap(media.segments.front().sequence, media);
    }
    for (const auto& s : media.segments) {
      if (s.sequence < next_) continue;
      if (!deliver(s, media)) return;
    }
    if (media.endList) return;
    double wait = changed ? pace : pace / 2;
    wait = std::max(1.0, wait);
    if (cancel_->sleepFor(loadStart + std::chrono::duration<double>(wait) - Clock::now())) return;
    text = retry_.run([&] { return fetchPlaylist(url); }, 0, false).body;
  }
}

// Every segment listed is one we saw, under the same number and URI: an older copy of
// the playlist (a lagging cache), not a restart.
bool StreamFetcher::staleCopy(const HlsMedia& media) const {
  for (const auto& s : media.segments) {
    auto it = known_.find(s.sequence);
    if (it == known_.end() || it->second.uri != s.uri) return false;
  }
  return true;
}

// The live sequence went back or restarted: start again at the live window.
void StreamFetcher::resync(const HlsMedia& media) {
  log::info("mediavolgnummer terug van {} naar {}: opnieuw bij het live punt", next_ - 1,
            media.segments.back().sequence);
  known_.clear();
  for (const auto& s : media.segments) known_[s.sequence] = s;
  const auto& segs = media.segments;
  std::size_t edge = static_cast<std::size_t>(std::max(1, options_.liveEdgeSegments));
  std::size_t idx = segs.size() > edge ? segs.size() - edge : 0;
  next_ = segs[idx].sequence;
  discontinuityNext_ = true;
  initKey_.clear();
  init_.reset();
  events_.push({StreamEvent::Kind::Resynced, {}, 0});
}

std::shared_ptr<const std::string> StreamFetcher::initFor(const HlsSegment& seg) {
  if (seg.mapUri.empty()) return nullptr;
  std::string key = seg.mapUri + "#" + std::to_string(seg.mapRangeOffset) + "+" + std::to_string(seg.mapRangeLength);
  if (key != initKey_ || !init_) {
    HttpResponse r;
    try {
      r = retry_.run([&] {
        HttpRequest q = request(seg.mapUri, kSegmentLimit);
        q.rangeOffset = seg.mapRangeOffset;
        q.rangeLength = seg.mapRangeLength;
        return http_.get(q);
      });
    } catch (const HttpError& e) {
      if (e.kind() == HttpError::Kind::Cancelled) throw;
      // Without its init section no segment can be decoded: nothing to skip to.
      throw GiveUp("het begin van de stream (de init-sectie) is niet op te halen: " + e.dutch());
    }
    init_ = std::make_shared<const std::string>(std::move(r.body));
    if (!initKey_.empty()) discontinuityNext_ = true;
    initKey_ = key;
  }
  return init_;
}

// Fetches one segment within its fault budget and hands it on; past the budget it is
// skipped (one line for a run of them). Returns false when playing must stop
// (cancelled or the decoder is gone).
bool StreamFetcher::deliver(const HlsSegment& seg, const HlsMedia& media) {
  if (seg.gap) {
    passGap(seg, media);
    return true;
  }
  try {
    std::shared_ptr<const std::string> init = initFor(seg);
    HttpResponse r = retry_.run([&] {
      HttpRequest q = request(seg.uri, kSegmentLimit);
      q.rangeOffset = seg.rangeOffset;
      q.rangeLength = seg.rangeLength;
      return http_.get(q);
    });
    inGap_ = false;
    return handOn(seg, std::move(r.body), std::move(init));
  } catch (const HttpError& e) {
    if (e.kind() == HttpError::Kind::Cancelled || cancel_->cancelled()) return false;
    skip(seg, e.dutch());
    return true;
  }
}

void StreamFetcher::skip(const HlsSegment& seg, const std::string& reason) {
  if (retry_.skipped(seg.duration, reason)) events_.push({StreamEvent::Kind::Skipped, reason, seg.duration});
  next_ = seg.sequence + 1;
  discontinuityNext_ = true;
  position_ += seg.duration;
}

// EXT-X-GAP: the packager says there is no audio here. Never requested; a run of them
// is told once, with its length as far as the playlist shows it.
void StreamFetcher::passGap(const HlsSegment& seg, const HlsMedia& media) {
  if (!inGap_) {
    inGap_ = true;
    double run = 0;
    bool in = false;
    for (const auto& s : media.segments) {
      if (s.sequence == seg.sequence) in = true;
      if (!in) continue;
      if (!s.gap) break;
      run += s.duration;
    }
    events_.push({StreamEvent::Kind::Gap, {}, run});
  }
  retry_.checkDeadline("de stream heeft alleen gaten");
  next_ = seg.sequence + 1;
  discontinuityNext_ = true;
  position_ += seg.duration;
}

// Hands a fetched segment to the decoder and moves the playing position past it.
bool StreamFetcher::handOn(const HlsSegment& seg, std::string body, std::shared_ptr<const std::string> init) {
  MediaChunk c;
  c.kind = MediaChunk::Kind::Segment;
  c.init = std::move(init);
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
  retry_.progressed();
  return push(std::move(c));
}

// Segments that left the window while we could not fetch: the Kamer keeps them for
// about 50 minutes, so fetch them by the URL we saw or the name pattern; skip what is
// gone (and a gap too large to be an outage).
void StreamFetcher::fillGap(std::int64_t windowFirst, const HlsMedia& media) {
  if (windowFirst - next_ > kMaxGapFill) log::info("{} segmenten gemist: te veel om op te halen", windowFirst - next_);
  while (next_ < windowFirst && windowFirst - next_ <= kMaxGapFill && !cancel_->cancelled()) {
    HlsSegment seg;
    auto it = known_.find(next_);
    if (it != known_.end()) {
      seg = it->second;
    } else {
      seg.uri = guessUri(next_);
      seg.sequence = next_;
      seg.duration = media.segments.front().duration;
      auto prev = known_.find(next_ - 1);
      if (prev == known_.end()) prev = known_.upper_bound(next_);  // time-shift: the one after
      if (prev != known_.end()) {
        seg.mapUri = prev->second.mapUri;
        seg.mapRangeOffset = prev->second.mapRangeOffset;
        seg.mapRangeLength = prev->second.mapRangeLength;
      }
      if (seg.uri.empty()) break;
    }
    if (seg.gap) {
      passGap(seg, media);
      continue;
    }
    try {
      std::shared_ptr<const std::string> init = initFor(seg);
      HttpRequest q = request(seg.uri, kSegmentLimit);
      q.rangeOffset = seg.rangeOffset;
      q.rangeLength = seg.rangeLength;
      HttpResponse r = http_.get(q);
      retry_.succeeded();
      known_[seg.sequence] = seg;
      inGap_ = false;
      if (!handOn(seg, std::move(r.body), std::move(init))) return;
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
// can be named from the one before it and its duration. Empty when it cannot be named
// (no such pattern, or numbers out of range).
namespace {

// "<prefix>/Segment-<1 to 18 digits>.<letters and digits>[?query]", split in its parts
// (the last "/Segment-" that fits); nullopt for any other name.
struct SegmentName {
  std::string_view prefix, digits, ext, query;
};

bool asciiDigit(char c) { return c >= '0' && c <= '9'; }
bool asciiAlnum(char c) { return asciiDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::optional<SegmentName> splitSegmentName(std::string_view uri) {
  constexpr std::string_view kKey = "/Segment-";
  if (uri.find_first_of("\r\n") != std::string_view::npos) return std::nullopt;
  for (auto at = uri.rfind(kKey); at != std::string_view::npos; at = at == 0 ? std::string_view::npos : uri.rfind(kKey, at - 1)) {
    const std::size_t p = at + kKey.size();
    std::size_t d = p;
    while (d < uri.size() && asciiDigit(uri[d])) ++d;
    if (d == p || d - p > 18 || d >= uri.size() || uri[d] != '.') continue;
    std::size_t e = d + 1;
    while (e < uri.size() && asciiAlnum(uri[e])) ++e;
    if (e == d + 1 || (e < uri.size() && uri[e] != '?')) continue;
    return SegmentName{uri.substr(0, p), uri.substr(p, d - p), uri.substr(d, e - d), uri.substr(e)};
  }
  return std::nullopt;
}

}  // namespace

std::string StreamFetcher::guessUri(std::int64_t sequence) const {
  // From the segment before it; before the first one known (time-shift), from the one after.
  auto ref = known_.lower_bound(sequence);
  if (ref != known_.begin()) {
    --ref;
  } else if (ref == known_.end() || ref->first == sequence) {
    return {};
  }
  const auto name = splitSegmentName(ref->second.uri);
  if (!name) return {};
  std::int64_t ticks = 0;
  for (char ch : name->digits) ticks = ticks * 10 + (ch - '0');  // at most 18 digits: no overflow
  double stepD = ref->second.duration * 1e7 + 0.5;
  if (!(stepD >= 1) || stepD > 1e15) return {};
  auto step = static_cast<std::int64_t>(stepD);
  std::int64_t delta = 0, next = 0;
  if (__builtin_mul_overflow(step, sequence - ref->first, &delta) || __builtin_add_overflow(ticks, delta, &next) ||
      next < 0) {
    return {};
  }
  return std::string(name->prefix) + std::to_string(next) + std::string(name->ext) + std::string(name->query);
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
        retry_.progressed();
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
      if (!retry_.failedAndWait(e.dutch(), e.unreachable())) return;
    }
  }
}

}  // namespace ml::net
