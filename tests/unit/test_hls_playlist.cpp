#include <gtest/gtest.h>

#include "core/Time.h"
#include "net/HlsPlaylist.h"
#include "net/Url.h"

using namespace ml::net;

namespace {
// Shaped like the Kamer's master (reference sample), with the audio-only rendition.
const char* kMaster =
    "#EXTM3U\n#EXT-X-VERSION:7\n"
    "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"audio\",NAME=\"Original Audio\",URI=\"Stream(06)/prog_index.m3u8\"\n"
    "#EXT-X-STREAM-INF:PROGRAM-ID=1,BANDWIDTH=408322,RESOLUTION=320x180,AUDIO=\"audio\"\n"
    "Stream(01)/prog_index.m3u8?start=2026-07-01T13%3A35%3A26.0000000%2B02%3A00\n"
    "#EXT-X-STREAM-INF:PROGRAM-ID=1,BANDWIDTH=504260,RESOLUTION=640x360,AUDIO=\"audio\"\n"
    "Stream(02)/prog_index.m3u8\n";

const char* kLive =
    "#EXTM3U\r\n#EXT-X-VERSION:7\r\n#EXT-X-TARGETDURATION:4\r\n#EXT-X-MEDIA-SEQUENCE:1000\r\n"
    "#EXT-X-MAP:URI=\"https://cdn.example.org/init.mp4?t=1\"\r\n"
    "#EXT-X-PROGRAM-DATE-TIME:2023-12-21T10:15:00.000Z\r\n#EXTINF:3.840,\r\nSegment-17031537000000000.m4a\r\n"
    "#EXT-X-PROGRAM-DATE-TIME:2023-12-21T10:15:03.840Z\r\n#EXTINF:3.840,\r\nSegment-17031537384000000.m4a?token=a,b\r\n"
    "#EXT-X-DISCONTINUITY\r\n#EXT-X-UNKNOWN-TAG:FOO=1\r\n#EXTINF:3.88,\r\n/abs/Segment-3.m4a\r\n";
}  // namespace

TEST(HlsPlaylist, MasterPicksTheAudioRenditionNotAVideoVariant) {
  auto p = parsePlaylist(kMaster, "https://live.example.nl/live/thorbeckezaal/index.m3u8?hd=1");
  ASSERT_TRUE(p.isMaster);
  ASSERT_EQ(p.variants.size(), 2u);
  EXPECT_EQ(p.variants[0].bandwidth, 408322);
  EXPECT_EQ(p.variants[0].audioGroup, "audio");
  EXPECT_EQ(chooseAudioPlaylist(p),
            "https://live.example.nl/live/thorbeckezaal/Stream(06)/prog_index.m3u8");
}

TEST(HlsPlaylist, MasterWithoutAudioGroupFallsBackToLowestBandwidth) {
  auto p = parsePlaylist(
      "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=900\nhigh.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=100\nlow.m3u8\n",
      "http://h/a/master.m3u8");
  EXPECT_EQ(chooseAudioPlaylist(p), "http://h/a/low.m3u8");
}

TEST(HlsPlaylist, MediaPlaylistKeepsSequenceMapTimeAndDiscontinuity) {
  auto p = parsePlaylist(kLive, "http://127.0.0.1:8080/live/Stream(06)/prog_index.m3u8");
  ASSERT_FALSE(p.isMaster);
  const auto& m = p.media;
  EXPECT_DOUBLE_EQ(m.targetDuration, 4);
  EXPECT_FALSE(m.endList);
  ASSERT_EQ(m.segments.size(), 3u);
  EXPECT_EQ(m.segments[0].sequence, 1000);
  EXPECT_EQ(m.segments[2].sequence, 1002);
  EXPECT_EQ(m.segments[0].uri, "http://127.0.0.1:8080/live/Stream(06)/Segment-17031537000000000.m4a");
  EXPECT_EQ(m.segments[1].uri, "http://127.0.0.1:8080/live/Stream(06)/Segment-17031537384000000.m4a?token=a,b");
  EXPECT_EQ(m.segments[2].uri, "http://127.0.0.1:8080/abs/Segment-3.m4a");
  EXPECT_EQ(m.segments[0].mapUri, "https://cdn.example.org/init.mp4?t=1");
  ASSERT_TRUE(m.segments[0].programDateTime.has_value());
  EXPECT_NEAR(*m.segments[1].programDateTime - *m.segments[0].programDateTime, 3.84, 1e-6);
  EXPECT_FALSE(m.segments[1].discontinuity);
  EXPECT_TRUE(m.segments[2].discontinuity);
  EXPECT_FALSE(m.segments[2].programDateTime.has_value());  // no time after a discontinuity
  EXPECT_DOUBLE_EQ(m.segments[2].duration, 3.88);
  EXPECT_NEAR(m.totalDuration(), 11.56, 1e-9);
}

