// Dutch speech, the Speaker that ducks the debate: one thread owns eSpeak NG and speaks a
// queue of utterances (see UtteranceQueue for the priorities) into a SpeechBuffer that the
// Mixer plays. Text goes through the Dutch normaliser and is synthesized as plain text
// (never SSML), sped up by libsonic above 450 words a minute, and resampled to 48 kHz stereo.
// Thread contract: every public member may be called from any thread except the audio
// callback. eSpeak NG is global: one SpeechEngine per process.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "audio/SpeechBuffer.h"
#include "speech/Speaker.h"
#include "speech/UtteranceQueue.h"

namespace ml::speech {

struct SpeechOptions {
  int rate = 175;      // words a minute, 80..900 (above 450 through libsonic)
  int pitch = 50;      // 0..100
  int volume = 100;    // 0..200
  std::filesystem::path voiceFile;  // empty: paths::dataDir()/voices/meeluister-nl
  std::string mbrolaVoice = "mb-nl2";  // used when installed; empty: never
  bool normalize = true;               // through text::DutchNormalizer first
};

class SpeechEngine : public Speaker {
 public:
  // Starts the thread and eSpeak NG; throws std::runtime_error (Dutch) when it cannot.
  SpeechEngine(audio::SpeechBuffer& out, SpeechOptions options);
  ~SpeechEngine() override;
  SpeechEngine(const SpeechEngine&) = delete;
  SpeechEngine& operator=(const SpeechEngine&) = delete;

  // Queues text; false when the queue's policy dropped it (a notification while busy).
  bool say(std::string text, Priority priority = Priority::Reply, std::string shortText = {}) override;
  // Silences all speech at once (the mixer drops what is buffered at its next block, the
  // synthesis in progress is aborted) and forgets what was queued.
  void stop() override;

  void setRate(int wordsPerMinute) override;  // clamped to kMinRate..kMaxRate; from the next utterance
  int rate() const override { return rate_.load(); }
  void setPitch(int pitch);
  void setVolume(int volume);

  // Called on the engine's thread just before each utterance is synthesized, with the text
  // given to say() (e.g. to print the line about to be heard: its audio follows the
  // buffered speech, at most the SpeechBuffer's length later). Must not call back into the
  // engine. Set it before the first say().
  using UtteranceStart = std::function<void(const std::string& text)>;
  void setOnUtteranceStart(UtteranceStart hook);

  // True when nothing is queued or being synthesized (buffered audio may still play).
  bool idle() const override;
  bool waitIdle(std::chrono::milliseconds timeout);
  std::string voiceName() const;
  std::string describe() const override;  // "eSpeak NG, stem meeluister-nl"

 private:
  struct Tools;  // the engine thread's synthesizer, speed-up and resampler
  void run();
  void applySettings(Tools& t);  // rate, pitch, volume as last set
  static void announce(const UtteranceStart& hook, const std::string& text);
  void speakOne(Tools& t, const std::string& text, std::uint64_t gen);

  audio::SpeechBuffer& out_;
  SpeechOptions options_;
  std::atomic<int> rate_;
  std::atomic<int> pitch_;
  std::atomic<int> volume_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idleCv_;
  UtteranceQueue queue_;
  std::optional<Priority> playing_;
  UtteranceStart onStart_;
  bool quit_ = false;
  bool started_ = false;
  std::string startError_;
  std::string voiceName_;
  std::thread thread_;
};

}  // namespace ml::speech
