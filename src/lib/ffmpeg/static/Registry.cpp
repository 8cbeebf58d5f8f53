// Linked into each program (not into the library archive, so that it is seen before
// FFmpeg's static archives): FFmpeg's registries cut down to what meeluister plays.
//
// Debian's FFmpeg registers every codec, format and protocol, and the shared libraries
// bring about a hundred more libraries into the process (video codecs, TLS, hardware
// video), costing some 18 MB of resident memory and 0.1 s of CPU at every start. Linked
// statically, FFmpeg only brings in the archive members something refers to; these
// definitions replace the members that refer to everything (allcodecs.o, allformats.o,
// parsers.o, protocols.o, hwcontext.o), so only the demuxers, parsers and decoders
// below end up in the program. See docs/ARCHITECTURE.md ("FFmpeg, linked lean").
//
// Written against FFmpeg 5.1 (Debian 12). The symbol list is checked by the link: a
// missing override makes the archive member come back and the link fail on its
// duplicate or unresolved symbols, never silently.
#include <cerrno>
#include <cstdint>
#include <cstring>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/error.h>
#include <libavutil/hwcontext.h>
#include <libavutil/mem.h>

extern const AVInputFormat ff_mov_demuxer, ff_mpegts_demuxer, ff_mp3_demuxer, ff_ogg_demuxer, ff_aac_demuxer;
// FFCodec (internal) starts with its AVCodec, so the symbol's address is the AVCodec's.
extern const char ff_aac_decoder[], ff_aac_latm_decoder[], ff_mp3float_decoder[], ff_vorbis_decoder[],
    ff_opus_decoder[];
extern const AVCodecParser ff_aac_parser, ff_aac_latm_parser, ff_mpegaudio_parser, ff_opus_parser,
    ff_vorbis_parser;
}

namespace {

const AVCodec* codec(const char* symbol) { return reinterpret_cast<const AVCodec*>(symbol); }

const AVCodec* const kCodecs[] = {codec(ff_aac_decoder), codec(ff_aac_latm_decoder), codec(ff_mp3float_decoder),
                                  codec(ff_vorbis_decoder), codec(ff_opus_decoder)};
const AVInputFormat* const kDemuxers[] = {&ff_mov_demuxer, &ff_mpegts_demuxer, &ff_mp3_demuxer, &ff_ogg_demuxer,
                                          &ff_aac_demuxer};
const AVCodecParser* const kParsers[] = {&ff_aac_parser, &ff_aac_latm_parser, &ff_mpegaudio_parser,
                                         &ff_opus_parser, &ff_vorbis_parser};

template <typename T, std::size_t N>
const T* iterate(const T* const (&list)[N], void** opaque) {
  auto i = reinterpret_cast<std::uintptr_t>(*opaque);
  if (i >= N) return nullptr;
  *opaque = reinterpret_cast<void*>(i + 1);
  return list[i];
}

const int kNoSys = AVERROR(ENOSYS);

}  // namespace

extern "C" {

// allcodecs.o
const AVCodec* av_codec_iterate(void** opaque) { return iterate(kCodecs, opaque); }
const AVCodec* avcodec_find_decoder(enum AVCodecID id) {
  for (const AVCodec* c : kCodecs) {
    if (c->id == id) return c;
  }
  return nullptr;
}
const AVCodec* avcodec_find_decoder_by_name(const char* name) {
  if (name == nullptr) return nullptr;
  for (const AVCodec* c : kCodecs) {
    if (std::strcmp(c->name, name) == 0) return c;
  }
  return nullptr;
}
const AVCodec* avcodec_find_encoder(enum AVCodecID) { return nullptr; }
const AVCodec* avcodec_find_encoder_by_name(const char*) { return nullptr; }

// parsers.o
const AVCodecParser* av_parser_iterate(void** opaque) { return iterate(kParsers, opaque); }

// allformats.o
const AVInputFormat* av_demuxer_iterate(void** opaque) { return iterate(kDemuxers, opaque); }
const AVOutputFormat* av_muxer_iterate(void**) { return nullptr; }
void avpriv_register_devices(const AVOutputFormat* const[], const AVInputFormat* const[]) {}

// protocols.o: bytes come from libcurl through a custom AVIOContext, never from FFmpeg.
struct URLProtocol;
const URLProtocol** ffurl_get_protocols(const char*, const char*) {
  return static_cast<const URLProtocol**>(av_mallocz(sizeof(void*)));
}
const char* avio_enum_protocols(void**, int) { return nullptr; }
const AVClass* avio_protocol_get_class(const char*) { return nullptr; }
const AVClass* ff_urlcontext_child_class_iterate(void**) { return nullptr; }

// tls_gnutls.o: no protocols, so no TLS.
void ff_gnutls_init(void) {}
void ff_gnutls_deinit(void) {}

// h264dec.o: demux.c asks it about frame reordering, for video streams only.
int avpriv_h264_has_num_reorder_frames(AVCodecContext*) { return 0; }

// hwcontext.o: no hardware video in an audio player.
AVBufferRef* av_hwdevice_ctx_alloc(enum AVHWDeviceType) { return nullptr; }
int av_hwdevice_ctx_create(AVBufferRef**, enum AVHWDeviceType, const char*, AVDictionary*, int) { return kNoSys; }
int av_hwdevice_ctx_create_derived(AVBufferRef**, enum AVHWDeviceType, AVBufferRef*, int) { return kNoSys; }
int av_hwdevice_ctx_create_derived_opts(AVBufferRef**, enum AVHWDeviceType, AVBufferRef*, AVDictionary*, int) {
  return kNoSys;
}
int av_hwdevice_ctx_init(AVBufferRef*) { return kNoSys; }
enum AVHWDeviceType av_hwdevice_find_type_by_name(const char*) { return AV_HWDEVICE_TYPE_NONE; }
AVHWFramesConstraints* av_hwdevice_get_hwframe_constraints(AVBufferRef*, const void*) { return nullptr; }
const char* av_hwdevice_get_type_name(enum AVHWDeviceType) { return nullptr; }
void* av_hwdevice_hwconfig_alloc(AVBufferRef*) { return nullptr; }
enum AVHWDeviceType av_hwdevice_iterate_types(enum AVHWDeviceType) { return AV_HWDEVICE_TYPE_NONE; }
void av_hwframe_constraints_free(AVHWFramesConstraints** c) {
  if (c != nullptr) av_freep(c);
}
AVBufferRef* av_hwframe_ctx_alloc(AVBufferRef*) { return nullptr; }
int av_hwframe_ctx_create_derived(AVBufferRef**, enum AVPixelFormat, AVBufferRef*, AVBufferRef*, int) {
  return kNoSys;
}
int av_hwframe_ctx_init(AVBufferRef*) { return kNoSys; }
int av_hwframe_get_buffer(AVBufferRef*, AVFrame*, int) { return kNoSys; }
int av_hwframe_map(AVFrame*, const AVFrame*, int) { return kNoSys; }
int av_hwframe_transfer_data(AVFrame*, const AVFrame*, int) { return kNoSys; }
int av_hwframe_transfer_get_formats(AVBufferRef*, enum AVHWFrameTransferDirection, enum AVPixelFormat**, int) {
  return kNoSys;
}
int ff_hwframe_map_create(AVBufferRef*, AVFrame*, const AVFrame*,
                          void (*)(AVHWFramesContext*, struct HWMapDescriptor*), void*) {
  return kNoSys;
}
int ff_hwframe_map_replace(AVFrame*, const AVFrame*) { return kNoSys; }

}  // extern "C"
#pragma GCC diagnostic pop
