// The only file that includes portaudio.h: the device sink on PortAudio's callback API,
// and PortAudio's list of output devices.
#include <portaudio.h>
#include <pa_linux_alsa.h>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "audio/AudioFormat.h"
#include "audio/Sink.h"
#include "core/Log.h"
#include "core/Wakeup.h"

namespace ml::audio {

namespace {

// Runs `f` with stderr sent to /dev/null unless --verbose asks for everything. PortAudio's
// ALSA and JACK probing prints dozens of lines on stderr at Pa_Initialize, and ALSA says
// why a device it was asked for could not open; they are not for the listener.
template <typename F>
auto quietly(F&& f) {
  if (log::level() >= log::Level::Debug) return f();
  std::fflush(stderr);
  int saved = dup(2);
  int devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (saved >= 0 && devnull >= 0) dup2(devnull, 2);
  auto rc = f();
  std::fflush(stderr);
  if (saved >= 0) {
    dup2(saved, 2);
    close(saved);
  }
  if (devnull >= 0) close(devnull);
  return rc;
}

int initializeQuietly() {
  return quietly([] { return Pa_Initialize(); });
}

std::string noDeviceLine() {
  return "Geen audioapparaat gevonden. Gebruik --uitvoer BESTAND om naar een bestand te schrijven.";
}

// PortAudio's output device called `name` (and not a capture-only one), or paNoDevice.
PaDeviceIndex findOutput(const std::string& name) {
  const PaDeviceIndex count = Pa_GetDeviceCount();
  for (PaDeviceIndex i = 0; i < count; ++i) {
    const PaDeviceInfo* info = Pa_GetDeviceInfo(i);
    if (info != nullptr && info->maxOutputChannels > 0 && info->name != nullptr && name == info->name) return i;
  }
  return paNoDevice;
}

// The device sink. (Sessions 1 and 2 had a watchdog here that reopened the stream when
// the callback thread used more CPU than normal. Measured in session 3: those spells
// come and go by themselves, PulseAudio's own threads rise with ours at the same moments
// at an unchanged wake-up rate, and a reopened stream stays in the spell. It only cost an
// audible gap, so it went; see docs/benchmarks.md.)
class PortAudioSink final : public Sink {
 public:
  PortAudioSink(Mixer& mixer, DeviceChoice choice, DeviceRole role)
      : mixer_(mixer), choice_(std::move(choice)), latency_(deviceLatency(role)) {
    PaError rc = initializeQuietly();
    if (rc != paNoError) throw NoAudioDevice(noDeviceLine());
    initialized_ = true;
    switch (choice_.kind) {
      case DeviceChoice::Kind::Default:
        device_ = Pa_GetDefaultOutputDevice();
        if (device_ == paNoDevice) fail(noDeviceLine());
        openDevice();
        break;
      case DeviceChoice::Kind::PortAudio:
        device_ = findOutput(choice_.id);
        if (device_ == paNoDevice) {
          fail("Het geluidsapparaat '" + choice_.label + "' is er niet meer. 'meeluister apparaten' zegt welke er zijn.");
        }
        openDevice();
        break;
      case DeviceChoice::Kind::ServerSink:
        openServerSink();
        break;
    }
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
    if (stream_ == nullptr) return;
    closeStream();
    logUnderflows();
  }

  // A seek: Pa_AbortStream drops the device's buffer at once (no playing out); the
  // stream stays open and starts again in release().
  bool hold() override { return stream_ != nullptr && Pa_AbortStream(stream_) == paNoError; }
  void release() override {
    if (stream_ == nullptr) return;
    if (PaError rc = Pa_StartStream(stream_); rc != paNoError) {
      // The device watch notices a stream that does not run and ends the player.
      log::warn("het audioapparaat start niet opnieuw: {}", Pa_GetErrorText(rc));
    }
  }

  // For the on-demand speech sink: the stream stops and starts again, staying open.
  bool startStream() { return Pa_StartStream(stream_) == paNoError; }
  void stopStream() { Pa_StopStream(stream_); }

 private:
  void logUnderflows() {
    // Always said with --verbose (also when zero): bench/bench_speech.py counts them.
    const auto flagged = underflows_.exchange(0, std::memory_order_relaxed);
    log::debug("PortAudio: {} keer een onderloop van het apparaat, {} frames zonder programma", flagged,
               mixer_.underrunFrames());
  }

