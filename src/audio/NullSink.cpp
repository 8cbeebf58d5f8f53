#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "audio/AudioFormat.h"
#include "audio/Sink.h"

namespace ml::audio {
namespace {

// A device that is not there: pulls 20 ms blocks on a steady clock.
class NullSink final : public Sink {
 public:
  explicit NullSink(Mixer& mixer) : mixer_(mixer) {}
  ~NullSink() override { stop(); }
  void start() override {
    thread_ = std::thread([this] { run(); });
  }
  void stop() override {
    stopping_.store(true);
    cancel_.cancel();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void run() {
    constexpr std::size_t kBlock = kSampleRate / 50;
    std::vector<float> block(kBlock * kChannels);
    auto next = std::chrono::steady_clock::now();
    while (!stopping_.load()) {
      mixer_.render(block.data(), kBlock);
      next += std::chrono::milliseconds(20);
      cancel_.sleepFor(next - std::chrono::steady_clock::now());
    }
  }
  Mixer& mixer_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  CancelToken cancel_;
};

}  // namespace

std::unique_ptr<Sink> makeNullSink(Mixer& mixer) { return std::make_unique<NullSink>(mixer); }

}  // namespace ml::audio
