// The fetcher thread: from a SOURCE URL to compressed chunks for the decoder.
// A master playlist leads to its audio rendition, a media playlist is followed (live:
// reloaded at the pace it asks, clamped to 1..30 s, never fetching a segment twice; a
// media sequence that goes back or leaps resyncs to the live window), anything else is
// taken as a direct audio stream. Byte ranges (segments and EXT-X-MAP) are fetched with
// Range requests; EXT-X-GAP segments are never requested. Every request has a fault
// budget (net::Retry): past it a segment is skipped, a missing init section or a minute
// without anything playable ends with Failed. Faults are reported as StreamEvents.
// Lower layer: it only fills the ChunkQueue and the event queue.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "core/Cancel.h"
#include "core/EventQueue.h"
#include "net/ChunkQueue.h"
#include "net/HlsPlaylist.h"
#include "net/HttpClient.h"
#include "net/Retry.h"
#include "net/StreamEvent.h"

namespace ml::net {

struct FetchOptions {
  std::string url;
  enum class Start { Default, Live, Begin, Position, BehindLive, Clock } start = Start::Default;
  double position = 0;      // seconds, with Start::Position; seconds behind the live edge
                            // with Start::BehindLive (time-shift: before the window, the
                            // segments the Kamer keeps are named by guessUri); with
                            // Start::Clock (a recording), a UTC second placed by the
                            // segments' PROGRAM-DATE-TIME (the day's recording on live)
  int liveEdgeSegments = 3; // live: start this many segments before the newest
  int startupAttempts = 4;  // tries before giving up on an unreachable source at start
  double giveUpSeconds = 60; // nothing playable for this long while failing: Failed
  // Known to be a recording (an ended debate) though its playlist may lack ENDLIST (the
  // Kamer's recording not yet closed): played and sought as a recording; its reloads end
  // once the playlist stops growing after its last segment was delivered.
  bool recording = false;
};

class StreamFetcher {
 public:
  StreamFetcher(FetchOptions options, ChunkQueue& out, EventQueue<StreamEvent>& events, CancelPtr cancel);
  // Thread body. Never throws; always ends by pushing an End chunk.
  void run() noexcept;

 private:
  void open();
  void followMedia(const std::string& url, std::string text);
  void followDirect(const std::string& url);
  HttpResponse fetchPlaylist(const std::string& url);
  void chooseStart(const HlsMedia& media);
  bool deliver(const HlsSegment& seg, const HlsMedia& media);
  bool handOn(const HlsSegment& seg, std::string body, std::shared_ptr<const std::string> init);
  void skip(const HlsSegment& seg, const std::string& reason);
  void passGap(const HlsSegment& seg, const HlsMedia& media);
  void fillGap(std::int64_t windowFirst, const HlsMedia& media);
  void resync(const HlsMedia& media);
  bool staleCopy(const HlsMedia& media) const;
  std::string guessUri(std::int64_t sequence) const;
  std::shared_ptr<const std::string> initFor(const HlsSegment& seg);
  bool push(MediaChunk c);

  FetchOptions options_;
  ChunkQueue& out_;
  EventQueue<StreamEvent>& events_;
  CancelPtr cancel_;
  HttpClient http_;
  ConditionalFetcher playlists_{http_};  // live reloads ask If-None-Match / If-Modified-Since
  Retry retry_;
  std::int64_t next_ = -1;                    // next media sequence to deliver
  std::map<std::int64_t, HlsSegment> known_;  // every segment seen in any playlist
  std::string initKey_;                       // URI and byte range of init_
  std::shared_ptr<const std::string> init_;
  bool inGap_ = false;                        // within a run of EXT-X-GAP segments (told once)
  double position_ = 0;                       // seconds delivered from the playlist start
  double skipFirst_ = 0;                      // seek offset inside the first segment
  bool discontinuityNext_ = false;
};

}  // namespace ml::net
