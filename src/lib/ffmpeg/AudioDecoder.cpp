#include "lib/ffmpeg/AudioDecoder.h"

#include <algorithm>
#include <cstdarg>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

#include "audio/AudioFormat.h"
#include "core/Log.h"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wconversion"
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
#include <libswresample/swresample.h>
}

namespace ml::ffmpeg {
namespace {

const int kEof = AVERROR_EOF;
const int kAgain = AVERROR(EAGAIN);

std::string avError(int rc) {
  char buf[AV_ERROR_MAX_STRING_SIZE] = {0};
  av_strerror(rc, buf, sizeof buf);
  return buf;
}

// Two spans read as one seekable byte stream: the init section, then the segment.
struct MemoryInput {
  std::string_view first, second;
  std::int64_t pos = 0;
  std::int64_t size() const { return static_cast<std::int64_t>(first.size() + second.size()); }

  static int read(void* opaque, std::uint8_t* buf, int size) {
    auto* m = static_cast<MemoryInput*>(opaque);
    int done = 0;
    while (done < size && m->pos < m->size()) {
      auto p = static_cast<std::size_t>(m->pos);
      std::string_view part = p < m->first.size() ? m->first.substr(p) : m->second.substr(p - m->first.size());
      auto n = std::min<std::size_t>(part.size(), static_cast<std::size_t>(size - done));
      std::memcpy(buf + done, part.data(), n);
      done += static_cast<int>(n);
      m->pos += static_cast<std::int64_t>(n);
    }
    return done == 0 ? kEof : done;
  }
  static std::int64_t seek(void* opaque, std::int64_t offset, int whence) {
    auto* m = static_cast<MemoryInput*>(opaque);
    if (whence & AVSEEK_SIZE) return m->size();
    std::int64_t base = (whence & 3) == SEEK_CUR ? m->pos : (whence & 3) == SEEK_END ? m->size() : 0;
    std::int64_t target = base + offset;
    if (target < 0 || target > m->size()) return -1;
    m->pos = target;
    return target;
  }
};

struct StreamInput {
  const AudioDecoder::Reader* reader;
  static int read(void* opaque, std::uint8_t* buf, int size) {
    auto* s = static_cast<StreamInput*>(opaque);
    try {
      std::size_t n = (*s->reader)(buf, static_cast<std::size_t>(size));
      return n == 0 ? kEof : static_cast<int>(n);
    } catch (...) {
      return kEof;
    }
  }
};

// FFmpeg's own messages go to meeluister's log (stderr, with --verbose), never to stdout.
void routeLog(void* avcl, int level, const char* fmt, va_list args) {
  if (level > AV_LOG_WARNING || log::level() < log::Level::Debug) return;
  char line[1024];
  int prefix = 1;
  av_log_format_line2(avcl, level, fmt, args, line, sizeof line, &prefix);
  std::string_view text(line);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  log::debug("ffmpeg: {}", text);
}

void setUpLogging() {
  static std::once_flag once;
  std::call_once(once, [] { av_log_set_callback(&routeLog); });
}

int interrupted(void* opaque) { return static_cast<const CancelToken*>(opaque)->cancelled() ? 1 : 0; }

// Owns a demuxer over a custom AVIOContext.
class Demuxer {
 public:
  Demuxer(void* opaque, int (*readFn)(void*, std::uint8_t*, int),
          std::int64_t (*seekFn)(void*, std::int64_t, int), const CancelToken& cancel) {
    try {
      open(opaque, readFn, seekFn, cancel);
    } catch (...) {
      release();
      throw;
    }
  }
  ~Demuxer() { release(); }
  Demuxer(const Demuxer&) = delete;
  Demuxer& operator=(const Demuxer&) = delete;

  AVStream* stream() const { return fmt_->streams[stream_]; }
  int index() const { return stream_; }
  int read(AVPacket* pkt) { return av_read_frame(fmt_, pkt); }

