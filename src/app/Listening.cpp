#include "app/Listening.h"

#include "core/Log.h"

namespace ml::app {

SessionEnd listenTo(SessionOptions options, UiContext& ctx) {
  // The Session reads the signalfd itself, also while the stream opens (Player::open polls
  // it): no watch may end the process under it, or the resume point would not be saved.
  const bool watched = ctx.signalWatch != nullptr;
  options.play.device = ctx.devices.debate;
  // Speech on its own device only when meeluister's own voice (eSpeak NG, through the
  // speech ring) speaks; speech-dispatcher plays where it plays.
  if (ctx.devices.speech && ctx.speech && ctx.settings.backend == SpeechBackend::Espeak) {
    options.play.speechDevice = ctx.devices.speech;
  }
  ctx.loopReadsSignals();
  SessionEnd end;
  {
    Session session(std::move(options), *ctx.output, ctx.terminal.get(), ctx.keys, ctx.speech.get(), ctx.signalFd);
    end = session.run();
  }
  if (watched) ctx.watchSignals();  // back in the day's list, which may fetch again
  return end;
}

SpeechOnlyAudio::SpeechOnlyAudio(UiContext& ctx) {
  if (!ctx.output->voiced() || !ctx.speech || ctx.settings.backend != SpeechBackend::Espeak) return;
  programme_.markEnded();
  mixer_ = std::make_unique<audio::Mixer>(programme_, *ctx.speech);
  try {
    sink_ = audio::makeDeviceSink(*mixer_, ctx.devices.forSpeech());
    sink_->start();
  } catch (const std::exception& e) {
    sink_.reset();
    log::warn("{}", e.what());
  }
}

SpeechOnlyAudio::~SpeechOnlyAudio() {
  if (sink_) sink_->stop();
}

}  // namespace ml::app
