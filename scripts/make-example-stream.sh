#!/usr/bin/env bash
# Makes data/example/stream/: the offline stand-in for the Kamer's audio of the example debate
# (commissiedebat "Samen tegen mensenhandel", 21 December 2023, Thorbeckezaal) that
# `meeluister demo` serves on 127.0.0.1 and plays through the normal HTTP and HLS code.
#
# Content: synthetic Dutch speech (espeak-ng, voice nl) that says it is the meeluister example,
# not a recording from the Kamer. Shape: exactly the Kamer's fragmented-MP4 HLS (see
# docs in data/example/stream/README.md):
#   index.m3u8                  master: audio rendition "Original Audio" -> Stream(06), and one
#                               video variant Stream(01) that does not exist (a player must not
#                               need it)
#   Stream(06)/prog_index.m3u8  VOD media playlist, EXT-X-MAP init.mp4, PROGRAM-DATE-TIME on
#                               every segment from 2023-12-21T10:15:00.000Z
#   Stream(06)/init.mp4         init section (AAC-LC, 48 kHz, stereo)
#   Stream(06)/Segment-<ticks>.m4a   3.84 s each (180 AAC frames) but the last; <ticks> is the
#                               segment start in 100 ns units since 1970, and the media
#                               timestamps (tfdt, sidx) are on the Unix epoch too, as the Kamer's
#   transcript.txt              the spoken text
#
# Deterministic: the same espeak-ng and FFmpeg versions give the same bytes (bit-exact flags,
# fixed times). Needs espeak-ng, ffmpeg and python3. Run from anywhere:
#   scripts/make-example-stream.sh [OUTPUT_DIR]      (default: data/example/stream)
# It replaces the generated files in OUTPUT_DIR and keeps README.md; it ends by decoding the
# result with ffmpeg as a check.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-"$repo/data/example/stream"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 2023-12-21T10:15:00Z (11.15 in The Hague, when the debate began).
start_epoch=1703153700

cat >"$work/transcript.txt" <<'TEXT'
Dit is het voorbeeld van meeluister. Het is geen opname uit de Kamer, maar een synthetische stem.
Commissiedebat over het programma Samen tegen mensenhandel, donderdag 21 december 2023, in de Thorbeckezaal.
De commissie voor Justitie en Veiligheid debatteert van kwart over elf tot kwart over één over het programma Samen tegen mensenhandel.
Mensenhandel is het uitbuiten van mensen, bijvoorbeeld door ze te dwingen tot prostitutie.
De overheid bestrijdt mensenhandel op verschillende manieren. Zo krijgen slachtoffers hulp en opvang, en krijgen de daders hoge straffen.
Dit was het voorbeeld van meeluister.
TEXT

echo "Spraak maken met espeak-ng..." >&2
espeak-ng -v nl -s 175 -f "$work/transcript.txt" -w "$work/speech.wav"

echo "Coderen naar AAC-LC in fragmented-MP4 HLS..." >&2
mkdir -p "$work/hls"
ffmpeg -nostdin -hide_banner -loglevel error -fflags +bitexact -i "$work/speech.wav" \
  -af "aresample=48000,apad=pad_dur=0.5" -ac 2 -ar 48000 \
  -c:a aac -profile:a aac_low -b:a 64k -flags:a +bitexact -fflags +bitexact \
  -f hls -hls_time 3.84 -hls_playlist_type vod -hls_segment_type fmp4 \
  -hls_fmp4_init_filename init.mp4 -hls_segment_filename "$work/hls/seg%03d.m4s" \
  "$work/hls/ffmpeg.m3u8"

echo "Segmenten hernoemen en playlists schrijven..." >&2
rm -rf "$out/Stream(06)" "$out/index.m3u8" "$out/transcript.txt"  # only what this script makes
mkdir -p "$out/Stream(06)"
cp "$work/transcript.txt" "$out/transcript.txt"
cp "$work/hls/init.mp4" "$out/Stream(06)/init.mp4"

python3 - "$work/hls" "$out" "$start_epoch" <<'PY'
"""Moves the media timestamps to the Unix epoch, names the segments Segment-<ticks>.m4a and
writes both playlists in the Kamer's shape."""
import datetime, pathlib, struct, sys

src, out, start_epoch = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3])
RATE, FRAME, FRAMES_PER_SEGMENT = 48000, 1024, 180
TICKS = 10_000_000  # 100 ns units per second

