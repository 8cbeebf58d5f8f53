#!/usr/bin/env python3
"""Generate the tone-staircase test media: python3 make_fixtures.py OUTDIR

Segment k (3.84 s = 184320 samples = 180 AAC frames at 48 kHz) is a sine of
f(k) = 300 + 50*(k % 20) Hz, amplitude 0.5, stereo, phase-continuous (each segment
holds a whole number of cycles, so the 40-segment cycle also loops seamlessly).

OUTDIR/fmp4/  init.mp4 + Segment-<ticks>.m4a   (AAC-LC, fragmented MP4, Kamer shape;
              tfdt rewritten to Unix-epoch media time like the Kamer's)
OUTDIR/ts/    seg<k>.ts                          (AAC in MPEG-TS)
OUTDIR/plain/ tone.mp3, tone.ogg (Vorbis), tone.opus (first 8 segments)
OUTDIR/fixtures.json

Encoding trick: the AAC encoder delays its output by 1024 samples (priming). The
input is the cycle with the last segment before it and the first after it, minus its
first 1024 samples, so decoded time t of muxer segment m is exactly staircase time
t of segment m-1, and every kept segment starts with real decoder context; muxer
segments 1..40 are kept. Decoding the kept segments from a fresh decoder therefore
gives exactly 180*1024 samples per segment, the first 1024 a fade-in transient.
Idempotent: a stamp file records a complete run; a second run returns at once.
"""
import array
import calendar
import json
import math
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import wave

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import audio_analysis as aa  # noqa: E402

RATE = 48000
SEG = aa.SEGMENT_SAMPLES
N = 40
PLAIN_SEGMENTS = 8
PRIMING = 1024
AMPLITUDE = 16384
BASE_ISO = "2023-12-21T10:15:00Z"
BASE_SECONDS = calendar.timegm(time.strptime(BASE_ISO, "%Y-%m-%dT%H:%M:%SZ"))
BASE_TICKS = BASE_SECONDS * 10_000_000
TICKS_PER_SEGMENT = SEG * 10_000_000 // RATE  # 38400000
STAMP = ".complete-v2"


def ffmpeg(*args):
    cmd = ["ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y", *args]
    subprocess.run(cmd, check=True)


def segment_tone(k):
    """One segment of staircase k as mono int16 (whole cycles: starts at phase 0)."""
    step = 2.0 * math.pi * aa.staircase_frequency(k) / RATE
    sin = math.sin
    return array.array("h", [int(AMPLITUDE * sin(step * i)) for i in range(SEG)])


def write_wav(path, segments, skip=0):
    """Stereo WAV of the given mono segments, without the first `skip` samples."""
    cache = {}
    with wave.open(path, "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(RATE)
        first = True
        for k in segments:
            f = aa.staircase_frequency(k)
            if f not in cache:
                mono = segment_tone(k)
                stereo = array.array("h", bytes(4 * SEG))
                stereo[0::2] = mono
                stereo[1::2] = mono
                cache[f] = stereo.tobytes()
            data = cache[f]
            if first and skip:
                data = data[4 * skip:]
            first = False
            w.writeframes(data)


def frames_per_file(files):
    """Number of audio packets whose data starts in each file of the concatenation
    (one ffprobe run; packets without a byte position belong with the one before)."""
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries", "packet=pos",
         "-of", "csv=p=0", "-i", "concat:" + "|".join(files)],
        check=True, capture_output=True, text=True).stdout
    ends = []
    total = 0
    for f in files:
        total += os.path.getsize(f)
        ends.append(total)
    counts = [0] * len(files)
    current = 0
    for line in out.split():
        field = line.strip().strip(",")
        if not field:
            continue
        if field != "N/A":
            pos = int(field)
            current = next(i for i, e in enumerate(ends) if pos < e)
        counts[current] += 1
    return counts


def patch_tfdt(data, decode_time):
    """Set baseMediaDecodeTime of every tfdt box (version 1 only) to decode_time."""
    buf = bytearray(data)
    pos = buf.find(b"tfdt")
    if pos < 4:
        raise RuntimeError("segment without tfdt")
    while pos >= 4:
        if buf[pos + 4] != 1:
            raise RuntimeError("tfdt version 0 not supported")
        struct.pack_into(">Q", buf, pos + 8, decode_time)
        pos = buf.find(b"tfdt", pos + 4)
    return bytes(buf)


def encode_hls(wav, workdir, segtype):
    """Run ffmpeg's hls muxer; return the list of segment files in order."""
    ext = "m4s" if segtype == "fmp4" else "ts"
    args = ["-i", wav, "-c:a", "aac", "-b:a", "96k", "-ar", str(RATE), "-ac", "2",
            "-f", "hls", "-hls_segment_type", "fmp4" if segtype == "fmp4" else "mpegts", "-hls_time", "3.84",
            "-hls_playlist_type", "vod", "-hls_list_size", "0",
            "-hls_segment_filename", os.path.join(workdir, "s%d." + ext)]
    if segtype == "fmp4":
        args += ["-hls_fmp4_init_filename", "init.mp4"]
    ffmpeg(*args, os.path.join(workdir, "index.m3u8"))
    segs = []
    with open(os.path.join(workdir, "index.m3u8")) as fh:
        for line in fh:
            line = line.strip()
            if line and not line.startswith("#"):
                segs.append(os.path.join(workdir, line))
    return segs