 private:
  void open(void* opaque, int (*readFn)(void*, std::uint8_t*, int),
            std::int64_t (*seekFn)(void*, std::int64_t, int), const CancelToken& cancel) {
    constexpr int kBuf = 32 * 1024;
    auto* buffer = static_cast<unsigned char*>(av_malloc(kBuf));
    if (buffer == nullptr) throw std::bad_alloc();
    io_ = avio_alloc_context(buffer, kBuf, 0, opaque, readFn, nullptr, seekFn);
    if (io_ == nullptr) {
      av_free(buffer);
      throw std::bad_alloc();
    }
    if (seekFn == nullptr) io_->seekable = 0;
    fmt_ = avformat_alloc_context();
    if (fmt_ == nullptr) throw std::bad_alloc();
    fmt_->pb = io_;
    fmt_->flags |= AVFMT_FLAG_CUSTOM_IO;
    fmt_->interrupt_callback.callback = &interrupted;
    fmt_->interrupt_callback.opaque = const_cast<CancelToken*>(&cancel);
    int rc = avformat_open_input(&fmt_, nullptr, nullptr, nullptr);
    if (rc < 0) {
      fmt_ = nullptr;  // freed by avformat_open_input
      throw DecodeError("onbekend of beschadigd audioformaat (" + avError(rc) + ")");
    }
    stream_ = av_find_best_stream(fmt_, AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
    if (stream_ < 0) {
      avformat_find_stream_info(fmt_, nullptr);
      stream_ = av_find_best_stream(fmt_, AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
    }
    if (stream_ < 0) throw DecodeError("geen geluidsspoor gevonden");
  }
  void release() {
    if (fmt_ != nullptr) avformat_close_input(&fmt_);
    if (io_ != nullptr) {
      av_freep(&io_->buffer);
      avio_context_free(&io_);
    }
  }

  AVIOContext* io_ = nullptr;
  AVFormatContext* fmt_ = nullptr;
  int stream_ = -1;
};

}  // namespace

struct AudioDecoder::Impl {
  const CancelToken& cancel;
  AVCodecContext* codec = nullptr;
  // What the open codec was made for: a new segment with other parameters reopens it.
  AVCodecID codecId = AV_CODEC_ID_NONE;
  int codecRate = 0, codecChannels = 0;
  std::string codecExtra;
  SwrContext* swr = nullptr;
  int swrFormat = -1, swrRate = 0;
  AVChannelLayout swrLayout{};
  AVPacket* packet = av_packet_alloc();
  AVFrame* frame = av_frame_alloc();
  std::vector<float> pcm;
  int segmentsSinceReset = 0;

  explicit Impl(const CancelToken& c) : cancel(c) {
    setUpLogging();
    if (packet == nullptr || frame == nullptr) throw std::bad_alloc();
  }
  ~Impl() {
    avcodec_free_context(&codec);
    swr_free(&swr);
    av_channel_layout_uninit(&swrLayout);
    av_packet_free(&packet);
    av_frame_free(&frame);
  }

  void ensureCodec(const AVStream* st, bool reset) {
    const AVCodecParameters* p = st->codecpar;
    std::string extra(reinterpret_cast<const char*>(p->extradata), p->extradata != nullptr ? p->extradata_size : 0);
    bool same = codec != nullptr && p->codec_id == codecId && p->sample_rate == codecRate &&
                p->ch_layout.nb_channels == codecChannels && extra == codecExtra;
    if (same && !reset) return;
    avcodec_free_context(&codec);
    const AVCodec* dec = avcodec_find_decoder(p->codec_id);
    if (dec == nullptr) throw DecodeError(std::string("geen decoder voor ") + avcodec_get_name(p->codec_id));
    codec = avcodec_alloc_context3(dec);
    if (codec == nullptr) throw std::bad_alloc();
    avcodec_parameters_to_context(codec, p);
    codec->pkt_timebase = st->time_base;
    int rc = avcodec_open2(codec, dec, nullptr);
    if (rc < 0) {
      avcodec_free_context(&codec);
      throw DecodeError("decoder start niet (" + avError(rc) + ")");
    }
    codecId = p->codec_id;
    codecRate = p->sample_rate;
    codecChannels = p->ch_layout.nb_channels;
    codecExtra = std::move(extra);
    segmentsSinceReset = 0;
    log::debug("decoder: {} {} Hz, {} kanalen", avcodec_get_name(codecId), codecRate, codecChannels);
  }

  void ensureResampler(const AVFrame* f) {
    AVChannelLayout in{};
    if (f->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC || f->ch_layout.nb_channels == 0) {
      av_channel_layout_default(&in, std::max(1, f->ch_layout.nb_channels));
    } else {
      av_channel_layout_copy(&in, &f->ch_layout);
    }
    if (swr != nullptr && swrFormat == f->format && swrRate == f->sample_rate &&
        av_channel_layout_compare(&in, &swrLayout) == 0) {
      av_channel_layout_uninit(&in);
      return;
    }
    swr_free(&swr);
    AVChannelLayout out{};
    av_channel_layout_default(&out, audio::kChannels);
    int rc = swr_alloc_set_opts2(&swr, &out, AV_SAMPLE_FMT_FLT, audio::kSampleRate, &in,
                                 static_cast<AVSampleFormat>(f->format), f->sample_rate, 0, nullptr);
    if (rc < 0 || swr_init(swr) < 0) {
      av_channel_layout_uninit(&in);
      throw DecodeError("omzetten naar 48 kHz stereo lukt niet");
    }
    swrFormat = f->format;
    swrRate = f->sample_rate;
    av_channel_layout_uninit(&swrLayout);
    swrLayout = in;
  }

