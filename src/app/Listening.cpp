#include "app/Listening.h"

#include "core/Log.h"

namespace ml::app {

SessionEnd listenTo(SessionOptions options, UiContext& ctx) {
  Session session(std::move(options), *ctx.output, ctx.terminal.get(), ctx.keys, ctx.speech.get(), ctx.signalFd);
  return session.run();
}

SpeechOnlyAudio::SpeechOnlyAudio(UiContext& ctx) {
  if (!ctx.output->voiced() || !ctx.speech || ctx.settings.backend != SpeechBackend::Espeak) return;
  programme_.markEnded();
  mixer_ = std::make_unique<audio::Mixer>(programme_, *ctx.speech);
  try {
    sink_ = audio::makeDeviceSink(*mixer_);
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