  [[noreturn]] void fail(const std::string& dutch) {
    stream_ = nullptr;
    Pa_Terminate();
    initialized_ = false;
    throw NoAudioDevice(dutch);
  }

  PaStreamParameters parameters() const {
    PaStreamParameters p{};
    p.channelCount = kChannels;
    p.sampleFormat = paFloat32;
    p.suggestedLatency = latency_;
    return p;
  }

  PaError openWith(const PaStreamParameters& p) {
    return quietly([&] {
      return Pa_OpenStream(&stream_, nullptr, &p, kSampleRate, paFramesPerBufferUnspecified, paNoFlag,
                           &PortAudioSink::callback, this);
    });
  }

  void openDevice() {
    const PaDeviceInfo* info = Pa_GetDeviceInfo(device_);
    PaStreamParameters p = parameters();
    p.device = device_;
    PaError rc = openWith(p);
    if (rc != paNoError) {
      const std::string what = choice_.isDefault() ? "Het audioapparaat" : "Het geluidsapparaat '" + choice_.label + "'";
      fail(what + " kon niet worden geopend (" + Pa_GetErrorText(rc) +
           "). Gebruik --uitvoer BESTAND om naar een bestand te schrijven.");
    }
    opened(info != nullptr ? info->name : "?");
  }

  // A sound server's sink: through ALSA's "pulse" device (libasound2-plugins; PulseAudio,
  // or PipeWire's pulse server) with its DEVICE argument, else through PipeWire's own
  // "pipewire" ALSA device (pipewire-alsa) with its NODE argument. Sink names are
  // [A-Za-z0-9._-] in PulseAudio; a name that would break the quotes is refused.
  void openServerSink() {
    if (choice_.id.find_first_of("\"'\\") != std::string::npos || choice_.id.empty()) {
      fail("Het geluidsapparaat '" + choice_.label + "' heeft een naam die meeluister niet kan doorgeven.");
    }
    if (Pa_HostApiTypeIdToHostApiIndex(paALSA) < 0) {
      fail("Een geluidsapparaat kiezen gaat via ALSA, en PortAudio heeft hier geen ALSA.");
    }
    for (const char* prefix : {"pulse:DEVICE=", "pipewire:NODE="}) {
      const std::string device = prefix + ("\"" + choice_.id + "\"");
      PaAlsaStreamInfo alsa;
      PaAlsa_InitializeStreamInfo(&alsa);
      alsa.deviceString = device.c_str();
      PaStreamParameters p = parameters();
      p.device = paUseHostApiSpecificDeviceSpecification;
      p.hostApiSpecificStreamInfo = &alsa;
      const PaError rc = openWith(p);
      if (rc == paNoError) return opened(device);
      stream_ = nullptr;
      log::debug("PortAudio: {} gaat niet open ({})", device, Pa_GetErrorText(rc));
    }
    if (findOutput("pulse") == paNoDevice && findOutput("pipewire") == paNoDevice) {
      fail("Het geluidsapparaat '" + choice_.label +
           "' is niet te bereiken: ALSA heeft geen koppeling met de geluidsserver (pakket libasound2-plugins of "
           "pipewire-alsa).");
    }
    fail("Het geluidsapparaat '" + choice_.label +
         "' kon niet worden geopend. Is het nog aangesloten? 'meeluister apparaten' zegt welke er zijn.");
  }

  void opened(const std::string& name) {
    const PaStreamInfo* si = Pa_GetStreamInfo(stream_);
    log::info("PortAudio: {} ({} ms uitvoervertraging)", name,
              si != nullptr ? static_cast<int>(si->outputLatency * 1000) : -1);
  }

  void closeStream() {
    if (stream_ == nullptr) return;
    Pa_StopStream(stream_);
    Pa_CloseStream(stream_);
    stream_ = nullptr;
  }

