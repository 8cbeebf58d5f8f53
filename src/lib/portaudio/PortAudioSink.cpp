// The only file that includes portaudio.h: the device sink on PortAudio's callback API.
#include <portaudio.h>

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "audio/AudioFormat.h"
#include "audio/Sink.h"
#include "core/Log.h"

namespace ml::audio {

namespace {

// PortAudio's ALSA and JACK probing prints dozens of lines on stderr at Pa_Initialize;
// they are not for the listener. They are silenced unless --verbose asks for them.
int initializeQuietly() {
  if (log::level() >= log::Level::Debug) return Pa_Initialize();
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

// The device sink. (Sessions 1 and 2 had a watchdog here that reopened the stream when
// the callback thread used more CPU than normal. Measured in session 3: those spells
// come and go by themselves, PulseAudio's own threads rise with ours at the same moments
// at an unchanged wake-up rate, and a reopened stream stays in the spell. It only cost an
// audible gap, so it went; see docs/benchmarks.md.)
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
    PaError rc = Pa_StartStream(stream_);
    if (rc != paNoError) {
      throw NoAudioDevice(std::string("Het audioapparaat start niet (") + Pa_GetErrorText(rc) + ").");
    }
  }

  void stop() override {
    closeStream();
    // Always said with --verbose (also when zero): bench/bench_speech.py counts them.
    const auto flagged = underflows_.exchange(0, std::memory_order_relaxed);
    log::debug("PortAudio: {} keer een onderloop van het apparaat, {} frames zonder programma", flagged,
               mixer_.underrunFrames());
  }

 private:
  void open() {
    const PaDeviceInfo* info = Pa_GetDeviceInfo(device_);
    PaStreamParameters p{};
    p.device = device_;
    p.channelCount = kChannels;
    p.sampleFormat = paFloat32;
    p.suggestedLatency = deviceLatency();
    PaError rc = Pa_OpenStream(&stream_, nullptr, &p, kSampleRate, paFramesPerBufferUnspecified,
                               paNoFlag, &PortAudioSink::callback, this);
    if (rc != paNoError) {
      stream_ = nullptr;
      Pa_Terminate();
      initialized_ = false;
      throw NoAudioDevice(std::string("Het audioapparaat kon niet worden geopend (") +
                          Pa_GetErrorText(rc) + "). Gebruik --uitvoer BESTAND om naar een bestand te schrijven.");
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

  // The device buffer decides how soon speech is heard after a key: 30 ms (it was 200 ms,
  // most of the 265 ms from a key to speech at the sink; now about 75 ms). MEELUISTER_DEVICE_LATENCY_MS
  // (10-1000) overrides it, for benchmarks (docs/benchmarks.md) and slow machines.
  static double deviceLatency() {
    constexpr double kDefault = 0.03;
    const char* env = std::getenv("MEELUISTER_DEVICE_LATENCY_MS");
    if (env == nullptr || *env == '\0') return kDefault;
    char* end = nullptr;
    const long ms = std::strtol(env, &end, 10);
    if (*end != '\0' || ms < 10 || ms > 1000) {
      log::warn("MEELUISTER_DEVICE_LATENCY_MS verwacht 10 tot 1000; {} ms gebruikt", static_cast<int>(kDefault * 1000));
      return kDefault;
    }
    return static_cast<double>(ms) / 1000.0;
  }

  static std::string noDeviceLine() {
    return "Geen audioapparaat gevonden. Gebruik --uitvoer BESTAND om naar een bestand te schrijven.";
  }

  // Runs on PortAudio's real-time thread: only Mixer::render, which never blocks, and a
  // relaxed atomic count of underruns (logged with --verbose when the stream stops).
  static int callback(const void*, void* output, unsigned long frames, const PaStreamCallbackTimeInfo*,
                      PaStreamCallbackFlags flags, void* self) noexcept {
    auto* sink = static_cast<PortAudioSink*>(self);
    if ((flags & paOutputUnderflow) != 0) sink->underflows_.fetch_add(1, std::memory_order_relaxed);
    sink->mixer_.render(static_cast<float*>(output), frames);
    return paContinue;
  }

  Mixer& mixer_;
  PaDeviceIndex device_ = paNoDevice;
  PaStream* stream_ = nullptr;
  bool initialized_ = false;
  std::atomic<unsigned> underflows_{0};
};

}  // namespace

std::unique_ptr<Sink> makeDeviceSink(Mixer& mixer) { return std::make_unique<PortAudioSink>(mixer); }

}  // namespace ml::audio