def boxes(b, off, end):
    while off < end:
        size, typ = struct.unpack_from(">I4s", b, off)
        hdr = 8
        if size == 1:
            size, hdr = struct.unpack_from(">Q", b, off + 8)[0], 16
        if size < hdr or off + size > end:
            raise SystemExit(f"kapotte box {typ!r}")
        yield typ.decode("latin-1"), off, off + hdr, off + size
        off += size

def add_u64(b, pos, delta):
    struct.pack_into(">Q", b, pos, struct.unpack_from(">Q", b, pos)[0] + delta)

def patch(b, offset):
    """Adds `offset` (in 1/48000 s) to sidx and tfdt; returns the samples in the segment."""
    samples = 0
    for typ, off, body, end in boxes(b, 0, len(b)):
        if typ == "sidx":
            assert b[body] == 1, "sidx versie 1 verwacht"
            add_u64(b, body + 12, offset)
        if typ != "moof":
            continue
        for t2, _, body2, end2 in boxes(b, body, end):
            if t2 != "traf":
                continue
            default = FRAME
            for t3, _, body3, _ in boxes(b, body2, end2):
                flags = struct.unpack_from(">I", b, body3)[0] & 0xFFFFFF
                if t3 == "tfhd" and flags & 0x08:
                    pos = body3 + 8 + (8 if flags & 0x01 else 0) + (4 if flags & 0x02 else 0)
                    default = struct.unpack_from(">I", b, pos)[0]
                if t3 == "tfdt":
                    assert b[body3] == 1, "tfdt versie 1 verwacht"
                    add_u64(b, body3 + 4, offset)
                if t3 == "trun":
                    count = struct.unpack_from(">I", b, body3 + 4)[0]
                    pos = body3 + 8 + (4 if flags & 0x01 else 0) + (4 if flags & 0x04 else 0)
                    stride = sum(4 for f in (0x100, 0x200, 0x400, 0x800) if flags & f)
                    for i in range(count):
                        samples += (struct.unpack_from(">I", b, pos + i * stride)[0]
                                    if flags & 0x100 else default)
    return samples

def pdt(sample):
    t = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(
        seconds=start_epoch, microseconds=sample * 1_000_000 // RATE)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"

segments = sorted(src.glob("seg*.m4s"))
lines = ["#EXTM3U", "#EXT-X-VERSION:7", "#EXT-X-TARGETDURATION:4", "#EXT-X-MEDIA-SEQUENCE:0",
         "#EXT-X-PLAYLIST-TYPE:VOD", '#EXT-X-MAP:URI="init.mp4"']
position = 0  # samples since start_epoch
for n, seg in enumerate(segments):
    b = bytearray(seg.read_bytes())
    samples = patch(b, start_epoch * RATE)
    if n + 1 < len(segments) and samples != FRAMES_PER_SEGMENT * FRAME:
        raise SystemExit(f"{seg.name}: {samples} samples, {FRAMES_PER_SEGMENT * FRAME} verwacht")
    ticks = start_epoch * TICKS + position * TICKS // RATE
    name = f"Segment-{ticks}.m4a"
    (out / "Stream(06)" / name).write_bytes(b)
    lines += [f"#EXT-X-PROGRAM-DATE-TIME:{pdt(position)}", f"#EXTINF:{samples / RATE:.3f},", name]
    position += samples
lines.append("#EXT-X-ENDLIST")
(out / "Stream(06)" / "prog_index.m3u8").write_text("\n".join(lines) + "\n")

master = ["#EXTM3U", "#EXT-X-VERSION:7",
          '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="Original Audio",URI="Stream(06)/prog_index.m3u8"',
          '#EXT-X-STREAM-INF:PROGRAM-ID=1,BANDWIDTH=408322,RESOLUTION=320x180,AUDIO="audio"',
          "Stream(01)/prog_index.m3u8"]
(out / "index.m3u8").write_text("\n".join(master) + "\n")
print(f"{len(segments)} segmenten, {position / RATE:.3f} s", file=sys.stderr)
PY

# The subtitle track: the sentences of transcript.txt, placed by the pauses in the speech.
python3 "$(dirname "$0")/make-example-subtitles.py" "$out"

echo "Controle: de playlist decoderen met ffmpeg..." >&2
ffmpeg -nostdin -hide_banner -loglevel error -i "$out/Stream(06)/prog_index.m3u8" -f null -
# Through the master too; "fatal" because FFmpeg reports the absent video variant Stream(01).
ffmpeg -nostdin -hide_banner -loglevel fatal -i "$out/index.m3u8" -map 0:a -f null -
du -sb "$out" | awk '{print "Klaar: " $1 " bytes in '"$out"'"}' >&2