  // The device buffer decides how soon speech is heard after a key: 30 ms for speech (it
  // was 200 ms, most of the 265 ms from a key to speech at the sink; now about 75 ms);
  // 200 ms for a debate beside a speech stream of its own (see DeviceRole).
  // MEELUISTER_DEVICE_LATENCY_MS (10-1000) overrides the speech buffer, for benchmarks
  // (docs/benchmarks.md) and slow machines.
  static double deviceLatency(DeviceRole role) {
    if (role == DeviceRole::Debate) return 0.2;
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
  DeviceChoice choice_;
  double latency_;
  PaDeviceIndex device_ = paNoDevice;
  PaStream* stream_ = nullptr;
  bool initialized_ = false;
  std::atomic<unsigned> underflows_{0};
};

// meeluister's voice beside a debate (makeSpeechOnDemandSink): a Speech stream that runs
// only while there is speech. Its thread sleeps on the speech buffer's wakeup; speech
// queued starts the stream, one second without any stops it (Pa_StopStream plays out
// what the device holds). Only this thread starts and stops the stream.
class SpeechOnDemandSink final : public Sink {
 public:
  SpeechOnDemandSink(Mixer& mixer, SpeechBuffer& speech, const DeviceChoice& device)
      : speech_(speech), device_(mixer, device, DeviceRole::Speech) {}
  ~SpeechOnDemandSink() override { stop(); }

  void start() override {
    if (thread_.joinable()) return;
    quit_.store(false);
    speech_.setDataWakeup(&wakeup_);
    thread_ = std::thread([this] { run(); });
  }

  void stop() override {
    if (!thread_.joinable()) return;
    quit_.store(true);
    wakeup_.notify();
    thread_.join();
    speech_.setDataWakeup(nullptr);
    device_.stop();
  }

 private:
  void run() {
    using Clock = std::chrono::steady_clock;
    constexpr auto kIdle = std::chrono::seconds(1);
    bool running = false;
    auto lastSpeech = Clock::now();
    while (true) {
      // Looked at before the first wait too: speech may have been queued before start().
      const bool speech = speech_.active() || speech_.pending();
      if (speech) lastSpeech = Clock::now();
      if (speech && !running) {
        running = device_.startStream();
        if (running) log::debug("stem: stroom gestart");
        else log::warn("De stem van meeluister kon niet op het geluidsapparaat starten.");
      } else if (running && !speech && Clock::now() - lastSpeech > kIdle) {
        device_.stopStream();
        log::debug("stem: stroom gestopt");
        running = false;
      }
      pollfd p{wakeup_.fd(), POLLIN, 0};
      poll(&p, 1, running ? 100 : 1000);
      wakeup_.drain();
      if (quit_.load()) break;
    }
  }

  SpeechBuffer& speech_;
  PortAudioSink device_;
  Wakeup wakeup_;
  std::atomic<bool> quit_{false};
  std::thread thread_;
};

}  // namespace

std::unique_ptr<Sink> makeDeviceSink(Mixer& mixer, const DeviceChoice& device, DeviceRole role) {
  return std::make_unique<PortAudioSink>(mixer, device, role);
}

std::unique_ptr<Sink> makeSpeechOnDemandSink(Mixer& mixer, SpeechBuffer& speech, const DeviceChoice& device) {
  return std::make_unique<SpeechOnDemandSink>(mixer, speech, device);
}

std::vector<OutputDevice> portAudioDevices() {
  std::vector<OutputDevice> out;
  if (initializeQuietly() != paNoError) return out;
  const PaDeviceIndex fallback = Pa_GetDefaultOutputDevice();
  const PaDeviceIndex count = Pa_GetDeviceCount();
  for (PaDeviceIndex i = 0; i < count; ++i) {
    const PaDeviceInfo* info = Pa_GetDeviceInfo(i);
    if (info == nullptr || info->maxOutputChannels <= 0 || info->name == nullptr) continue;
    OutputDevice d;
    d.id = info->name;
    d.label = info->name;
    const PaHostApiInfo* api = Pa_GetHostApiInfo(info->hostApi);
    if (api != nullptr && api->type != paALSA && api->name != nullptr) d.label += std::string(" (") + api->name + ")";
    d.isDefault = i == fallback;
    // The same name under two host APIs: only the first can be opened by name.
    if (std::none_of(out.begin(), out.end(), [&](const OutputDevice& o) { return o.id == d.id; })) {
      out.push_back(std::move(d));
    }
  }
  Pa_Terminate();
  return out;
}

}  // namespace ml::audio
