#!/usr/bin/env python3
"""Live announcements in the interactive player: `meeluister listen "plenaire zaal"`
plays the live debate from loopback fixtures (api_server names streams on hls_server)
while the test adds Debat Direct events; the player announces the new speaker, an
interruption, a suspension and its end, summarises a burst, and keeps quiet when the
listener switched announcements off (key v). Keys through a pseudo-terminal."""
import json
import os
import re
import tempfile
import time

import harness as h
import pty_player as p
from api_server import ApiServer

DATE = "2026-10-01"
LIVE_ID = "11111111-aaaa-4bbb-8ccc-000000000002"   # plenaire zaal, live in the fixtures
MEMBER_D = "b5363002-d06e-4813-9c05-86fe74185a56"  # Kamerlid D, SP
MEMBER_F = "8EAA8995-7E34-47E6-BD85-250E60452B3F"  # Kamerlid F, PRO (id in upper case)
MEMBER_A = "3fe14035-2f9c-461e-94d4-56b8c9a019e1"  # Kamerlid A
MEMBER_B = "ed1edc27-18bb-47cd-a617-01bcbec765a2"  # Kamerlid B
MEMBER_E = "bab21bc5-8703-4fe7-96f4-c0364573adfc"  # Kamerlid E


def iso(offset):
    t = time.time() + offset
    return time.strftime("%Y-%m-%dT%H:%M:%S+0000", time.gmtime(t))


def test_live_events_are_announced():
    with h.HlsServer() as hls, tempfile.TemporaryDirectory() as tmp:
        api = ApiServer().start()
        try:
            api.set_stream_base(hls.url(""))
            env = h.base_env({"XDG_CACHE_HOME": os.path.join(tmp, "cache"), "HOME": tmp,
                              "XDG_CONFIG_HOME": os.path.join(tmp, "c"), "XDG_STATE_HOME": os.path.join(tmp, "s"),
                              "MEELUISTER_POLL_SECONDS": "0.3"})
            env.pop("DBUS_SESSION_BUS_ADDRESS", None)
            with p.PtyPlayer(["listen", "plenaire zaal", "--date", DATE, *api.options(), "--null-output",
                              "--modus", "schermlezer", "--geen-mpris"], env=env) as player:
                player.expect("hulp", 0, timeout=30, what="the start")
                start = len(player.lines)
                h.check(h.has_word(player.lines, "Voorjaarsnota"), f"debate not named: {player.lines}")
                before = len(player.lines)
                api.add_event(LIVE_ID, "speaker", MEMBER_D, iso(0))
                line = player.lines[player.expect("Aan het woord", before, timeout=8, what="a new speaker")]
                h.check("Kamerlid D" in line and "SP" in line, f"speaker line: {line!r}")
                before = len(player.lines)
                api.add_event(LIVE_ID, "interrupter", MEMBER_F, iso(1))
                line = player.lines[player.expect("Interruptie", before, timeout=8)]
                h.check("Kamerlid F" in line, f"interruption line: {line!r}")
                before = len(player.lines)
                api.add_event(LIVE_ID, "suspended", LIVE_ID, iso(2))
                player.expect("geschorst", before, timeout=8)
                before = len(player.lines)
                api.add_event(LIVE_ID, "continued", LIVE_ID, iso(3))
                player.expect("hervat", before, timeout=8)
                # A burst: five speakers at once give one summarising line, not five.
                before = len(player.lines)
                for i, who in enumerate((MEMBER_A, MEMBER_B, MEMBER_E, MEMBER_D, MEMBER_F)):
                    api.add_event(LIVE_ID, "speaker", who, iso(4 + i))
                idx = player.expect("overgeslagen", before, timeout=8, what="a burst")
                time.sleep(1.0)
                said = [l for l in player.lines[before:] if "Aan het woord" in l or "overgeslagen" in l]
                h.check(len(said) == 1, f"a burst must be one line, got {said}")
                h.check("Kamerlid F" in player.lines[idx], f"the newest speaker is named: {player.lines[idx]!r}")
                # Where am I knows the current speaker.
                player.press("w", "Aan het woord")
                # Announcements off (v: alles -> sprekers -> uit): a new speaker is not said.
                player.press("v", "sprekers")
                before = len(player.lines)
                api.add_event(LIVE_ID, "suspended", LIVE_ID, iso(10))
                time.sleep(1.5)
                h.check(h.find_line(player.lines[before:], "geschorst") is None,
                        "speakers-only announced a suspension")
                player.press("v", "uit")
                before = len(player.lines)
                api.add_event(LIVE_ID, "speaker", MEMBER_A, iso(11))
                time.sleep(1.5)
                h.check(h.find_line(player.lines[before:], "Aan het woord") is None,
                        f"announcements off, yet: {player.lines[before:]}")
                player.press("e", "live")
                lines, _err = player.quit()
                p.check_no_leaks(lines[start:])
        finally:
            api.stop()


