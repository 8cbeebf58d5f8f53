#!/usr/bin/env python3
"""The words (issue 12): the Kamer's subtitles printed as lines, each when its words are
heard. The loopback HLS server has a subtitle rendition (live: one WebVTT per segment with
PROGRAM-DATE-TIME, HTTP 500 while a file is not there yet, a deliberately wrong
X-TIMESTAMP-MAP; on demand: one WebVTT for the whole recording); every cue tells its segment
("ondertitel segment 7", "brug 7" at 3.6 s into it). Played into a real PulseAudio null sink
and recorded: the staircase tone tells which segment was heard when, so each printed line is
checked against the moment its words were heard (within 1.5 s), none twice, also after a
seek and a pause. Then r repeats, / searches and Enter plays the place found."""
import os
import re
import subprocess
import tempfile
import threading
import time

import harness as h
import pty_player as p

STEP = 0.05
CUE = re.compile(r"^(ondertitel segment|brug) (\d+)$")


def tone_at(samples, rate, t):
    """The staircase tone (segment k plays 300 + 50 * (k % 20) Hz) at t seconds, or None."""
    i = int(t * rate)
    if i < 0 or i + 2400 > len(samples):
        return None
    amps = [p.goertzel(samples, i, 2400, 300 + 50 * k) for k in range(20)]
    best = max(range(20), key=lambda k: amps[k])
    return best if amps[best] > 0.02 else None


def heard_timeline(wav, stopped_at):
    """[(monotonic time, tone or None)] every 50 ms of the recording; the recording ends at
    `stopped_at` (when parecord was told to stop), which places it on the clock."""
    samples, rate, _ch, frames = h.load_audio(wav)
    t0 = stopped_at - frames / rate
    return [(t0 + k * STEP, tone_at(samples, rate, k * STEP)) for k in range(int(frames / rate / STEP))]


def onsets(timeline):
    """{tone: [times it began right after the tone before it]}: segments heard from their start."""
    out = {}
    prev = None
    for t, k in timeline:
        if k is None:
            continue
        if prev is not None and k == (prev + 1) % 20:
            out.setdefault(k, []).append(t)
        prev = k
    return out


def sounding(timeline, tone, start, end):
    return any(k == tone for t, k in timeline if start <= t <= end)


def private_env(tmp, pa=None):
    """An environment of its own (cache, config, state under tmp), no session bus."""
    extra = {"XDG_CACHE_HOME": os.path.join(tmp, "cache"), "HOME": tmp,
             "XDG_CONFIG_HOME": os.path.join(tmp, "c"), "XDG_STATE_HOME": os.path.join(tmp, "s")}
    env = pa.env(extra) if pa else h.base_env(extra)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    for k in ("MEELUISTER_DEBATDIRECT_URL", "MEELUISTER_OPENDATA_URL", "MEELUISTER_WEB_URL"):
        env.pop(k, None)
    return env


