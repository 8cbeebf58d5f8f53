#include "decode/DecoderThread.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "audio/AudioFormat.h"
#include "core/Log.h"
#include "core/Time.h"

namespace ml::decode {

using net::MediaChunk;
using net::StreamEvent;

void DecoderThread::run() noexcept {
  try {
    ffmpeg::AudioDecoder decoder(*cancel_);
    while (!cancel_->cancelled() && !ended_) {
      std::optional<MediaChunk> c = carry_ ? std::exchange(carry_, std::nullopt) : in_.pop();
      if (c && c->kind == MediaChunk::Kind::End) fetcherFailed_ = c->failed;
      if (!c || c->kind == MediaChunk::Kind::End) break;
      if (c->kind == MediaChunk::Kind::Stream) {
        decodeStream(decoder, std::move(*c));
        continue;
      }
      auto skip = static_cast<std::size_t>(c->skipSeconds * audio::kSampleRate);
      auto output = [&](const float* frames, std::size_t n) {
        std::size_t drop = std::min(skip, n);
        skip -= drop;
        return emit(frames + drop * audio::kChannels, n - drop);
      };
      if (c->discontinuity) stage_.reset();  // a seek or a new start: old audio is not wanted
      try {
        std::string_view init = c->init ? std::string_view(*c->init) : std::string_view();
        decoder.decodeSegment(init, c->data, c->discontinuity, output);
      } catch (const ffmpeg::DecodeError& e) {
        log::info("segment {} niet te decoderen: {}", c->sequence, e.what());
        decodeFailed(e.what(), c->duration);
      }
    }
  } catch (const std::exception& e) {
    gaveUp_ = true;
    events_.push({StreamEvent::Kind::Failed, std::string("decoderen mislukt: ") + e.what(), 0});
  }
  if (!cancel_->cancelled()) {
    flushSpeed();
    if (framesOut_ == 0 && !fetcherFailed_ && !gaveUp_) {
      events_.push({StreamEvent::Kind::Failed, "er kwam geen afspeelbaar geluid binnen", 0});
    }
  }
  out_.markEnded();
}

// A piece could not be decoded: told once, then at most every 30 s; and when nothing
// decodable came for giveUpSeconds, playing stops with Failed.
void DecoderThread::decodeFailed(const std::string& what, double seconds) {
  auto now = std::chrono::steady_clock::now();
  if (!lastErrorLine_ || now - *lastErrorLine_ >= std::chrono::seconds(30)) {
    lastErrorLine_ = now;
    events_.push({StreamEvent::Kind::DecodeError, what, seconds});
  }
  if (!gaveUp_ && now - lastAudio_ >= std::chrono::duration<double>(giveUpSeconds)) {
    gaveUp_ = true;
    events_.push({StreamEvent::Kind::Failed,
                  "al " + dutchDuration(giveUpSeconds) + " geen afspeelbaar geluid; de stream is beschadigd", 0});
    cancel_->cancel();
  }
}

// A continuous stream: the decoder reads chunk after chunk until the stream ends or a
// discontinuity (reconnect) asks for a fresh start.
void DecoderThread::decodeStream(ffmpeg::AudioDecoder& decoder, MediaChunk first) {
  std::optional<MediaChunk> current = std::move(first);
  std::size_t offset = 0;
  bool started = false;
  auto reader = [&](std::uint8_t* buf, std::size_t size) -> std::size_t {
    while (true) {
      // After the end or a read-ahead chunk, FFmpeg may ask again: it gets the end again.
      if (cancel_->cancelled() || ended_ || carry_) return 0;
      if (current && offset < current->data.size()) {
        std::size_t n = std::min(size, current->data.size() - offset);
        std::memcpy(buf, current->data.data() + offset, n);
        offset += n;
        started = true;
        return n;
      }
      std::optional<MediaChunk> next = in_.pop();
      if (!next || next->kind == MediaChunk::Kind::End) {
        ended_ = true;
        return 0;
      }
      if (next->kind != MediaChunk::Kind::Stream || (next->discontinuity && started)) {
        carry_ = std::move(next);
        return 0;
      }
      current = std::move(next);
      offset = 0;
    }
  };
  auto output = [&](const float* frames, std::size_t n) { return emit(frames, n); };
  try {
    decoder.decodeStream(reader, output);
  } catch (const ffmpeg::DecodeError& e) {
    log::info("stream niet te decoderen: {}", e.what());
    decodeFailed(e.what(), 0);
  }
}

bool DecoderThread::emit(const float* frames, std::size_t count) {
  if (speed_ != nullptr) stage_.setSpeed(speed_->load(std::memory_order_relaxed));
  if (stage_.passthrough()) return write(frames, count);
  stretched_.clear();
  stage_.process(frames, count, stretched_);
  return write(stretched_.data(), stretched_.size() / audio::kChannels);
}

void DecoderThread::flushSpeed() {
  stretched_.clear();
  stage_.flush(stretched_);
  write(stretched_.data(), stretched_.size() / audio::kChannels);
}

// Output frames made at speed s stand for s times as much of the recording.
bool DecoderThread::write(const float* frames, std::size_t count) {
  if (count == 0) return true;
  framesOut_ += count;
  lastAudio_ = std::chrono::steady_clock::now();
  if (!out_.write(frames, count, *cancel_)) return false;
  if (mediaSecondsOut != nullptr) {
    const double seconds = static_cast<double>(count) / audio::kSampleRate * stage_.speed();
    mediaSecondsOut->fetch_add(seconds, std::memory_order_relaxed);
  }
  return true;
}

}  // namespace ml::decode
