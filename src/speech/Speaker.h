// What the player speaks through: meeluister's own eSpeak NG engine (SpeechEngine: it mixes
// its speech into the programme and ducks the debate) or the user's speech-dispatcher
// (lib/speechd/SpeechdSpeaker: its own audio, no ducking). Priorities as in UtteranceQueue.
// Thread contract: every member may be called from any thread except the audio callback.
#pragma once
#include <string>

#include "speech/UtteranceQueue.h"

namespace ml::speech {

constexpr int kMinRate = 80;   // words a minute
constexpr int kMaxRate = 900;

class Speaker {
 public:
  virtual ~Speaker() = default;

  // Queues text (plain text, never markup); false when it was dropped or refused.
  virtual bool say(std::string text, Priority priority = Priority::Reply, std::string shortText = {}) = 0;
  // Silences this speaker's speech at once and forgets what it had queued.
  virtual void stop() = 0;
  virtual void setRate(int wordsPerMinute) = 0;  // from the next utterance
  virtual int rate() const = 0;                  // words a minute as last set
  // True when nothing of ours is queued or being spoken.
  virtual bool idle() const = 0;
  // For the listener: "eSpeak NG, stem meeluister-nl" or "speech-dispatcher".
  virtual std::string describe() const = 0;
};

}  // namespace ml::speech