def check_lines(lines, times, timeline, label):
    """Every cue line: its segment sounded in the 1.5 s before it was printed (never printed
    before its words nor long after), none twice; every segment heard from its start has its
    line within 1.5 s of its words."""
    cues = [(CUE.match(l), t) for l, t in zip(lines, times)]
    cues = [(m.group(1), int(m.group(2)), t) for m, t in cues if m]
    h.check(len(cues) >= 4, f"{label}: too few subtitle lines: {lines}")
    keys = [(kind, n) for kind, n, _t in cues]
    dupes = {k for k in keys if keys.count(k) > 1}
    h.check(not dupes, f"{label}: lines printed twice: {sorted(dupes)}\n{lines}")
    first, last = timeline[0][0], timeline[-1][0]
    # The first cue printed is printed whole: when the files before it are not there (yet),
    # its roll-up line repeats the words of the segment before the first one heard, as
    # context. That one line is allowed, and only at the start.
    heard = [(t, k) for t, k in timeline if k is not None]
    # The first tone that lasts (a blip at the onset is no segment).
    steady = [heard[i] for i in range(len(heard) - 2) if heard[i][1] == heard[i + 1][1] == heard[i + 2][1]]
    if steady:
        start_t, start_k = steady[0]
        context = [i for i, (kind, n, t) in enumerate(cues)
                   if kind == "ondertitel segment" and n % 20 == (start_k - 1) % 20 and t < start_t + 1.5]
        cues = [c for i, c in enumerate(cues) if i not in context[:1]]
    if os.environ.get("ML_DEBUG"):
        print(label, "first line", round(cues[0][2] - first, 2), "recording", round(last - first, 2))
    for kind, n, t in cues:
        offset = 0.2 if kind == "ondertitel segment" else 3.6
        h.check(first <= t <= last, f"{label}: {kind} {n} printed outside the recording")
        # A bridge cue runs from the end of its segment into the next one.
        tones = [n % 20] if kind == "ondertitel segment" else [n % 20, (n + 1) % 20]
        h.check(any(sounding(timeline, k, t - 1.5, t + 0.3) for k in tones),
                f"{label}: '{kind} {n}' printed at {t - first:.2f} s, but segment {n} did not sound in "
                f"the 1.5 s before")
    starts = onsets(timeline)
    if os.environ.get("ML_DEBUG"):
        runs, prev = [], object()
        for t, k in timeline:
            if k != prev:
                runs.append((round(t - first, 2), k))
                prev = k
        print(label, "heard:", runs)
        print(label, "lines:", [(kind, n, round(t - first, 2)) for kind, n, t in cues])
    for tone, ts in starts.items():
        for onset in ts:
            if onset + 4.0 > last - 1.6:
                continue  # its words would come after the end of the recording
            want = onset + 0.2
            near = [t for kind, n, t in cues if kind == "ondertitel segment" and n % 20 == tone]
            h.check(any(-0.6 <= t - want <= 1.5 for t in near),
                    f"{label}: segment with tone {tone} was heard from {onset - first:.2f} s, its words from "
                    f"{want - first:.2f} s, but its line was printed at "
                    f"{[round(t - first, 2) for t in near]}")


