#!/usr/bin/env python3
"""`meeluister listen DEBATE` end to end: the debate sources (tests/server/api_server.py) name
stream addresses on the loopback HLS server (tests/server/hls_server.py), and the program plays
real audio into a file. A debate id, an Activiteit Nummer, a room with a live debate, and a
meeting without audio."""
import os
import tempfile
import urllib.parse

import harness as h
from api_server import ApiServer

DATE = "2026-10-01"
ENDED_ID = "5d210dbb-9be4-4c39-8640-63a8ccec5b3a"   # Klompézaal, 10.00 to 13.00: on demand
ENDED_NUMBER = "2026A05001"                          # the open data's number for that meeting
NO_AUDIO_NUMBER = "2026A05005"                       # cancelled; Debat Direct does not know it


class Setup:
    """An HLS server, an API server whose stream addresses point at it, a private cache."""

    def __enter__(self):
        self.hls = h.HlsServer().__enter__()
        self.api = ApiServer().start()
        self.api.set_stream_base(self.hls.url(""))
        self.tmp = tempfile.TemporaryDirectory()
        self.env = h.base_env({"XDG_CACHE_HOME": self.tmp.name, "HOME": self.tmp.name})
        for k in ("MEELUISTER_DEBATDIRECT_URL", "MEELUISTER_OPENDATA_URL", "MEELUISTER_WEB_URL"):
            self.env.pop(k, None)
        return self

    def __exit__(self, *exc):
        self.api.stop()
        self.hls.__exit__(*exc)
        self.tmp.cleanup()
        return False

    def listen(self, ref, seconds=8):
        out = os.path.join(self.tmp.name, "out.wav")
        args = ["listen", ref, "--output", out, "--duration", str(seconds), "--date", DATE, *self.api.options()]
        rc, lines, err = h.run_meeluister(args, env=self.env, timeout=60)
        return out, rc, lines, err


def check_on_demand(s, ref):
    out, rc, lines, err = s.listen(ref)
    ctx = h.show(rc, lines, err)
    h.check(rc == 0, "expected exit 0\n" + ctx)
    h.check(lines and lines[0] == "Opname, Klompézaal: Informele Raad Buitenlandse Zaken Ontwikkeling "
            "van 8 en 9 oktober 2026.", "the recording is not announced first (what, room, title)\n" + ctx)
    h.check(h.has_word(lines, "begin"), "no line saying it plays from the start\n" + ctx)
    h.check(not h.has_word(lines, "live"), "an ended debate announced as live\n" + ctx)
    samples, rate, channels, frames = h.load_audio(out)
    h.check(rate == 48000 and channels == 2, f"{out}: {rate} Hz, {channels} channels")
    h.check(abs(frames - 8 * rate) <= 1024, f"{frames} frames for --duration 8\n" + ctx)
    ks = h.match_staircase(h.segment_frequencies(samples, 0))
    h.check(ks == [0, 1], f"staircase {ks}, expected the recording's first two segments [0, 1]\n" + ctx)
    # The address came from the API: the room's on-demand stream, cut to the debate.
    masters = [e for e in s.hls.log() if e["path"] == "/vod/index.m3u8"]
    h.check(len(masters) == 1, f"on-demand master fetched {len(masters)} times")
    q = urllib.parse.parse_qs(masters[0]["query"])
    h.check(q.get("room") == ["klompezaal"] and q.get("date") == [DATE], f"wrong stream: {masters[0]['query']}")
    h.check(q.get("start") == ["2026-10-01T10:00:36+02:00"] and q.get("end") == ["2026-10-01T13:00:54+02:00"],
            f"the stream is not cut to the debate: {masters[0]['query']}")


def test_ended_debate_plays_as_a_recording_before_its_playlist_is_closed():
    """Just after a debate ends, the Kamer's recording of it may still lack ENDLIST. It is a
    recording all the same (issue 13: say what is true): announced as one, it starts where
    asked (--start 7.68: segment 2) instead of at a live edge, and it ends by itself once the
    playlist stops growing, with exit 0 and no stall message."""
    with Setup() as s:
        s.hls.control("/control/vod?open=1")
        out = os.path.join(s.tmp.name, "open.wav")
        args = ["listen", ENDED_ID, "--output", out, "--start", "7.68", "--date", DATE, *s.api.options()]
        rc, lines, err = h.run_meeluister(args, env=s.env, timeout=120)
        ctx = h.show(rc, lines, err)
        h.check(rc == 0, "expected exit 0\n" + ctx)
        h.check(lines and lines[0].startswith("Opname, Klompézaal"), "not announced as a recording\n" + ctx)
        h.check(not h.has_word(lines, "live"), "an ended debate called live\n" + ctx)
        h.check(not any("stil" in l or "nog niet af" in l for l in lines), "a stall or refusal said\n" + ctx)
        samples, rate, _channels, frames = h.load_audio(out)
        ks = h.match_staircase(h.segment_frequencies(samples, 0))
        h.check(ks[:2] == [2, 3], f"staircase {ks[:4]}, expected to start at segment 2 (--start 7.68)\n" + ctx)
        playlists = [e for e in s.hls.log() if e["path"].endswith("prog_index.m3u8")]
        h.check(len(playlists) >= 2, f"the open playlist was not reloaded ({len(playlists)} fetches)")


def test_debate_id_plays_on_demand():
    with Setup() as s:
        check_on_demand(s, ENDED_ID)


def test_activity_number_plays_on_demand():
    with Setup() as s:
        check_on_demand(s, ENDED_NUMBER)


def test_room_name_plays_its_live_debate():
    with Setup() as s:
        out, rc, lines, err = s.listen("plenaire zaal")
        ctx = h.show(rc, lines, err)
        h.check(rc == 0, "expected exit 0\n" + ctx)
        h.check(lines and lines[0] == "Live, Plenaire zaal: Debat over de Voorjaarsnota (vervolg).",
                "the live debate of the room is not announced first\n" + ctx)
        h.check(h.has_word(lines, "live"), "no line saying it plays live\n" + ctx)
        log = s.hls.log()
        masters = [e for e in log if e["path"] == "/live/index.m3u8"]
        h.check(len(masters) == 1 and urllib.parse.parse_qs(masters[0]["query"]).get("room") == ["plenairezaal"],
                f"not the room's live stream: {[e['query'] for e in masters]}")
        h.check(not [e for e in log if e["path"].startswith("/vod/")], "on-demand stream fetched for a live debate")
        h.check_live_output(out, 8.0, log, ctx, max_short=1)


def test_meeting_without_audio_says_so():
    with Setup() as s:
        out, rc, lines, err = s.listen(NO_AUDIO_NUMBER)
        ctx = h.show(rc, lines, err)
        h.check(rc == 1, "expected exit 1\n" + ctx)
        h.check(lines and "Staat van de volkshuisvesting" in lines[0], "debate not named\n" + ctx)
        h.check(any("Voor dit debat is geen geluid gevonden." in l for l in err.splitlines()),
                "no clear line on stderr\n" + ctx)
        h.check(h.looks_dutch(err.splitlines()[-1]), "last error line not Dutch\n" + ctx)
        h.check(not s.hls.log(), f"the stream server was asked: {s.hls.log()}")
        h.check(not os.path.exists(out) or os.path.getsize(out) == 0, "audio written for a debate without audio")


if __name__ == "__main__":
    h.main(globals())
