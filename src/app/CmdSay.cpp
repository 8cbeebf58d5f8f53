// meeluister say TEXT [--output FILE] [--rate WPM] [--pitch N] [--volume N]: speaks TEXT in
// Dutch through the sound device, or into a WAV/FLAC file. Ctrl+C silences it at once.
#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <fmt/core.h>

#include <cerrno>
#include <cmath>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "app/Args.h"
#include "audio/AudioFormat.h"
#include "audio/Mixer.h"
#include "audio/ProgrammeBuffer.h"
#include "audio/Sink.h"
#include "audio/SpeechBuffer.h"
#include "core/Time.h"
#include "speech/SpeechEngine.h"
#include "ui/Lines.h"

namespace ml::app {

int cmdSay(const std::vector<std::string>& args);

namespace {

const ArgSpec kSaySpec{{"output", "rate", "pitch", "volume"}, {}};

int wholeNumber(const Args& a, const std::string& name, int lo, int hi, int fallback, const char* what) {
  auto v = a.number(name);
  if (!v) return fallback;
  if (*v < lo || *v > hi || std::floor(*v) != *v) {
    throw UsageError(fmt::format("--{} verwacht {} van {} tot {}.", name, what, lo, hi));
  }
  return static_cast<int>(*v);
}

// SIGINT/SIGTERM as a readable fd; blocked before the speech thread starts, so it inherits the mask.
int blockedSignalFd() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
}

// Waits until the mixer has played everything, or a signal came (true).
bool waitUntilSpoken(audio::Mixer& mixer, int sigfd) {
  while (!mixer.finished()) {
    pollfd fds[2] = {{mixer.finishedWakeup().fd(), POLLIN, 0}, {sigfd, POLLIN, 0}};
    if (poll(fds, sigfd >= 0 ? 2 : 1, 500) < 0 && errno != EINTR) return false;
    if (sigfd >= 0 && (fds[1].revents & POLLIN) != 0) return true;
  }
  return false;
}

}  // namespace

int cmdSay(const std::vector<std::string>& args) {
  Args a(args, kSaySpec);
  std::string text;
  for (const auto& p : a.positional()) text += (text.empty() ? "" : " ") + p;
  if (text.empty()) {
    throw UsageError(
        "Geef de tekst die uitgesproken moet worden: meeluister say TEKST [--output BESTAND] [--rate WOORDEN] "
        "[--pitch 0-100] [--volume 0-200].");
  }
  speech::SpeechOptions so;
  so.rate = wholeNumber(a, "rate", speech::kMinRate, speech::kMaxRate, so.rate, "een aantal woorden per minuut");
  so.pitch = wholeNumber(a, "pitch", 0, 100, so.pitch, "een toonhoogte");
  so.volume = wholeNumber(a, "volume", 0, 200, so.volume, "een volume");
  const auto output = a.value("output");

  int sigfd = blockedSignalFd();
  audio::ProgrammeBuffer programme(0.1);
  programme.markEnded();  // no debate: speech only
  audio::SpeechBuffer speechBuffer(1.0);
  speechBuffer.setDataWakeup(&programme.dataWakeup());
  audio::Mixer mixer(programme, speechBuffer);
  // eSpeak NG and the normaliser load while the device opens (both take tens of ms).
  auto starting = std::async(std::launch::async, [&] {
    auto e = std::make_unique<speech::SpeechEngine>(speechBuffer, so);
    e->say(text, speech::Priority::Reply);
    return e;
  });
  speechBuffer.setActive(true);  // speech is coming: the mixer must not finish before it

  std::unique_ptr<audio::Sink> sink;
  try {
    sink = output ? audio::makeFileSink(mixer, programme, *output) : audio::makeDeviceSink(mixer);
    sink->start();
  } catch (const std::exception& e) {
    starting.get()->stop();
    sink.reset();
    ui::line(e.what());
    if (sigfd >= 0) close(sigfd);
    return 1;
  }
  std::unique_ptr<speech::SpeechEngine> engine = starting.get();  // rethrows a start failure
  const bool interrupted = waitUntilSpoken(mixer, sigfd);
  if (interrupted) {
    engine->stop();
    ui::line("Gestopt.");
  } else if (!output) {
    usleep(150000);  // let the device play out what it holds
  }
  sink->stop();
  if (sigfd >= 0) close(sigfd);
  if (interrupted) return 130;
  if (output) {
    const double seconds = static_cast<double>(mixer.speechFramesPlayed()) / audio::kSampleRate;
    ui::line(fmt::format("Opgeslagen in {} ({} spraak).", *output, dutchDuration(seconds)));
  }
  return 0;
}

}  // namespace ml::app