def test_live_subtitles_when_heard():
    """Live: lines appear as the words are heard (not when fetched: the fetcher is a
    segment or more ahead), from per-segment files that answer 500 at first."""
    with h.HlsServer() as hls, h.PulseAudio() as pa, tempfile.TemporaryDirectory() as tmp:
        wav = os.path.join(tmp, "heard.wav")
        rec = pa.record(wav)
        time.sleep(0.3)
        env = private_env(tmp, pa)
        # The first two files asked (the oldest of the window, before where listening starts)
        # answer 500, as a file not there yet does.
        hls.fault(kind="status", code=500, target="vtt", count=2)
        proc = subprocess.Popen([h.binary(), "listen", hls.url("/live/index.m3u8"), "--ondertiteling",
                                 "--duur", "22", "--geen-mpris"], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        lines, times = [], []

        def read():
            for raw in proc.stdout:
                times.append(time.monotonic())
                lines.append(raw.rstrip("\n"))
        reader = threading.Thread(target=read)
        reader.start()
        try:
            err = proc.stderr.read()
            proc.wait(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
        reader.join(timeout=5)
        time.sleep(0.3)
        stopped = time.monotonic()
        rec.stop()
        h.check(proc.returncode == 0, f"exit {proc.returncode}\n{lines}\n{err[-2000:]}")
        timeline = heard_timeline(wav, stopped)
        check_lines(lines, times, timeline, "live")
        log = hls.log()
        vtt = [e for e in log if "/live/nl/" in e["path"]]
        failed = {e["path"] for e in vtt if e["status"] == 500}
        h.check(failed, "no subtitle file answered 500 (not there yet)")
        later = {e["path"] for e in vtt if e["status"] == 200}
        # Asked again later (4 s on) while still in the window, and then read.
        h.check(failed & later, f"no file that answered 500 was asked again and read: {failed}")
        # A path is not asked again within 4 s (the CDN keeps an answer for its path).
        by_path = {}
        for e in vtt:
            by_path.setdefault(e["path"], []).append(e["t"])
        fast = {k: v for k, v in by_path.items() if any(b - a < 3.9 for a, b in zip(v, v[1:]))}
        h.check(not fast, f"a subtitle file asked again within 4 s: {fast}")


def test_recording_subtitles_after_seek_and_pause():
    """On demand (one WebVTT for the recording, placed by the start= in its address): a seek
    prints nothing of what was skipped and goes on from the new place; a pause prints
    nothing while paused; no line twice. Then r repeats the last sentence, / finds a place
    and Enter plays it."""
    with h.HlsServer() as hls, h.PulseAudio() as pa, tempfile.TemporaryDirectory() as tmp:
        wav = os.path.join(tmp, "heard.wav")
        rec = pa.record(wav)
        time.sleep(0.3)
        env = private_env(tmp, pa)
        url = hls.url("/vod/index.m3u8?start=2023-12-21T11%3A15%3A00%2B01%3A00&end=2023-12-21T11%3A18%3A00%2B01%3A00")
        with p.PtyPlayer(["listen", url, "--modus", "schermlezer", "--geen-mpris", "--ondertiteling"],
                         env=env) as player:
            player.expect("ondertitel segment 0", 0, timeout=30, what="the first subtitle line")
            time.sleep(5)
            player.press("right", "Vooruit")
            time.sleep(6)
            player.press("space", "Gepauzeerd")
            paused_at = len(player.lines)
            time.sleep(4)
            during = [l for l in player.lines[paused_at:] if CUE.match(l)]
            player.press("space", "Speelt")
            time.sleep(6)
            line = player.press("r", "ondertitel")
            h.check(line.startswith("ondertitel segment") or line.startswith("brug"), f"r: {line!r}")
            before = len(player.lines)
            player.press("r", "ondertitel")
            h.check(player.lines[before:], "r again gives the sentence before")
            played = [(l, player.started + t) for l, t in zip(player.lines, player.line_times)]
            player.press("/", "Zoek")
            opened = len(player.lines)
            for ch in "segment 3":
                player.send(ch, pause=0.05)
            line = player.press("enter", "plek")
            m = re.search(r"(\d+) plek", line)
            h.check(m and 2 <= int(m.group(1)) <= 4, f"search answer (the cues of segments 3 and 4, the bridge 3): {line!r}")
            line = player.press("home", "segment 3")
            h.check(line.startswith("positie 0:1") and "ondertitel segment 3" in line, f"the first place found: {line!r}")
            line = player.press("enter", "Plek")
            h.check("segment 3" in line, f"Enter plays the hit: {line!r}")
            between = [l for l in player.lines[opened:-1] if CUE.match(l)]
            h.check(not between, f"subtitle lines printed while the search prompt or list was open: {between}")
            player.expect("ondertitel segment 4", len(player.lines), timeout=12, what="playing on from the hit")
            player.quit()
        time.sleep(0.3)
        stopped = time.monotonic()
        rec.stop()
        h.check(not during, f"lines printed while paused: {during}")
        timeline = heard_timeline(wav, stopped)
        cues = [(l, t) for l, t in played if CUE.match(l)]
        check_lines([l for l, _ in cues], [t for _, t in cues], timeline, "recording")
        numbers = [int(CUE.match(l).group(2)) for l, _ in cues if l.startswith("ondertitel")]
        h.check(any(b - a >= 2 for a, b in zip(numbers, numbers[1:])),
                f"the seek skipped no segment's lines: {numbers}")


def test_search_on_live_goes_back():
    """On live, / searches what has been said since listening began; Enter goes back to
    that place (time-shift), and w then says how far behind live."""
    with h.HlsServer() as hls, tempfile.TemporaryDirectory() as tmp:
        env = private_env(tmp)
        with p.PtyPlayer(["listen", hls.url("/live/index.m3u8"), "--modus", "schermlezer", "--geen-mpris",
                          "--geen-geluid", "--ondertiteling"], env=env) as player:
            idx = player.expect("ondertitel segment", 0, timeout=30, what="the first subtitle line")
            first = int(CUE.match(player.lines[idx]).group(2))
            time.sleep(14)
            player.press("/", "Zoek")
            for ch in f"segment {first}":
                player.send(ch, pause=0.03)
            line = player.press("enter", "plek")
            h.check(re.search(r"\d+ plek", line), f"search on live: {line!r}")
            idx = player.expect(f"ondertitel segment {first}", len(player.lines) - 1, timeout=5, what="the place")
            h.check(re.match(r"^\d\d\.\d\d uur", player.lines[idx]), f"a live place has its clock time: {player.lines[idx]!r}")
            line = player.press("enter", "Plek")
            line = player.press("w", "achter live")
            m = re.search(r"(\d+) seconden achter live", line)
            h.check("minu" in line or (m and int(m.group(1)) >= 15),
                    f"w after going back about 14 s before the search, beyond the live margin: {line!r}")
            player.quit()


def test_missing_track_said_once():
    """A recording without the subtitle rendition (the Kamer's on-demand master without
    start and end has none): said once, not an error; the audio plays on."""
    with h.HlsServer() as hls, tempfile.TemporaryDirectory() as tmp:
        env = private_env(tmp)
        rc, lines, err = h.run_meeluister(["listen", hls.url("/vod/index.m3u8"), "--ondertiteling", "--geen-geluid",
                                           "--duur", "6", "--geen-mpris"], env=env, timeout=60)
        said = [l for l in lines if "ondertiteling" in l.lower()]
        h.check(len(said) == 1 and "geen ondertiteling" in said[0], f"the missing track: {lines}")
        h.check(rc == 0 and any("Gestopt na 6 seconden" in l for l in lines), f"{rc} {lines} {err[-5:]}")


def test_bundled_example_has_subtitles():
    """The offline example (meeluister demo) carries a subtitle track like the Kamer's: its
    sentences appear as lines while they are spoken, and transcript prints them."""
    with tempfile.TemporaryDirectory() as tmp:
        env = private_env(tmp)
        rc, lines, err = h.run_meeluister(["demo", "--ondertiteling", "--geen-geluid", "--duur", "6", "--geen-mpris"],
                                          env=env, timeout=60)
        h.check(rc == 0, f"exit {rc}: {lines} {err[-5:]}")
        first = [i for i, l in enumerate(lines) if l == "Dit is het voorbeeld van meeluister."]
        second = [i for i, l in enumerate(lines) if l == "Het is geen opname uit de Kamer, maar"]
        h.check(first and second and first[0] < second[0], f"the example's first cues, in order: {lines}")
        h.check(not any("Thorbeckezaal." == l for l in lines), f"a line from after 6 s was printed: {lines}")
        rc, lines, err = h.run_meeluister(["transcript", "voorbeeld"], env=env, timeout=60)
        h.check(rc == 0 and "voorbeeld" in lines[0] and lines[1] == "0:00 Dit is het voorbeeld van meeluister."
                and lines[-1] == "0:36 Dit was het voorbeeld van meeluister.", f"transcript voorbeeld: {rc} {lines} {err[-3:]}")


def test_transcript_command():
    """meeluister transcript: the recording's words one line each, with its position, said
    where they come from; --uitvoer writes the file whole; live gives clock times; no track
    is a clear error, exit 1."""
    with h.HlsServer() as hls, tempfile.TemporaryDirectory() as tmp:
        env = private_env(tmp)
        vod = hls.url("/vod/index.m3u8?start=2023-12-21T11%3A15%3A00%2B01%3A00&end=2023-12-21T11%3A18%3A00%2B01%3A00")
        rc, lines, err = h.run_meeluister(["transcript", vod], env=env, timeout=60)
        h.check(rc == 0, f"exit {rc}: {err[-5:]}")
        h.check(lines[0].startswith("Bron: de ondertiteling"), f"the source is said first: {lines[:2]}")
        body = lines[1:]
        count = h.fixtures()["segments"].__len__()
        want = []
        for k in range(count):
            want.append(f"ondertitel segment {k}")
            want.append(f"brug {k}")
        texts = [l.split(" ", 1)[1] for l in body]
        h.check(texts == want, f"every cue line once, in order, roll-up merged: {texts[:6]} ... ({len(texts)} lines)")
        for k, line in enumerate(body):
            pos, _ = line.split(" ", 1)
            m, sec = pos.split(":")
            seconds = int(m) * 60 + int(sec)
            cue = (k // 2) * 3.84 + (0.2 if k % 2 == 0 else 3.6)
            h.check(abs(seconds - cue) <= 1, f"line {line!r}: position {seconds} s, the cue is at {cue:.2f} s")
        out = os.path.join(tmp, "debat.txt")
        rc, said, err = h.run_meeluister(["transcript", vod, "--uitvoer", out], env=env, timeout=60)
        h.check(rc == 0 and os.path.isfile(out), f"--uitvoer: {rc} {said} {err[-5:]}")
        with open(out, encoding="utf-8") as fh:
            h.check(fh.read().splitlines() == lines, "the file holds what stdout showed")
        h.check(not [f for f in os.listdir(tmp) if f.endswith(".deel")], "a temporary file was left")
        rc, lines, err = h.run_meeluister(["transcript", hls.url("/live/index.m3u8")], env=env, timeout=60)
        h.check(rc == 0 and "live" in lines[1], f"live: {rc} {lines[:3]} {err[-5:]}")
        h.check(all(re.match(r"^\d\d\.\d\d\.\d\d (ondertitel segment|brug) \d+$", l) for l in lines[2:]) and len(lines) > 3,
                f"live lines carry the clock time in the room: {lines}")
        rc, lines, err = h.run_meeluister(["transcript", hls.url("/vod/index.m3u8")], env=env, timeout=60)
        h.check(rc == 1 and "geen ondertiteling" in err and err.count("\n") <= 2, f"no track: {rc} {lines} {err}")


def test_transcript_from_the_verbatim_record():
    """meeluister transcript DEBATE: the verbatim record (open data: the sitting matched by
    day and room, its newest Verslag, the agenda item by its number) gives speakers and
    text, each line with its position in the recording; while the record is only Casco the
    subtitles are used, and the first line says why."""
    from api_server import ApiServer
    with h.HlsServer() as hls, tempfile.TemporaryDirectory() as tmp:
        api = ApiServer().start()
        try:
            api.set_stream_base(hls.url(""))
            env = private_env(tmp)
            args = ["transcript", "2026A05001", "--datum", "2026-10-01", *api.options()]
            rc, lines, err = h.run_meeluister(args, env=env, timeout=60)
            h.check(rc == 0, f"exit {rc}: {lines} {err[-800:]}")
            h.check(lines[0] == "Bron: het woordelijk verslag van de Tweede Kamer (nog niet gecorrigeerd).",
                    f"the source first: {lines[:2]}")
            want = ["0:20 Agendapunt: Informele Raad Buitenlandse Zaken Ontwikkelingssamenwerking",
                    "0:30 De heer White (GroenLinks-PvdA):",
                    "0:30 Voorzitter, dank u wel. De hulp aan Gaza moet omhoog.",
                    "0:30 Ik vraag de minister om een brief voor de Raad.",
                    "0:50 De heer Paternotte (D66), interruptie:",
                    "0:50 Hoeveel éxtra geld bedoelt de heer White?",
                    "1:10 De voorzitter (De Groot):",
                    "1:10 Dank u wel. Dan de minister."]
            h.check(lines[1:] == want, "the record's lines:\n" + "\n".join(lines))
            asked = [p for p, _st in api.requests()]
            h.check(any("/od/Verslag/cccccccc-0000-4000-8000-000000000002/resource" in p for p in asked),
                    f"the newest Verslag was not read: {asked}")
            # Only the Casco record: no text yet, so the subtitles, and the first line says so.
            api.reset()
            api.set_stream_base(hls.url(""))
            api.set_verslag_status("casco")
            # A speaker turn in Debat Direct's timeline, 10 s into the recording (11.15.10).
            api.add_event("5d210dbb-9be4-4c39-8640-63a8ccec5b3a", "speaker", "3fe14035-2f9c-461e-94d4-56b8c9a019e1",
                          time="2023-12-21T11:15:10+0100")
            rc, lines, err = h.run_meeluister(args + ["--uitvoer", os.path.join(tmp, "t.txt")], env=env, timeout=60)
            h.check(rc == 0, f"casco: exit {rc}: {lines} {err[-800:]}")
            with open(os.path.join(tmp, "t.txt"), encoding="utf-8") as fh:
                text = fh.read().splitlines()
            h.check("casco" in text[0] and "ondertiteling" in text[0], f"casco: the first line: {text[:2]}")
            h.check(any(l.endswith("ondertitel segment 3") for l in text), f"casco: the subtitles: {text[:5]}")
            marks = [i for i, l in enumerate(text) if "Aan het woord: Kamerlid A" in l]
            h.check(len(marks) == 1 and text[marks[0]].startswith("0:11 ") and text[marks[0] + 1] == "0:11 brug 2",
                    f"casco: the speaker turn marked before the words that follow it: {text[:12]}")
        finally:
            api.stop()


def test_player_uses_the_verbatim_record():
    """In the player, a recording of a known debate: the verbatim record (fetched beside it)
    puts the agenda items in the list of parts (d) and on the agenda level (Up/Down seek to
    them), search (/) finds its text with the speaker, and the sleep timer (z) offers the end
    of this agenda item."""
    from api_server import ApiServer
    with h.HlsServer() as hls, tempfile.TemporaryDirectory() as tmp:
        api = ApiServer().start()
        try:
            api.set_stream_base(hls.url(""))
            env = private_env(tmp)
            args = ["listen", "5d210dbb-9be4-4c39-8640-63a8ccec5b3a", "--datum", "2026-10-01", *api.options(),
                    "--modus", "schermlezer", "--geen-mpris", "--geen-geluid", "--start", "begin"]
            with p.PtyPlayer(args, env=env) as player:
                player.expect("Speelt", 0, timeout=30, what="the start")
                # The record is looked up in the background: until it is read, d knows no
                # parts ("geen sprekers"). Ask again until its agenda items are in (10 s at most).
                deadline = time.monotonic() + 10
                while True:
                    line = player.press("d", "sprekers")
                    if "agendapunten" in line or time.monotonic() > deadline:
                        break
                    if "Enter speelt" in line:
                        player.press("escape", "gesloten")
                    time.sleep(0.2)
                h.check("agendapunten: 2" in line, f"two agenda items in the list of parts: {line!r}")
                line = player.expect("Agendapunt: Opening", len(player.lines) - 1, timeout=5, what="the first item")
                line = player.press("down", "Informele Raad")
                h.check("positie 20 seconden" in line, f"the debate's agenda item at 0:20: {line!r}")
                player.press("enter", "Agendapunt: Informele Raad")
                line = player.press("w", "Positie")
                h.check(re.search(r"Positie (2\d|3\d) seconden", line), f"played from 0:20: {line!r}")
                player.press("l", "agendapunt")
                line = player.press("up", "Agendapunt: Opening")
                line = player.press("down", "Agendapunt: Informele")
                line = player.press("down", "laatste agendapunt")
                player.press("/", "Zoek")
                for ch in "minister brief":
                    player.send(ch, pause=0.03)
                line = player.press("enter", "plek")
                h.check("1 plek" in line and "woordelijk verslag" in line, f"search in the record: {line!r}")
                line = player.expect("White", len(player.lines) - 1, timeout=5, what="the place said")
                h.check("positie 0:30" in player.lines[line] and "brief voor de Raad" in player.lines[line],
                        f"the place: {player.lines[line]!r}")
                player.press("enter", "Plek 1 van 1")
                for word in ("15 minuten", "30 minuten", "60 minuten"):
                    player.press("z", word)
                line = player.press("z", "Slaaptimer")
                h.check("agendapunt" in line, f"the sleep timer offers the end of this agenda item: {line!r}")
                player.quit()
        finally:
            api.stop()


if __name__ == "__main__":
    h.main(globals())
