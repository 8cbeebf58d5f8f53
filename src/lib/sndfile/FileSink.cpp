// The only file that includes sndfile.h: writes the mix to WAV or FLAC.
#include <poll.h>
#include <sndfile.h>

#include <atomic>
#include <thread>
#include <vector>

#include "audio/AudioFormat.h"
#include "audio/Sink.h"
#include "core/Log.h"

namespace ml::audio {
namespace {

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Runs its own thread: waits until the decoder wrote (eventfd), renders what is there,
// writes it. Faster than real time when the source is.
class FileSink final : public Sink {
 public:
  FileSink(Mixer& mixer, ProgrammeBuffer& programme, const std::string& path)
      : mixer_(mixer), programme_(programme), path_(path) {
    SF_INFO info{};
    info.samplerate = kSampleRate;
    info.channels = kChannels;
    info.format = endsWith(path, ".flac") ? (SF_FORMAT_FLAC | SF_FORMAT_PCM_16)
                                          : (SF_FORMAT_WAV | SF_FORMAT_PCM_16);
    file_ = sf_open(path.c_str(), SFM_WRITE, &info);
    if (file_ == nullptr) {
      throw std::runtime_error("Kan het bestand '" + path + "' niet schrijven: " + sf_strerror(nullptr));
    }
  }
  ~FileSink() override {
    stop();
    sf_close(file_);
  }

  void start() override {
    thread_ = std::thread([this] { run(); });
  }
  void stop() override {
    stopping_.store(true);
    stopWakeup_.notify();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void run() {
    std::vector<float> block(4096 * kChannels);
    programme_.watchData(true);
    while (!stopping_.load() && !mixer_.finished()) {
      std::size_t n = mixer_.renderAvailable(block.data(), 4096);
      if (n > 0) {
        sf_writef_float(file_, block.data(), static_cast<sf_count_t>(n));
        continue;
      }
      if (mixer_.finished()) break;
      pollfd fds[2] = {{programme_.dataWakeup().fd(), POLLIN, 0}, {stopWakeup_.fd(), POLLIN, 0}};
      // Also wake now and then: the stop limit may be reached by another route.
      poll(fds, 2, 500);
      programme_.dataWakeup().drain();
    }
    programme_.watchData(false);
    sf_write_sync(file_);
  }

  Mixer& mixer_;
  ProgrammeBuffer& programme_;
  std::string path_;
  SNDFILE* file_ = nullptr;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  Wakeup stopWakeup_;
};

}  // namespace

std::unique_ptr<Sink> makeFileSink(Mixer& mixer, ProgrammeBuffer& programme, const std::string& path) {
  return std::make_unique<FileSink>(mixer, programme, path);
}

}  // namespace ml::audio
