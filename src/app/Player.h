// Plays one source: owns the fetcher and decoder threads, the programme buffer, the
// mixer and the sink. Threads: fetcher -> ChunkQueue -> decoder -> ProgrammeBuffer ->
// Mixer (sink thread or audio callback). Every lower layer wakes the app's poll() loop
// through an eventfd (event queue, mixer finished); nothing below calls up.
// The Session drives it through open()/restart()/takeEvents() from its poll() loop.
// Thread contract: every member is called from the app thread.
#pragma once
#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "audio/Mixer.h"
#include "audio/ProgrammeBuffer.h"
#include "audio/Sink.h"
#include "core/EventQueue.h"
#include "net/ChunkQueue.h"
#include "net/StreamEvent.h"
#include "net/StreamFetcher.h"

namespace ml::audio {
class SpeechBuffer;
}

namespace ml::app {

struct PlayOptions {
  net::FetchOptions fetch;
  std::optional<std::string> outputFile;  // none: the sound device
  bool nullOutput = false;
  double durationSeconds = 0;             // 0: until the stream ends
  audio::DeviceChoice device;             // the sound device for the debate (and speech)
  // Another device for meeluister's own voice (--spraak-apparaat): the speech is not mixed
  // into the debate but played there, through a mixer of its own; the debate still ducks.
  std::optional<audio::DeviceChoice> speechDevice;
  // --start with a clock time ("14u30"): seconds since Dutch midnight; the session goes
  // there once the recording's start time is known (its first PlayingFrom).
  std::optional<double> startClock;
  // --slaaptimer: the player fades out and stops after so many seconds (SleepTimer).
  std::optional<double> sleepSeconds;
};

class Player {
 public:
  // `speech`, when given, is mixed over the programme (and ducks it).
  explicit Player(PlayOptions options, audio::SpeechBuffer* speech = nullptr);
  ~Player();
  Player(const Player&) = delete;
  Player& operator=(const Player&) = delete;

  // open(): starts the threads and the sink at once (speech may play
  // before the stream does; on its own device, that one starts at once in any case);
  // throws std::runtime_error (Dutch) when a sink cannot start.
  // `waitForAudio`: a device starts only once there is audio (or none will come), so the
  // first sound is not queued behind silence; SIGINT/SIGTERM on `sigfd` end the wait.
  void open(int sigfd = -1, bool waitForAudio = false);
  // Before open(): where the stream starts.
  void setStart(net::FetchOptions::Start start, double position = 0) {
    options_.fetch.start = start;
    options_.fetch.position = position;
  }
  // Before open(): the source is known to be a recording (an ended debate), even while its
  // playlist has no ENDLIST yet: it starts at the beginning and can be sought.
  void setRecording(bool recording) { options_.fetch.recording = recording; }
  // Drops what is buffered and fetches again from `start` (a seek, or back to live).
  void restart(net::FetchOptions::Start start, double position = 0);
  // The same from another source: on live, the day's recording (a recording) and back to
  // the live stream.
  void restart(const std::string& url, bool recording, net::FetchOptions::Start start, double position = 0) {
    options_.fetch.url = url;
    options_.fetch.recording = recording;
    restart(start, position);
  }
  // Playback speed, pitch kept (0.5..3.0); takes effect after what is already buffered.
  void setSpeed(double speed);
  double speed() const { return speed_.load(); }
  void stop();

  int eventsFd() const { return events_.fd(); }
  std::vector<net::StreamEvent> takeEvents();
  audio::Mixer& mixer() { return mixer_; }
  // The debate plays on a sound device that has been started (not a file or nowhere).
  bool playsOnDevice() const { return sinkStarted_ && !holding_ && !options_.outputFile && !options_.nullOutput; }
  // After a seek on a device (restart): the device is held until the new audio is there.
  // The fd becomes readable when the decoder wrote some; releaseWhenReady() starts the
  // device once there is audio, the stream ended, or kHoldAtMost passed (true: released).
  int audioReadyFd() { return programme_.dataWakeup().fd(); }
  bool releaseWhenReady();
  const PlayOptions& options() const { return options_; }
  // Seconds of the recording played since the last (re)start, whatever the speed.
  double mediaSecondsPlayed();

 private:
  void startThreads();
  void stopThreads();
  void waitForData(int sigfd);
  void openSpeechDevice();

  PlayOptions options_;
  CancelPtr cancel_;
  std::unique_ptr<net::ChunkQueue> chunks_;
  audio::ProgrammeBuffer programme_{1.0};
  audio::Mixer mixer_;
  audio::SpeechBuffer* speech_ = nullptr;
  // The voice's own stream (PlayOptions::speechDevice, else the debate's device): an empty programme, the speech,
  // and its sink. Declared before sink_, so it is destroyed after the debate's sink.
  audio::ProgrammeBuffer speechProgramme_{0.1};
  std::unique_ptr<audio::Mixer> speechMixer_;
  std::unique_ptr<audio::Sink> speechSink_;
  EventQueue<net::StreamEvent> events_;
  std::unique_ptr<audio::Sink> sink_;
  std::thread fetcher_, decoder_;
  std::atomic<double> speed_{1.0};
  bool sinkStarted_ = false;
  bool holding_ = false;  // the device sink is held for a seek (app thread)
  std::chrono::steady_clock::time_point heldSince_{};
  std::atomic<double> mediaOut_{0};  // seconds of the recording the decoder wrote (since the last start)
};

}  // namespace ml::app
