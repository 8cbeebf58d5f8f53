// The only file that includes portaudio.h: the device sink on PortAudio's callback API.
#include <portaudio.h>

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "audio/AudioFormat.h"
#include "audio/Sink.h"
#include "core/Log.h"

namespace ml::audio {

void trimAlsaEnumeration();  // AlsaTrim.cpp
int jackClientsRefused();    // AlsaTrim.cpp

namespace {

// PortAudio's ALSA and JACK probing prints dozens of lines on stderr at Pa_Initialize;
// they are not for the listener. They are silenced unless --verbose asks for them.
int initializeQuietly() {
  trimAlsaEnumeration();
  if (log::level() >= log::Level::Debug) {
    int rc = Pa_Initialize();
    log::debug("JACK: {} keer geen client geopend (meeluister speelt op het standaardapparaat)",
               jackClientsRefused());
    return rc;
  }
  std::fflush(stderr);
  int saved = dup(2);
  int devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (saved >= 0 && devnull >= 0) dup2(devnull, 2);
  int rc = Pa_Initialize();
  if (saved >= 0) {
    dup2(saved, 2);
    close(saved);
  }
  if (devnull >= 0) close(devnull);
  return rc;
}

// CPU seconds (user + system) one thread of this process has used so far; -1 if unknown.
double threadCpuSeconds(long tid) {
  std::ifstream f("/proc/self/task/" + std::to_string(tid) + "/stat");
  std::ostringstream all;
  all << f.rdbuf();
  const std::string text = all.str();
  const auto close = text.rfind(')');
  if (close == std::string::npos) return -1.0;
  std::istringstream rest(text.substr(close + 2));
  std::string field;
  long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 14) utime = std::stol(field);
    if (i == 15) stime = std::stol(field);
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// The device sink, with a watchdog. Through ALSA's PulseAudio plugin the callback thread
// has been seen, after an ALSA underrun on a busy machine, to stay in a state where it
// and the plugin's main-loop thread each burn ~3 % of a core for the rest of the run
// (normal: ~0.4 %). The watchdog thread reads the callback thread's CPU time once a
// second. It first learns the thread's own normal share (the kBaselineSeconds after the
// first kSettleSeconds: a slow machine or a sanitizer build has a higher one); when the
// share then stays above both kSpinShare and kSpinFactor times that normal share for
// kSpinSeconds, the stream is closed and
// opened afresh (a new PCM handle, a new PulseAudio stream), which ends that state at
// the cost of one short gap; at most once per kReopenGap. The watchdog never touches
// the callback's data.
class PortAudioSink final : public Sink {
 public:
  explicit PortAudioSink(Mixer& mixer) : mixer_(mixer) {
    PaError rc = initializeQuietly();
    if (rc != paNoError) throw NoAudioDevice(noDeviceLine());
    initialized_ = true;
    device_ = Pa_GetDefaultOutputDevice();
    if (device_ == paNoDevice) {
      Pa_Terminate();
      initialized_ = false;
      throw NoAudioDevice(noDeviceLine());
    }
    open();
  }
  ~PortAudioSink() override {
    stop();
    if (initialized_) Pa_Terminate();
  }

  // Starting is separate from opening: the player opens the device while the network
  // works, and starts it when there is audio, so no buffer of silence goes first.
  void start() override {
    {
      std::lock_guard lock(mutex_);
      PaError rc = Pa_StartStream(stream_);
      if (rc != paNoError) {
        throw NoAudioDevice(std::string("Het audioapparaat start niet (") + Pa_GetErrorText(rc) + ").");
      }
      stopping_ = false;
    }
    watchdog_ = std::thread([this] { watch(); });
  }

  void stop() override {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (watchdog_.joinable()) watchdog_.join();
    std::lock_guard lock(mutex_);
    closeStream();
  }

 private:
  // Normal runs have short bursts well above the average (a 3 s window over 1.5 % gave
  // false alarms, each an audible gap), so the spin must last: 20 s above 2.5 % and six
  // times the thread's own normal share (the state seen was ~3 % for the rest of a run).
  static constexpr double kSpinShare = 0.025;  // of one core, for the callback thread
  static constexpr double kSpinFactor = 6.0;   // times the thread's own normal share
  static constexpr std::size_t kSpinSeconds = 20;
  static constexpr std::size_t kSettleSeconds = 2;
  static constexpr std::size_t kBaselineSeconds = 4;
  static constexpr std::chrono::seconds kReopenGap{30};  // a cause that stays is not chased

