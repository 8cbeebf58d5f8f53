// The user's speech-dispatcher as a Speaker: the only code that includes <libspeechd.h>.
// speech-dispatcher plays through its own audio (no ducking of the debate). Text goes
// through the Dutch normaliser and is always sent as plain text (SPD_DATA_TEXT, never SSML).
// Priorities map onto speech-dispatcher's own classes, which behave alike:
//   Error -> SPD_IMPORTANT, Echo -> SPD_TEXT (only the newest counts),
//   Reply -> SPD_MESSAGE (spoken in order), Notification -> SPD_NOTIFICATION.
// stop() cancels only this program's messages (spd_cancel), never the screen reader's.
// Thread contract: every member may be called from any thread except the audio callback;
// libspeechd reports the end of each message on its own thread (handled inside, under a lock).
#pragma once
#include <chrono>
#include <memory>
#include <string>

#include "speech/Speaker.h"

namespace ml::speechd {

struct SpeechdOptions {
  // "unix_socket:/path/speechd.sock" or a socket path; empty: speech-dispatcher's default
  // (SPEECHD_ADDRESS, else the user's socket).
  std::string address;
  bool autospawn = true;      // start the user's speech-dispatcher when it is not running
  std::string language = "nl";
  int rate = 175;             // words a minute (see speechdRate)
  bool normalize = true;      // through text::DutchNormalizer first
};

// Words a minute (80..900) as speech-dispatcher's rate -100..100, after its eSpeak NG
// module's scale: 80 -> -100, 170 -> 0, 449 and more -> 100.
int speechdRate(int wordsPerMinute);

class SpeechdSpeaker : public speech::Speaker {
 public:
  // Connects; throws std::runtime_error (Dutch) when speech-dispatcher is not reachable.
  explicit SpeechdSpeaker(SpeechdOptions options = {});
  ~SpeechdSpeaker() override;
  SpeechdSpeaker(const SpeechdSpeaker&) = delete;
  SpeechdSpeaker& operator=(const SpeechdSpeaker&) = delete;

  // A notification while busy is replaced by shortText when given (speech-dispatcher itself
  // drops notifications while other speech waits). False when speech-dispatcher refused it.
  bool say(std::string text, speech::Priority priority = speech::Priority::Reply,
           std::string shortText = {}) override;
  void stop() override;
  void setRate(int wordsPerMinute) override;  // clamped to speech::kMinRate..kMaxRate
  int rate() const override;
  bool idle() const override;  // no message of ours queued or being spoken
  bool waitIdle(std::chrono::milliseconds timeout);
  std::string describe() const override { return "speech-dispatcher"; }

  struct State;  // the connection and the messages in flight (SpeechdSpeaker.cpp)

 private:
  std::unique_ptr<State> state_;
};

}  // namespace ml::speechd