  // Converts and hands on one decoded frame; false when the receiver wants no more.
  bool emit(const AVFrame* f, const Output& out, std::size_t& produced) {
    ensureResampler(f);
    int capacity = swr_get_out_samples(swr, f->nb_samples);
    if (capacity <= 0) return true;
    pcm.resize(static_cast<std::size_t>(capacity) * audio::kChannels);
    auto* dst = reinterpret_cast<std::uint8_t*>(pcm.data());
    int n = swr_convert(swr, &dst, capacity, const_cast<const std::uint8_t**>(f->extended_data), f->nb_samples);
    if (n <= 0) return true;
    produced += static_cast<std::size_t>(n);
    return out(pcm.data(), static_cast<std::size_t>(n));
  }

  // Sends one packet (or null to drain) and emits every frame it yields.
  bool decodePacket(const AVPacket* pkt, const Output& out, std::size_t& produced, int& errors) {
    int rc = avcodec_send_packet(codec, pkt);
    if (rc < 0 && rc != kAgain && rc != kEof) {
      ++errors;
      return true;
    }
    while (!cancel.cancelled()) {
      rc = avcodec_receive_frame(codec, frame);
      if (rc == kAgain || rc == kEof) break;
      if (rc < 0) {
        ++errors;
        break;
      }
      bool more = emit(frame, out, produced);
      av_frame_unref(frame);
      if (!more) return false;
    }
    return !cancel.cancelled();
  }

  // Reads every packet of the demuxer's audio stream; returns frames produced.
  std::size_t pump(Demuxer& d, const Output& out, bool keepPriming, int& errors) {
    std::size_t produced = 0;
    while (!cancel.cancelled()) {
      int rc = d.read(packet);
      if (rc == kAgain) continue;
      if (rc < 0) {
        if (rc != kEof) {
          ++errors;
          log::debug("demuxer: {}", avError(rc));
        }
        break;
      }
      if (packet->stream_index == d.index()) {
        if (!keepPriming) {
          // The demuxer marks the start of every new segment as encoder priming to be
          // skipped; within a continuous run that would cut 1024 samples each time.
          std::size_t size = 0;
          std::uint8_t* sd = av_packet_get_side_data(packet, AV_PKT_DATA_SKIP_SAMPLES, &size);
          if (sd != nullptr && size >= 8) std::memset(sd, 0, 8);
          packet->flags &= ~AV_PKT_FLAG_DISCARD;
        }
        bool more = decodePacket(packet, out, produced, errors);
        av_packet_unref(packet);
        if (!more) break;
      } else {
        av_packet_unref(packet);
      }
    }
    return produced;
  }
};

AudioDecoder::AudioDecoder(const CancelToken& cancel) : impl_(std::make_unique<Impl>(cancel)) {}
AudioDecoder::~AudioDecoder() = default;

std::size_t AudioDecoder::decodeSegment(std::string_view init, std::string_view media, bool reset,
                                        const Output& out) {
  MemoryInput input{init, media, 0};
  Demuxer d(&input, &MemoryInput::read, &MemoryInput::seek, impl_->cancel);
  impl_->ensureCodec(d.stream(), reset);
  int errors = 0;
  std::size_t produced = impl_->pump(d, out, impl_->segmentsSinceReset == 0, errors);
  ++impl_->segmentsSinceReset;
  if (produced == 0 && !impl_->cancel.cancelled()) {
    throw DecodeError(errors > 0 ? "het stuk is beschadigd" : "het stuk bevat geen geluid");
  }
  if (errors > 0) log::info("decoder: {} fouten in een segment, {} frames over", errors, produced);
  return produced;
}

std::size_t AudioDecoder::decodeStream(const Reader& reader, const Output& out) {
  StreamInput input{&reader};
  Demuxer d(&input, &StreamInput::read, nullptr, impl_->cancel);
  impl_->ensureCodec(d.stream(), true);
  int errors = 0;
  std::size_t produced = impl_->pump(d, out, true, errors);
  if (!impl_->cancel.cancelled()) impl_->decodePacket(nullptr, out, produced, errors);
  if (produced == 0 && !impl_->cancel.cancelled()) throw DecodeError("de stream bevat geen bruikbaar geluid");
  return produced;
}

}  // namespace ml::ffmpeg
#pragma GCC diagnostic pop