  void open() {
    const PaDeviceInfo* info = Pa_GetDeviceInfo(device_);
    PaStreamParameters p{};
    p.device = device_;
    p.channelCount = kChannels;
    p.sampleFormat = paFloat32;
    p.suggestedLatency = 0.2;
    PaError rc = Pa_OpenStream(&stream_, nullptr, &p, kSampleRate, paFramesPerBufferUnspecified,
                               paNoFlag, &PortAudioSink::callback, this);
    if (rc != paNoError) {
      stream_ = nullptr;
      Pa_Terminate();
      initialized_ = false;
      throw NoAudioDevice(std::string("Het audioapparaat kon niet worden geopend (") +
                          Pa_GetErrorText(rc) + "). Gebruik --output BESTAND om naar een bestand te schrijven.");
    }
    const PaStreamInfo* si = Pa_GetStreamInfo(stream_);
    log::info("PortAudio: {} ({} ms uitvoervertraging)", info != nullptr ? info->name : "?",
              si != nullptr ? static_cast<int>(si->outputLatency * 1000) : -1);
  }

  void closeStream() {
    if (stream_ == nullptr) return;
    Pa_StopStream(stream_);
    Pa_CloseStream(stream_);
    stream_ = nullptr;
  }

  // Watchdog thread: once a second, the callback thread's CPU use over the last
  // kSpinSeconds (clock ticks are 10 ms, so short windows are too coarse).
  void watch() {
    std::array<double, kSpinSeconds + 1> history{};
    std::size_t samples = 0;
    long lastTid = 0;
    double settled = -1.0;   // the thread's CPU seconds after kSettleSeconds
    double baseline = -1.0;  // its normal share of a core, once learnt
    auto lastReopen = std::chrono::steady_clock::now() - kReopenGap;
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; })) {
      const auto flagged = underflows_.exchange(0, std::memory_order_relaxed);
      if (flagged > 0) log::debug("PortAudio: onderloop van het apparaat ({} keer)", flagged);
      const long tid = callbackTid_.load(std::memory_order_relaxed);
      const double now = tid != 0 ? threadCpuSeconds(tid) : -1.0;
      if (tid != lastTid || now < 0.0) {  // a new thread: start counting again
        samples = 0;
        settled = baseline = -1.0;
      }
      lastTid = tid;
      if (now < 0.0) continue;
      history[samples % history.size()] = now;
      ++samples;
      if (samples == kSettleSeconds) settled = now;
      if (samples == kSettleSeconds + kBaselineSeconds && settled >= 0.0) {
        baseline = (now - settled) / static_cast<double>(kBaselineSeconds);
        log::debug("PortAudio: audiothread gebruikt normaal {:.2f} % van een kern", baseline * 100);
      }
      if (baseline < 0.0 || samples <= kSpinSeconds) continue;
      const double share = (now - history[samples % history.size()]) / static_cast<double>(kSpinSeconds);
      const auto sinceReopen = std::chrono::steady_clock::now() - lastReopen;
      if (share > kSpinShare && share > kSpinFactor * baseline && sinceReopen > kReopenGap) {
        reopen();
        lastReopen = std::chrono::steady_clock::now();
        samples = 0;
        lastTid = 0;
        settled = baseline = -1.0;
      }
    }
  }

  // Watchdog thread, mutex held: a fresh stream in place of the spinning one.
  void reopen() {
    log::info("PortAudio: de audiothread gebruikt te veel processortijd; het apparaat wordt opnieuw geopend");
    closeStream();
    callbackTid_.store(0, std::memory_order_relaxed);
    try {
      open();
      PaError rc = Pa_StartStream(stream_);
      if (rc != paNoError) log::warn("PortAudio: herstart mislukt ({})", Pa_GetErrorText(rc));
    } catch (const std::exception& e) {
      log::warn("PortAudio: opnieuw openen mislukt: {}", e.what());
    }
  }

  static std::string noDeviceLine() {
    return "Geen audioapparaat gevonden. Gebruik --output BESTAND om naar een bestand te schrijven.";
  }

  // Runs on PortAudio's real-time thread: only Mixer::render, which never blocks, and
  // relaxed atomic stores for the watchdog.
  static int callback(const void*, void* output, unsigned long frames, const PaStreamCallbackTimeInfo*,
                      PaStreamCallbackFlags flags, void* self) noexcept {
    auto* sink = static_cast<PortAudioSink*>(self);
    if (sink->callbackTid_.load(std::memory_order_relaxed) == 0) {
      sink->callbackTid_.store(static_cast<long>(syscall(SYS_gettid)), std::memory_order_relaxed);
    }
    if ((flags & paOutputUnderflow) != 0) sink->underflows_.fetch_add(1, std::memory_order_relaxed);
    sink->mixer_.render(static_cast<float*>(output), frames);
    return paContinue;
  }

  Mixer& mixer_;
  PaDeviceIndex device_ = paNoDevice;
  PaStream* stream_ = nullptr;  // guarded by mutex_ once started
  bool initialized_ = false;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = true;  // guarded by mutex_
  std::thread watchdog_;
  std::atomic<long> callbackTid_{0};
  std::atomic<unsigned> underflows_{0};
};

}  // namespace

std::unique_ptr<Sink> makeDeviceSink(Mixer& mixer) { return std::make_unique<PortAudioSink>(mixer); }

}  // namespace ml::audio
