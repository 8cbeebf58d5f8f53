#!/usr/bin/env python3
"""Makes the bundled example's subtitle track (data/example/stream/subtitles/), shaped like
the Kamer's on-demand one: a SUBTITLES rendition (LANGUAGE="nl-pol") in the master, its
playlist with one WebVTT file for the whole recording. The cues are the sentences of
transcript.txt, placed by the pauses between them in the synthetic speech (FFmpeg's
silencedetect), each sentence cut into cues of at most two lines of 37 characters (as the
Kamer's subtitles, and short enough for a 40-cell braille display), the sentence's time
shared by the cues in proportion to their length.

    python3 scripts/make-example-subtitles.py [data/example/stream]

Run by scripts/make-example-stream.sh after the audio; needs ffmpeg."""
import pathlib
import re
import subprocess
import sys

LINE = 37
out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "data/example/stream")
text = (out / "transcript.txt").read_text(encoding="utf-8")
sentences = [s.strip() for s in re.split(r"(?<=[.?!])\s+", text) if s.strip()]

log = subprocess.run(["ffmpeg", "-nostdin", "-hide_banner", "-allowed_extensions", "ALL", "-i",
                      str(out / "Stream(06)" / "prog_index.m3u8"), "-af", "silencedetect=noise=-35dB:d=0.25",
                      "-f", "null", "-"], capture_output=True, text=True, check=True).stderr
starts = [float(x) for x in re.findall(r"silence_start: ([\d.]+)", log)]
ends = [float(x) for x in re.findall(r"silence_end: ([\d.]+)", log)]
# Speech runs from 0 to the first pause, and from the end of each pause to the next one.
spans = list(zip([0.0] + ends, starts))
if len(spans) < len(sentences):
    raise SystemExit(f"{len(sentences)} zinnen maar {len(spans)} stukken spraak: de pauzes kloppen niet")
spans = spans[:len(sentences)]


def lines_of(sentence):
    words, lines, cur = sentence.split(), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > LINE:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    return lines + [cur]


def stamp(t):
    ms = int(round(t * 1000))
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


cues = []
for sentence, (a, b) in zip(sentences, spans):
    lines = lines_of(sentence)
    chunks = [lines[i:i + 2] for i in range(0, len(lines), 2)]
    total = sum(len(" ".join(c)) for c in chunks)
    t = a
    for c in chunks:
        d = (b - a) * len(" ".join(c)) / total
        cues.append((t, t + d, c))
        t += d

vtt = ["WEBVTT", ""]
for n, (a, b, c) in enumerate(cues, 1):
    vtt += [str(n), f"{stamp(a)} --> {stamp(b)}"] + c + [""]
sub = out / "subtitles"
(sub / "nl-pol").mkdir(parents=True, exist_ok=True)
(sub / "nl-pol" / "vod.vtt").write_text("\n".join(vtt), encoding="utf-8")

(sub / "nl-pol.m3u8").write_text("\n".join([
    "#EXTM3U", "#EXT-X-VERSION:4", "#EXT-X-PLAYLIST-TYPE:VOD", "#EXT-X-TARGETDURATION:39",
    "#EXT-X-PROGRAM-DATE-TIME:2023-12-21T10:15:00.000Z", "#EXTINF:38.315,", "nl-pol/vod.vtt",
    "#EXT-X-ENDLIST"]) + "\n")
master = (out / "index.m3u8").read_text().splitlines()
rendition = ('#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="Nederlands",DEFAULT=NO,FORCED=NO,'
             'URI="subtitles/nl-pol.m3u8",LANGUAGE="nl-pol"')
master = [l for l in master if "TYPE=SUBTITLES" not in l]
master.insert(3, rendition)
master = [l.replace('AUDIO="audio"', 'AUDIO="audio",SUBTITLES="subs"') if l.startswith("#EXT-X-STREAM-INF") and "SUBTITLES" not in l else l
          for l in master]
(out / "index.m3u8").write_text("\n".join(master) + "\n")
print(f"{len(cues)} ondertitels uit {len(sentences)} zinnen", file=sys.stderr)