TEST(HlsPlaylist, ProgramDateTimeIsCarriedForwardWithinARun) {
  auto p = parsePlaylist(
      "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-PROGRAM-DATE-TIME:2023-12-21T11:15:00+01:00\n"
      "#EXTINF:4,\na.ts\n#EXTINF:4,\nb.ts\n#EXT-X-ENDLIST\n",
      "http://h/p.m3u8");
  ASSERT_TRUE(p.media.segments[1].programDateTime.has_value());
  EXPECT_DOUBLE_EQ(*p.media.segments[1].programDateTime, 1703153700.0 + 4.0);
  EXPECT_TRUE(p.media.endList);
}

TEST(HlsPlaylist, RejectsWhatIsNotAPlaylistInDutch) {
  try {
    parsePlaylist("<html><body>Forbidden</body></html>", "http://h/p.m3u8");
    FAIL();
  } catch (const PlaylistError& e) {
    EXPECT_NE(std::string(e.what()).find("geen HLS-afspeellijst"), std::string::npos);
  }
  EXPECT_THROW(parsePlaylist("#EXTM3U\nsegment-without-extinf.ts\n", "http://h/p.m3u8"), PlaylistError);
  EXPECT_THROW(parsePlaylist("#EXTM3U\n#EXTINF:abc,\nx.ts\n", "http://h/p.m3u8"), PlaylistError);
  EXPECT_THROW(parsePlaylist("#EXTM3U\n#EXT-X-KEY:METHOD=AES-128,URI=\"k\"\n#EXTINF:4,\nx.ts\n", "http://h/p"),
               PlaylistError);
  EXPECT_THROW(chooseAudioPlaylist(parsePlaylist("#EXTM3U\n#EXT-X-MEDIA:TYPE=SUBTITLES,URI=\"s.m3u8\"\n",
                                                 "http://h/m.m3u8")),
               PlaylistError);
}

TEST(HlsPlaylist, EmptyLiveWindowIsValidWhenTargetDurationIsKnown) {
  auto p = parsePlaylist("#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:7\n", "http://h/p.m3u8");
  EXPECT_FALSE(p.isMaster);
  EXPECT_TRUE(p.media.segments.empty());
}

TEST(Url, ResolvesRelativeAbsoluteAndQueryReferences) {
  EXPECT_EQ(resolveUrl("http://a/b/c/d.m3u8?x=1", "e.m4a"), "http://a/b/c/e.m4a");
  EXPECT_EQ(resolveUrl("http://a/b/c/d.m3u8", "../e.m4a"), "http://a/b/e.m4a");
  EXPECT_EQ(resolveUrl("http://a/b/c/d.m3u8", "/e.m4a?q=2"), "http://a/e.m4a?q=2");
  EXPECT_EQ(resolveUrl("http://a/b/d.m3u8", "https://cdn.x/y.m4a"), "https://cdn.x/y.m4a");
  EXPECT_EQ(urlHost("https://cdn.debatdirect.tweedekamer.nl/api/app"), "cdn.debatdirect.tweedekamer.nl");
  EXPECT_TRUE(isHttpUrl("HTTPS://x/y"));
  EXPECT_FALSE(isHttpUrl("file:///etc/passwd"));
  EXPECT_FALSE(isHttpUrl("not a url"));
  EXPECT_EQ(urlEncode("2026-07-01T13:35:26+02:00"), "2026-07-01T13%3A35%3A26%2B02%3A00");
}

TEST(Time, ParsesTheKamersTimestampStyles) {
  EXPECT_DOUBLE_EQ(*ml::parseIsoTime("2023-12-21T10:15:00Z"), 1703153700.0);
  EXPECT_DOUBLE_EQ(*ml::parseIsoTime("2023-12-21T10:15:00.500Z"), 1703153700.5);
  EXPECT_DOUBLE_EQ(*ml::parseIsoTime("2026-10-01T10:00:36+0200"), *ml::parseIsoTime("2026-10-01T08:00:36Z"));
  EXPECT_DOUBLE_EQ(*ml::parseIsoTime("2026-10-06T16:30:00+02:00"), *ml::parseIsoTime("2026-10-06T14:30:00Z"));
  EXPECT_FALSE(ml::parseIsoTime("21-12-2023").has_value());
  EXPECT_FALSE(ml::parseIsoTime("2023-02-30T10:00:00Z").has_value());
  EXPECT_EQ(ml::dutchDuration(3725), "1 uur 2 minuten");
  EXPECT_EQ(ml::dutchDuration(61), "1 minuut 1 seconde");
  EXPECT_EQ(ml::clockPosition(3725), "1:02:05");
}