def test_day_list_to_live_debate_in_one_key():
    """`meeluister` with no command: the day's list, live first; Enter listens to it,
    Escape comes back to the list, a number picks another, q quits. Plays through a
    private PulseAudio (the no-command start always uses the sound device)."""
    with h.HlsServer() as hls, h.PulseAudio() as pa, tempfile.TemporaryDirectory() as tmp:
        api = ApiServer().start()
        try:
            api.set_stream_base(hls.url(""))
            env = pa.env({"XDG_CACHE_HOME": os.path.join(tmp, "cache"),
                          "XDG_CONFIG_HOME": os.path.join(tmp, "c"), "XDG_STATE_HOME": os.path.join(tmp, "s")})
            env.pop("DBUS_SESSION_BUS_ADDRESS", None)
            with p.PtyPlayer(["--date", DATE, *api.options(), "--modus", "schermlezer", "--geen-mpris"],
                             env=env) as player:
                # One line first: how many, the first debate (status first) and the key.
                intro = player.expect("Enter", 0, timeout=30, what="the day's list")
                h.check("Debatten op" in player.lines[intro], f"intro: {player.lines[intro]!r}")
                first = player.expect("1.", intro, timeout=10)
                h.check(player.lines[first].startswith(("1. Live", "1. Geschorst")),
                        f"a live (or suspended) debate comes first, status first: {player.lines[first]!r}")
                before = player.send("enter")
                player.expect(("Live", "Geschorst"), before, timeout=20, what="Enter")
                player.expect("live", before, timeout=30, what="Enter")
                before = player.send("escape")
                player.expect("lijst", before, timeout=10)
                line = player.lines[player.expect("1.", before, timeout=10)]
                h.check(line.startswith("1."), f"back on the list at the same debate: {line!r}")
                player.press("2", "2.")
                player.press("down", "3.")
                player.press("up", "2.")
                player.press("i", "Waar")
                player.quit()
        finally:
            api.stop()


def tone_index(samples, i, win=2400):
    """Which of the staircase's 20 tones (segment k plays 300 + 50 * (k % 20) Hz) sounds
    in samples[i:i+win]; None when none stands out."""
    amps = [p.goertzel(samples, i, win, 300 + 50 * k) for k in range(20)]
    best = max(range(20), key=lambda k: amps[k])
    return best if amps[best] > 0.02 else None


