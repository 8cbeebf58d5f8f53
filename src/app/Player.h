// Plays one source: owns the fetcher and decoder threads, the programme buffer, the
// mixer and the sink, and runs the app's poll() loop that turns their events into the
// listener's lines. Threads: fetcher -> ChunkQueue -> decoder -> ProgrammeBuffer ->
// Mixer (sink thread or audio callback). Every lower layer wakes this loop through an
// eventfd (event queue, mixer finished) or the signalfd; nothing below calls up.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "audio/Mixer.h"
#include "audio/ProgrammeBuffer.h"
#include "audio/Sink.h"
#include "core/EventQueue.h"
#include "net/ChunkQueue.h"
#include "net/StreamEvent.h"
#include "net/StreamFetcher.h"

namespace ml::app {

struct PlayOptions {
  net::FetchOptions fetch;
  std::optional<std::string> outputFile;  // none: the sound device
  bool nullOutput = false;
  double durationSeconds = 0;             // 0: until the stream ends
};

class Player {
 public:
  explicit Player(PlayOptions options);
  ~Player();
  Player(const Player&) = delete;
  Player& operator=(const Player&) = delete;

  // Plays until the end, the duration limit, a fatal error or SIGINT/SIGTERM.
  // Returns the exit code (0 played, 1 failed, 130 interrupted).
  int run();

 private:
  void startThreads();
  void stopAll();
  bool handleEvents();  // false when playing cannot go on
  void waitForAudio(int sigfd);

  PlayOptions options_;
  CancelPtr cancel_;
  net::ChunkQueue chunks_{3};
  audio::ProgrammeBuffer programme_{2.0};
  audio::Mixer mixer_{programme_};
  EventQueue<net::StreamEvent> events_;
  std::unique_ptr<audio::Sink> sink_;
  std::thread fetcher_, decoder_;
  bool failed_ = false;
  bool anyAudio_ = false;
};

}  // namespace ml::app