// Shaped like globocom/m3u8's and grafov/m3u8's byte-range samples (ffmpeg
// -hls_flags single_file writes the same: one file, EXT-X-MAP with a BYTERANGE).
TEST(HlsPlaylist, ByteRangesOfSegmentsAndTheMapAreKept) {
  const char* text =
      "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:0\n"
      "#EXT-X-MAP:URI=\"all.mp4\",BYTERANGE=\"812@0\"\n"
      "#EXTINF:3.84,\n#EXT-X-BYTERANGE:46000@812\nall.mp4\n"
      "#EXTINF:3.84,\n#EXT-X-BYTERANGE:45000\nall.mp4\n"
      "#EXTINF:3.84,\n#EXT-X-BYTERANGE:100@5\nother.mp4\n"
      "#EXTINF:3.84,\nwhole.mp4\n#EXT-X-ENDLIST\n";
  auto p = parsePlaylist(text, "http://h/v/prog.m3u8");
  const auto& s = p.media.segments;
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0].uri, "http://h/v/all.mp4");
  EXPECT_EQ(s[0].mapUri, "http://h/v/all.mp4");
  EXPECT_EQ(s[0].mapRangeOffset, 0);
  EXPECT_EQ(s[0].mapRangeLength, 812);
  EXPECT_EQ(s[0].rangeOffset, 812);
  EXPECT_EQ(s[0].rangeLength, 46000);
  EXPECT_EQ(s[1].rangeOffset, 812 + 46000);  // no offset: right after the previous range
  EXPECT_EQ(s[1].rangeLength, 45000);
  EXPECT_EQ(s[2].rangeOffset, 5);
  EXPECT_EQ(s[3].rangeLength, -1);  // the range applies to one segment only
  // A range without an offset that follows nothing of its resource is refused.
  EXPECT_THROW(parsePlaylist("#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4,\n#EXT-X-BYTERANGE:10\na.ts\n", "http://h/p"),
               PlaylistError);
  EXPECT_THROW(parsePlaylist("#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4,\n#EXT-X-BYTERANGE:0@0\na.ts\n", "http://h/p"),
               PlaylistError);
  EXPECT_THROW(parsePlaylist("#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4,\n#EXT-X-BYTERANGE:10@9223372036854775807\n"
                             "a.ts\n#EXTINF:4,\n#EXT-X-BYTERANGE:10\na.ts\n", "http://h/p"),
               PlaylistError);
}

TEST(HlsPlaylist, GapSegmentsAreMarkedForOneSegmentOnly) {
  auto p = parsePlaylist("#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4,\na.m4a\n#EXT-X-GAP\n#EXTINF:4,\nb.m4a\n"
                         "#EXTINF:4,\nc.m4a\n#EXT-X-ENDLIST\n", "http://h/p.m3u8");
  ASSERT_EQ(p.media.segments.size(), 3u);
  EXPECT_FALSE(p.media.segments[0].gap);
  EXPECT_TRUE(p.media.segments[1].gap);
  EXPECT_FALSE(p.media.segments[2].gap);
}

TEST(HlsPlaylist, RecognisedAfterABomBlankAndCommentLines) {
  const char* text = "\xEF\xBB\xBF\n# made by some packager\n#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4,\na.ts\n";
  EXPECT_TRUE(looksLikePlaylist(text));
  auto p = parsePlaylist(text, "http://h/p.m3u8");
  ASSERT_EQ(p.media.segments.size(), 1u);
  EXPECT_FALSE(looksLikePlaylist("ID3\x04"));
  EXPECT_FALSE(looksLikePlaylist("<html>#EXTM3U"));
  EXPECT_FALSE(looksLikePlaylist("# only a comment\n"));
  EXPECT_THROW(parsePlaylist("# a comment\n#EXT-X-TARGETDURATION:4\n", "http://h/p"), PlaylistError);
}

TEST(HlsPlaylist, SequenceNumbersNeverOverflow) {
  // The last representable sequence is fine; one segment more cannot be numbered.
  auto p = parsePlaylist("#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:9223372036854775806\n"
                         "#EXTINF:4,\na.ts\n", "http://h/p");
  ASSERT_EQ(p.media.segments.size(), 1u);
  EXPECT_EQ(p.media.segments[0].sequence, 9223372036854775806LL);
  EXPECT_THROW(parsePlaylist("#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:9223372036854775807\n"
                             "#EXTINF:4,\na.ts\n", "http://h/p"),
               PlaylistError);
  // Beyond INT64_MAX is refused, not clamped.
  EXPECT_THROW(parsePlaylist("#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:18446744073709551615\n",
                             "http://h/p"),
               PlaylistError);
  // Absurd durations: a segment longer than a day is refused; an absurd target duration
  // is kept here (the fetcher clamps its reload pace).
  EXPECT_THROW(parsePlaylist("#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:999999999,\na.ts\n", "http://h/p"),
               PlaylistError);
  auto t = parsePlaylist("#EXTM3U\n#EXT-X-TARGETDURATION:999999999\n#EXTINF:4,\na.ts\n", "http://h/p");
  EXPECT_EQ(t.media.targetDuration, 999999999);
}

TEST(HlsPlaylist, MessagesQuotingThePlaylistCarryNoControlBytes) {
  try {
    parsePlaylist("#EXTM3U\n#EXTINF:\x1b]0;title\x07" "abc,\nx.ts\n", "http://h/p");
    FAIL();
  } catch (const PlaylistError& e) {
    std::string what = e.what();
    EXPECT_EQ(what.find('\x1b'), std::string::npos) << what;
    EXPECT_EQ(what.find('\x07'), std::string::npos) << what;
    EXPECT_NE(what.find("Ongeldig getal"), std::string::npos) << what;
  }
}
