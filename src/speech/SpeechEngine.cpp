#include "speech/SpeechEngine.h"

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <vector>

#include "audio/AudioFormat.h"
#include "core/Log.h"
#include "core/Paths.h"
#include "lib/espeak/EspeakSynth.h"
#include "speech/Resampler.h"
#include "speech/SpeedUp.h"
#include "text/DutchNormalizer.h"

namespace ml::speech {
namespace {

constexpr int kEspeakMaxRate = 450;

}  // namespace

// Only the engine thread touches these.
struct SpeechEngine::Tools {
  espeak::EspeakSynth synth;
  std::unique_ptr<SpeedUp> speedUp;
  std::unique_ptr<Resampler> resampler;
  int appliedRate = -1, appliedPitch = -1, appliedVolume = -1;
};

SpeechEngine::SpeechEngine(audio::SpeechBuffer& out, SpeechOptions options)
    : out_(out),
      options_(std::move(options)),
      rate_(std::clamp(options_.rate, kMinRate, kMaxRate)),
      pitch_(std::clamp(options_.pitch, 0, 100)),
      volume_(std::clamp(options_.volume, 0, 200)) {
  if (options_.voiceFile.empty()) options_.voiceFile = paths::dataDir() / "voices" / "meeluister-nl";
  thread_ = std::thread([this] { run(); });
  std::unique_lock lock(mutex_);
  idleCv_.wait(lock, [this] { return started_; });
  if (!startError_.empty()) {
    lock.unlock();
    thread_.join();
    throw std::runtime_error(startError_);
  }
}

SpeechEngine::~SpeechEngine() {
  {
    std::lock_guard lock(mutex_);
    quit_ = true;
    queue_.clear();
    out_.flush();
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  out_.setActive(false);
}

bool SpeechEngine::say(std::string text, Priority priority, std::string shortText) {
  {
    std::lock_guard lock(mutex_);
    auto d = queue_.push({priority, std::move(text), std::move(shortText)}, playing_);
    if (!d.accepted) return false;
    if (d.interruptCurrent) out_.flush();
    out_.setActive(true);
  }
  wake_.notify_one();
  return true;
}

void SpeechEngine::stop() {
  std::lock_guard lock(mutex_);
  queue_.clear();
  out_.flush();
  if (!playing_) out_.setActive(false);
}

void SpeechEngine::setRate(int wordsPerMinute) { rate_.store(std::clamp(wordsPerMinute, kMinRate, kMaxRate)); }
void SpeechEngine::setPitch(int pitch) { pitch_.store(std::clamp(pitch, 0, 100)); }
void SpeechEngine::setVolume(int volume) { volume_.store(std::clamp(volume, 0, 200)); }

void SpeechEngine::setOnUtteranceStart(UtteranceStart hook) {
  std::lock_guard lock(mutex_);
  onStart_ = std::move(hook);
}

bool SpeechEngine::idle() const {
  std::lock_guard lock(mutex_);
  return !playing_ && queue_.empty();
}

bool SpeechEngine::waitIdle(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return idleCv_.wait_for(lock, timeout, [this] { return !playing_ && queue_.empty(); });
}

std::string SpeechEngine::voiceName() const {
  std::lock_guard lock(mutex_);
  return voiceName_;
}

std::string SpeechEngine::describe() const { return "eSpeak NG, stem " + voiceName(); }

void SpeechEngine::run() {
  std::unique_ptr<Tools> own;
  try {
    own = std::make_unique<Tools>();
    std::string name = own->synth.selectVoice(options_.voiceFile, options_.mbrolaVoice);
    own->speedUp = std::make_unique<SpeedUp>(own->synth.sampleRate());
    own->resampler = std::make_unique<Resampler>(own->synth.sampleRate(), audio::kSampleRate);
    std::lock_guard lock(mutex_);
    voiceName_ = name;
    started_ = true;
  } catch (const std::exception& e) {
    std::lock_guard lock(mutex_);
    startError_ = e.what();
    started_ = true;
  }
  idleCv_.notify_all();
  if (own == nullptr || own->resampler == nullptr) return;

  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return quit_ || !queue_.empty(); });
    if (quit_) break;
    Utterance u = *queue_.pop();
    playing_ = u.priority;
    const std::uint64_t gen = out_.generation();  // under the lock: stop() cannot slip in between
    const UtteranceStart hook = onStart_;
    lock.unlock();
    announce(hook, u.text);
    speakOne(*own, u.text, gen);
    lock.lock();
    playing_.reset();
    if (queue_.empty()) {
      out_.setActive(false);
      idleCv_.notify_all();
    }
  }
}

void SpeechEngine::announce(const UtteranceStart& hook, const std::string& text) {
  if (!hook) return;
  try {
    hook(text);
  } catch (const std::exception& e) {
    log::warn("fout bij het begin van een zin: {}", e.what());
  }
}

void SpeechEngine::applySettings(Tools& t) {
  const int rate = rate_.load();
  if (rate != t.appliedRate) {
    t.synth.setRate(std::min(rate, kEspeakMaxRate));
    t.speedUp->setFactor(rate > kEspeakMaxRate ? static_cast<float>(rate) / kEspeakMaxRate : 1.0f);
    t.appliedRate = rate;
  }
  if (pitch_.load() != t.appliedPitch) t.synth.setPitch(t.appliedPitch = pitch_.load());
  if (volume_.load() != t.appliedVolume) t.synth.setVolume(t.appliedVolume = volume_.load());

}

void SpeechEngine::speakOne(Tools& t, const std::string& text, std::uint64_t gen) {
  std::string plain = text;
  if (options_.normalize) {
    try {
      plain = text::DutchNormalizer::standard().normalize(text);
    } catch (const std::exception& e) {
      log::warn("normaliseren mislukt, de tekst gaat ongewijzigd naar de stem: {}", e.what());
    }
  }
  applySettings(t);

  std::vector<short> fast;
  std::vector<float> stereo;
  auto deliver = [&]() {
    bool ok = out_.write(stereo.data(), stereo.size() / 2, gen);
    stereo.clear();
    fast.clear();
    return ok;
  };
  bool ok = t.synth.speak(plain, [&](const short* samples, std::size_t count) {
    if (out_.generation() != gen) return false;  // stopped: abort synthesis now
    t.speedUp->process(samples, count, fast);
    t.resampler->process(fast.data(), fast.size(), stereo);
    return deliver();
  });
  if (ok && out_.generation() == gen) {
    t.speedUp->flush(fast);
    t.resampler->process(fast.data(), fast.size(), stereo);
    t.resampler->flush(stereo);
    ok = deliver();
    out_.endUtterance(gen);
  }
  if (!ok || out_.generation() != gen) {
    t.speedUp->reset();
    t.resampler->reset();
  }
}

}  // namespace ml::speech