def test_time_shift_on_live():
    """A live stream is a recording that still grows (issue 14): Left goes back 10 s, also
    before the playlist's window (a window of 3 segments: the segments that left it are
    fetched by their names); w says how far behind live; ] catches up at up to 2x and drops
    to 1x at live by itself, said in one line; e is live again. Played into a real
    PulseAudio null sink and recorded: the staircase tone steps back 2 or 3 segments."""
    with h.HlsServer(window=3) as hls, h.PulseAudio() as pa, tempfile.TemporaryDirectory() as tmp:
        wav = os.path.join(tmp, "heard.wav")
        rec = pa.record(wav)
        time.sleep(0.3)
        env = pa.env({"XDG_CACHE_HOME": os.path.join(tmp, "cache"), "HOME": tmp,
                      "XDG_CONFIG_HOME": os.path.join(tmp, "c"), "XDG_STATE_HOME": os.path.join(tmp, "s")})
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        with p.PtyPlayer(["listen", hls.url("/live/index.m3u8"), "--modus", "schermlezer", "--geen-mpris"],
                         env=env) as player:
            player.expect("live", 0, timeout=30, what="the live start")
            time.sleep(8)
            before_seek = len(hls.log())
            line = player.press("left", "achter live")
            h.check(line.startswith("Terug naar"), f"Left on live goes back: {line!r}")
            time.sleep(6)
            line = player.press("w", "achter live")
            m = re.search(r"(\d+) seconden achter live", line)
            h.check(m and 17 <= int(m.group(1)) <= 30, f"w after going back 10 s: {line!r}")
            line = player.press("t", "achter live")
            for _ in range(4):
                line = player.press("]", "Snelheid")
            h.check("2 keer" in line and "live" in line, f"catching up at 2x until live: {line!r}")
            idx = player.expect("gewone snelheid", len(player.lines), timeout=25, what="the end of catching up")
            h.check("bij live" in player.lines[idx], f"at live, normal speed: {player.lines[idx]!r}")
            line = player.press("]", "Sneller dan live")  # at live: no faster
            player.press("left", "achter live")
            player.press("e", "live")
            player.quit()
        time.sleep(0.3)
        rec.stop()
        requests = hls.log()
        seqs = [r["seq"] for r in requests[:before_seek] if r.get("seq") is not None]
        after = [r["seq"] for r in requests[before_seek:] if r.get("seq") is not None]
        h.check(seqs and after and min(after) <= max(seqs) - 3,
                f"no segment from before the window fetched after going back: before {seqs}, after {after}")
        samples, rate, _ch, _frames = h.load_audio(wav)
        heard = [tone_index(samples, i) for i in range(0, len(samples) - 2400, rate // 4)]
        tones = [k for k in heard if k is not None]
        steps = [(b - a) % 20 for a, b in zip(tones, tones[1:]) if a != b]
        h.check(steps and steps[0] == 1, f"the stream did not play on segment by segment first: {steps}")
        if os.environ.get("ML_DEBUG"):
            print("heard", heard, "\nbefore", seqs, "\nafter", after, "\n", player.lines, "\n", player.err[-20:])
        back = [st for st in steps if st in (17, 18)]
        h.check(back, f"no step back of 2 or 3 segments in what was heard: {steps}")


def _room_clock(utc):
    """"14.05.09": a UTC second as the clock in the room (Europe/Amsterdam)."""
    from zoneinfo import ZoneInfo
    import datetime
    t = datetime.datetime.fromtimestamp(utc, ZoneInfo("Europe/Amsterdam"))
    return t.strftime("%H.%M.%S")


def go_to(player, utc, answer):
    """g, the room's clock time of `utc` typed, Enter: the answer line (with `answer`)."""
    player.press("g", "Ga naar")
    for ch in _room_clock(utc):
        player.send(ch, pause=0.02)
    return player.press("enter", answer)


def test_time_shift_into_the_days_recording():
    """Further back than the Kamer keeps a live broadcast (issue 14 item 1): the debate's
    recording of the day (its vodUrl cut from the start, no end yet) plays, placed by the
    clock. The loopback stream has been live for an hour (--history 3600) and keeps
    segments 45 minutes after they left the window. Home goes to the debate's start, g with
    a clock time 50 minutes back plays the day's recording from that segment, g with a clock
    time 10 minutes back is the live stream's own segments again, e is live; w says how far
    behind and that it comes from the day's recording. The requests tell what was played."""
    with h.HlsServer(window=3, history=3600, retention=2700) as hls, tempfile.TemporaryDirectory() as tmp:
        api = ApiServer().start()
        try:
            api.set_stream_base(hls.url(""))
            env = h.base_env({"XDG_CACHE_HOME": os.path.join(tmp, "cache"), "HOME": tmp,
                              "XDG_CONFIG_HOME": os.path.join(tmp, "c"), "XDG_STATE_HOME": os.path.join(tmp, "s")})
            env.pop("DBUS_SESSION_BUS_ADDRESS", None)
            with open(os.path.join(h.media_dir(), "fixtures.json")) as fh:
                info = json.load(fh)
            base = info["base_ticks"] / 1e7
            step = info["ticks_per_segment"] / 1e7

            def day_seqs(since):
                return [r["seq"] for r in hls.log()[since:]
                        if r.get("seq") is not None and r["path"].startswith("/vod/")]

            def live_seqs(since):
                return [r["seq"] for r in hls.log()[since:]
                        if r.get("seq") is not None and r["path"].startswith("/live/")]

            with p.PtyPlayer(["listen", "plenaire zaal", "--date", DATE, *api.options(), "--null-output",
                              "--modus", "schermlezer", "--geen-mpris"], env=env) as player:
                player.expect("hulp", 0, timeout=30, what="the start")
                time.sleep(3)
                mark = len(hls.log())
                line = player.press("home", "begin van het debat")
                time.sleep(4)
                seqs = day_seqs(mark)
                h.check(seqs and min(seqs) == 0, f"Home: the day's recording from its start, got {seqs}")
                line = player.press("w", "achter live")
                h.check("uit de opname van vandaag" in line and re.search(r"\b1 uur\b", line),
                        f"w on the day's recording: {line!r}")
                # g with a clock time 50 minutes back: the day's recording from that segment.
                edge_seq = json.loads(h.http_get(hls.url("/control/live"))[1])["now_seq"] + 1
                target = base + edge_seq * step - 3000
                mark = len(hls.log())
                line = go_to(player, target, "achter live")
                h.check(line.startswith("Naar ") and "50 minuten" in line and "opname van vandaag" in line,
                        f"g 50 minutes back: {line!r}")
                time.sleep(4)
                seqs = day_seqs(mark)
                want = int((target - base) // step)
                h.check(seqs and abs(min(seqs) - want) <= 1, f"g 50 minutes back: segment {want} wanted, got {seqs}")
                # g 10 minutes back: within what the live stream keeps, its own segments.
                target = base + edge_seq * step - 600
                mark = len(hls.log())
                line = go_to(player, target, "achter live")
                h.check("10 minuten" in line and "opname" not in line, f"g 10 minutes back: {line!r}")
                time.sleep(4)
                seqs, day = live_seqs(mark), day_seqs(mark)
                want = int((target - base) // step)
                h.check(seqs and abs(min(seqs) - want) <= 2 and not day,
                        f"g 10 minutes back: live segment {want} wanted, got {seqs} (day {day})")
                line = player.press("w", "achter live")
                h.check("opname van vandaag" not in line, f"w on the live stream: {line!r}")
                # Back into the day's recording, then e: live.
                go_to(player, base + edge_seq * step - 3300, "opname van vandaag")
                time.sleep(2)
                mark = len(hls.log())
                player.press("e", "live")
                time.sleep(4)
                seqs, day = live_seqs(mark), day_seqs(mark)
                newest = json.loads(h.http_get(hls.url("/control/live"))[1])["now_seq"]
                h.check(seqs and min(seqs) >= newest - 5 and not day, f"e: live again, got {seqs} (day {day})")
                # No day's recording to be had (its master answers 404): one line, and the
                # earliest the live stream keeps instead.
                hls.control("/control/vod?day=missing")
                mark = len(hls.log())
                player.press("home", "begin van het debat")
                line = player.lines[player.expect("niet te krijgen", len(player.lines) - 1, timeout=20,
                                                  what="the missing day's recording said")]
                h.check("vroegste" in line, f"what comes instead is not said: {line!r}")
                time.sleep(4)
                seqs = live_seqs(mark)
                newest = json.loads(h.http_get(hls.url("/control/live"))[1])["now_seq"]
                h.check(seqs and abs(min(seqs) - (newest - 2700 / step)) <= 4,
                        f"after the failed day's recording: about 45 minutes back on live, got {seqs[:5]} (newest {newest})")
                # A day's recording with nothing in it yet (a stub playlist): the same, said so.
                hls.control("/control/vod?day=stub")
                player.press("e", "live")
                time.sleep(2)
                player.press("home", "begin van het debat")
                line = player.lines[player.expect("Naar het vroegste", len(player.lines) - 1, timeout=20,
                                                  what="the empty day's recording said")]
                h.check("opname van vandaag" in line, f"the empty day's recording: {line!r}")
                lines, _err = player.quit()
                p.check_no_leaks(lines)
        finally:
            api.stop()


if __name__ == "__main__":
    h.main(globals())
