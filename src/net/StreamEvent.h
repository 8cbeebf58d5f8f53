// What the stream layers (fetcher, decoder) report upward. The app turns these into
// the listener's Dutch lines; lower layers never print.
#pragma once
#include <string>

namespace ml::net {

struct StreamEvent {
  enum class Kind {
    Connecting,    // text: the URL
    PlayingLive,   // seconds: distance behind the live edge
    PlayingFrom,   // seconds: position in the recording
    Retrying,      // text: reason (Dutch); seconds: delay before the next try
    StillRetrying, // seconds: how long it has been failing
    Recovered,     // the source answers again; text "verbinding" when it was out of reach;
                   // seconds: audio skipped in the failing run beyond the Skipped line told
    Skipped,       // seconds: audio that was missed and skipped; text: why (Dutch) or empty
    Gap,           // seconds: a hole the playlist marks (EXT-X-GAP), never requested
    Resynced,      // the live media sequence went back or restarted: on from the live window
    Stalled,       // the live playlist stopped advancing
    Moving,        // it advances again
    DecodeError,   // seconds: length of the piece that could not be played
    Ended,         // the stream ended (ENDLIST reached, or a direct stream closed)
    Failed,        // text: reason; playing cannot go on
  };
  Kind kind;
  std::string text;
  double seconds = 0;
  // PlayingLive / PlayingFrom of a playlist: the wall clock (UTC seconds) of the first
  // segment listed (0: the playlist has no PROGRAM-DATE-TIME), and for a recording its
  // whole length (0: unknown or live).
  double firstSegmentUtc = 0;
  double length = 0;
  // PlayingLive: the wall clock (UTC seconds) of the first audio it plays (0: unknown).
  double startUtc = 0;
};

}  // namespace ml::net