def build(out):
    tmp = tempfile.mkdtemp(prefix="mkfix-", dir=os.path.dirname(out) or ".")
    try:
        wav = os.path.join(tmp, "cycle.wav")
        # last segment, the cycle, first segment; minus the encoder's priming.
        write_wav(wav, [N - 1] + list(range(N)) + [0], skip=PRIMING)

        segments = []
        for segtype in ("fmp4", "ts"):
            work = os.path.join(tmp, "enc-" + segtype)
            os.makedirs(work)
            files = encode_hls(wav, work, segtype)
            if len(files) != N + 2:
                raise RuntimeError(f"{segtype}: {len(files)} segments, expected {N + 2}")
            dest = os.path.join(tmp, "out", segtype)
            os.makedirs(dest)
            init = [os.path.join(work, "init.mp4")] if segtype == "fmp4" else []
            counts = frames_per_file(init + files)[len(init):]
            if counts[1:N + 1] != [SEG // 1024] * N:
                raise RuntimeError(f"{segtype}: AAC frames per segment {counts}, expected 180")
            for k in range(N):
                src = files[k + 1]
                with open(src, "rb") as fh:
                    data = fh.read()
                if segtype == "fmp4":
                    data = patch_tfdt(data, BASE_SECONDS * RATE + k * SEG)
                    name = f"Segment-{BASE_TICKS + k * TICKS_PER_SEGMENT}.m4a"
                    segments.append({"name": name, "ticks": BASE_TICKS + k * TICKS_PER_SEGMENT})
                else:
                    name = f"seg{k}.ts"
                with open(os.path.join(dest, name), "wb") as fh:
                    fh.write(data)
            if segtype == "fmp4":
                shutil.copy(os.path.join(work, "init.mp4"), os.path.join(dest, "init.mp4"))

        plain_wav = os.path.join(tmp, "plain.wav")
        write_wav(plain_wav, list(range(PLAIN_SEGMENTS)))
        plain = os.path.join(tmp, "out", "plain")
        os.makedirs(plain)
        ffmpeg("-i", plain_wav, "-c:a", "libmp3lame", "-b:a", "128k", os.path.join(plain, "tone.mp3"))
        ffmpeg("-i", plain_wav, "-c:a", "libvorbis", "-q:a", "4", os.path.join(plain, "tone.ogg"))
        ffmpeg("-i", plain_wav, "-c:a", "libopus", "-b:a", "96k", "-f", "ogg",
               os.path.join(plain, "tone.opus"))

        info = {
            "sample_rate": RATE,
            "segment_seconds": 3.84,
            "segment_samples": SEG,
            "frames_per_segment": SEG // 1024,
            "frequencies": [aa.staircase_frequency(k) for k in range(N)],
            "base_iso": BASE_ISO,
            "base_ticks": BASE_TICKS,
            "ticks_per_segment": TICKS_PER_SEGMENT,
            "media_timescale": RATE,
            "base_media_time": BASE_SECONDS * RATE,
            "plain_segments": PLAIN_SEGMENTS,
            "segments": segments,
        }
        with open(os.path.join(tmp, "out", "fixtures.json"), "w") as fh:
            json.dump(info, fh, indent=1)

        verify(os.path.join(tmp, "out"), info)

        if os.path.exists(out):
            shutil.rmtree(out)
        os.replace(os.path.join(tmp, "out"), out)
        with open(os.path.join(out, STAMP), "w") as fh:
            fh.write("ok\n")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def decode(*inputs):
    """Decode (concatenated) inputs to mono s16le at 48 kHz; return array('h')."""
    src = inputs[0] if len(inputs) == 1 else "concat:" + "|".join(inputs)
    raw = subprocess.run(
        ["ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-i", src,
         "-map", "0:a:0", "-ac", "1", "-ar", str(RATE), "-f", "s16le", "-"],
        check=True, capture_output=True).stdout
    return aa.pcm_from_bytes(raw)


def check_staircase(label, samples, start, count, expect_len=None):
    if expect_len is not None and len(samples) != expect_len:
        raise RuntimeError(f"{label}: decoded {len(samples)} samples, expected {expect_len}")
    freqs = aa.segment_frequencies(samples, start)[:count]
    ks = aa.match_staircase(freqs)
    if ks != [k % 20 for k in range(count)]:
        raise RuntimeError(f"{label}: staircase {ks} from {freqs}")
    holes = aa.gaps(samples, start + 2048, start + count * SEG - 2048)
    if holes:
        raise RuntimeError(f"{label}: silent runs {holes[:5]}")


def verify(out, info):
    fm = os.path.join(out, "fmp4")
    segs = [os.path.join(fm, s["name"]) for s in info["segments"]]
    check_staircase("fmp4", decode(os.path.join(fm, "init.mp4"), *segs), 0, N, N * SEG)
    ts = [os.path.join(out, "ts", f"seg{k}.ts") for k in range(N)]
    check_staircase("ts", decode(*ts), 0, N, N * SEG)
    for name in ("tone.mp3", "tone.ogg", "tone.opus"):
        pcm = decode(os.path.join(out, "plain", name))
        start = aa.first_sound(pcm)
        if start is None or start > 4096:
            raise RuntimeError(f"{name}: sound starts at {start}")
        check_staircase(name, pcm, start, PLAIN_SEGMENTS - 1)


def complete(out):
    return os.path.isfile(os.path.join(out, STAMP))


def main():
    if len(sys.argv) != 2:
        print("usage: make_fixtures.py OUTDIR", file=sys.stderr)
        return 2
    out = os.path.abspath(sys.argv[1])
    if complete(out):
        print(f"fixtures present in {out}")
        return 0
    os.makedirs(os.path.dirname(out), exist_ok=True)
    t0 = time.time()
    build(out)
    print(f"fixtures written to {out} in {time.time() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
