#!/usr/bin/env python3
"""Benchmark (not a test) of the words at the scale of a plenary day (issue 12, item 6): a
12-hour recording (11,250 segments of the loopback fixture) whose on-demand subtitle track
is one WebVTT file of 22,500 cues (two per segment, as tests/server/hls_server.py makes
them), served on 127.0.0.1.

Prints, each the median of RUNS runs:
  - meeluister transcript: the whole command (master, subtitle playlist, the 22,500-cue
    file, the audio playlist for the positions, printing), wall time and peak memory;
  - in the player (listen --ondertiteling, a pseudo-terminal, no sound device): from the
    start to the first subtitle line; a search (/ segment 11000, Enter) from Enter to the
    answer line; n (the next place) from the key to its answer;
and beside them, as peers reading the same file: ffmpeg converting the WebVTT to SRT
(parsing every cue) and grep -c on it.

Usage: python3 bench/bench_words.py   (BENCH_SEGMENTS=N for another length, RUNS=N)
Needs a build (build/meeluister) and the test media (made here when missing)."""
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))
sys.path.insert(0, os.path.join(ROOT, "tests", "server"))
os.environ.setdefault("MEELUISTER_MEDIA", os.path.join(ROOT, "build", "tests", "media"))
os.environ.setdefault("MEELUISTER_BIN", os.path.join(ROOT, "build", "meeluister"))
os.environ.setdefault("MEELUISTER_TEST_DIR", os.path.join(ROOT, "tests"))

import harness as h  # noqa: E402
import pty_player as p  # noqa: E402

SEGMENTS = int(os.environ.get("BENCH_SEGMENTS", "11250"))
RUNS = int(os.environ.get("RUNS", "5"))
QUERY = "segment 11000" if SEGMENTS > 11000 else f"segment {SEGMENTS - 10}"


def ensure_media():
    media = os.environ["MEELUISTER_MEDIA"]
    if not os.path.isfile(os.path.join(media, "fixtures.json")):
        subprocess.run([sys.executable, os.path.join(ROOT, "tests", "server", "make_fixtures.py"), media],
                       check=True)


def timed(cmd, env):
    """(wall seconds, peak RSS MB of this child, stdout lines)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.monotonic()
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    wall = time.monotonic() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if r.returncode != 0:
        raise SystemExit(f"{cmd[:2]} failed: {r.returncode} {r.stderr[-500:]}")
    # ru_maxrss of the children is the largest so far: each run is started fresh below.
    return wall, max(before, after) / 1024, r.stdout.splitlines()


def main():
    ensure_media()
    with h.HlsServer() as hls, tempfile.TemporaryDirectory() as tmp:
        hls.control(f"/control/vod?long={SEGMENTS}")
        url = hls.url("/vod/index.m3u8?start=2023-12-21T11%3A15%3A00%2B01%3A00&end=2023-12-22T00%3A00%3A00%2B01%3A00")
        vtt_url = hls.url("/vod/subtitles/nl-pol/vod.vtt")
        vtt = os.path.join(tmp, "vod.vtt")
        with urllib.request.urlopen(vtt_url, timeout=60) as r, open(vtt, "wb") as fh:
            fh.write(r.read())
        cues = sum(1 for line in open(vtt, encoding="utf-8") if "-->" in line)
        env = h.base_env({"XDG_CACHE_HOME": os.path.join(tmp, "cache"), "HOME": tmp,
                          "XDG_CONFIG_HOME": os.path.join(tmp, "c"), "XDG_STATE_HOME": os.path.join(tmp, "s")})
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        print(f"recording: {SEGMENTS} segments ({SEGMENTS * 3.84 / 3600:.1f} h), subtitle file "
              f"{os.path.getsize(vtt) / 1e6:.2f} MB, {cues} cues; {RUNS} runs, medians")

        walls, rss, lines = [], [], []
        for _ in range(RUNS):
            # A fresh Python child per run, so that ru_maxrss is this run's own.
            code = ("import resource,subprocess,sys,time;t=time.monotonic();"
                    "r=subprocess.run(sys.argv[1:],capture_output=True);"
                    "print(time.monotonic()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,"
                    " r.returncode, len(r.stdout.splitlines()))")
            out = subprocess.run([sys.executable, "-c", code, h.binary(), "transcript", url], env=env,
                                 capture_output=True, text=True, timeout=300).stdout.split()
            if out[2] != "0":
                raise SystemExit(f"transcript failed: {out}")
            walls.append(float(out[0]))
            rss.append(int(out[1]) / 1024)
            lines.append(int(out[3]))
        print(f"meeluister transcript        {statistics.median(walls) * 1000:8.0f} ms   peak {statistics.median(rss):6.1f} MB"
              f"   {lines[0]} lines")

        firsts, searches, nexts = [], [], []
        for _ in range(RUNS):
            t0 = time.monotonic()
            player = p.PtyPlayer(["listen", url, "--ondertiteling", "--modus", "schermlezer", "--geen-mpris",
                                  "--geen-geluid", "--start", "begin"], env=env)
            try:
                idx = player.expect("ondertitel segment", 0, timeout=60, what="the first subtitle line")
                firsts.append(player.started + player.line_times[idx] - t0)
                player.press("/", "Zoek")
                for ch in QUERY:
                    player.send(ch, pause=0.02)
                t = time.monotonic()
                player.press("enter", "plek", timeout=60)
                searches.append(time.monotonic() - t)
                player.press("escape", "gesloten")
                t = time.monotonic()
                player.press("n", "Plek", timeout=60)
                nexts.append(time.monotonic() - t)
                player.quit()
            finally:
                player.kill()
                player.close()
        print(f"player: first subtitle line  {statistics.median(firsts) * 1000:8.0f} ms from the start")
        print(f"player: search '{QUERY}'  {statistics.median(searches) * 1000:8.0f} ms from Enter to the answer")
        print(f"player: n (next place)       {statistics.median(nexts) * 1000:8.0f} ms from the key to the answer")

        ffmpeg, grep = [], []
        for _ in range(RUNS):
            w, _r, _l = timed(["ffmpeg", "-v", "error", "-nostdin", "-y", "-i", vtt, "-f", "srt",
                               os.path.join(tmp, "out.srt")], env)
            ffmpeg.append(w)
            w, _r, _l = timed(["grep", "-c", QUERY, vtt], env)
            grep.append(w)
        print(f"peer: ffmpeg WebVTT to SRT   {statistics.median(ffmpeg) * 1000:8.0f} ms (parsing the same file from disk)")
        print(f"peer: grep -c '{QUERY}' {statistics.median(grep) * 1000:8.0f} ms (the same file from disk)")


if __name__ == "__main__":
    main()
