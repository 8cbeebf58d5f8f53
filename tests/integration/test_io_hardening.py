#!/usr/bin/env python3
"""Issue 10, the local half: outside text never reaches the terminal raw; a failed write to
--output ends with a Dutch line, exit 1 and a valid file; a closed stdout loses nothing;
Ctrl+C and SIGTERM end every phase within a second (130/143); a FIFO as config or state
file does not hang; --duration and --output are checked up front.
Everything runs against loopback servers (tests/server/ and io_helpers.py)."""
import os
import signal
import stat
import subprocess
import tempfile
import time

import harness as h
import io_helpers as io
import api_server
from api_server import ApiServer

DATE = "2026-10-01"
ENDED_ID = "5d210dbb-9be4-4c39-8640-63a8ccec5b3a"
VOD = "/vod/index.m3u8?count=6&hd=1&subtitles=vod&keyframes=1"  # 6 segments, 23 s


def private_env(tmp, extra=None):
    env = h.base_env({"XDG_CACHE_HOME": os.path.join(tmp, "cache"), "HOME": tmp,
                      "XDG_CONFIG_HOME": os.path.join(tmp, "config"),
                      "XDG_STATE_HOME": os.path.join(tmp, "state")})
    for k in ("MEELUISTER_DEBATDIRECT_URL", "MEELUISTER_OPENDATA_URL", "MEELUISTER_WEB_URL"):
        env.pop(k, None)
    env.update(extra or {})
    return env


# ---- 1. terminal injection -----------------------------------------------------------------
def test_hostile_debate_title_never_reaches_the_terminal_raw():
    with tempfile.TemporaryDirectory() as tmp, h.HlsServer() as hls:
        saved = api_server.FIXTURES
        api_server.FIXTURES = io.hostile_fixtures(tmp)  # the module reads it per request
        try:
            api = ApiServer().start()
            api.set_stream_base(hls.url(""))
            env = private_env(tmp)
            out = os.path.join(tmp, "out.wav")
            runs = {
                "today": ["today", "--date", DATE],
                "show": ["show", ENDED_ID, "--date", DATE],
                "read": ["read", ENDED_ID, "--date", DATE, "--output", os.path.join(tmp, "read.wav")],
                "listen": ["listen", ENDED_ID, "--date", DATE, "--output", out, "--duration", "2"],
            }
            for name, args in runs.items():
                rc, stdout, stderr, secs = io.run_bytes([*args, *api.options(), "--verbose"], env, timeout=120)
                ctx = f"{name}: rc {rc} in {secs:.1f} s\nstdout {stdout[-600:]!r}\nstderr {stderr[-600:]!r}"
                h.check(rc == 0, "expected exit 0\n" + ctx)
                text = io.check_printable(stdout, name + " stdout")
                io.check_printable(stderr, name + " stderr")
                lines = [l for l in text.splitlines() if "liam" in l]  # the hostile title's lines
                h.check(lines, f"{name}: the debate's title is not shown at all\n" + ctx)
                h.check(all("Ontwikkeling" in l and "PWNED" not in l and "[2J" not in l for l in lines),
                        f"{name}: escape sequences not removed whole: {lines}")
                h.check(secs < 100, ctx)
            api.stop()
        finally:
            api_server.FIXTURES = saved


def test_hostile_playlist_lines_never_reach_the_terminal_raw():
    bad = (b"#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXTINF:4.0,\n"
           b"\x1b]0;PWNED\x07seg\x1b[2J\x00\xe2\x80\xae\xff.ts\n#EXT-X-ENDLIST\n")
    with tempfile.TemporaryDirectory() as tmp, io.StaticServer({"/bad.m3u8": bad}) as srv:
        env = private_env(tmp)
        rc, stdout, stderr, secs = io.run_bytes(
            ["listen", srv.url("/bad.m3u8"), "--output", os.path.join(tmp, "o.wav"), "--verbose"], env, timeout=120)
        ctx = f"rc {rc} in {secs:.1f} s\nstdout {stdout[-600:]!r}\nstderr {stderr[-900:]!r}"
        h.check(rc != 0, "a playlist whose only segment cannot be fetched ended with exit 0\n" + ctx)
        io.check_printable(stdout, "stdout")
        io.check_printable(stderr, "stderr")
        h.check(b"PWNED" not in stdout + stderr, "an OSC sequence was only half removed\n" + ctx)


# ---- 2. writes that cannot be lost ---------------------------------------------------------
def test_full_disk_ends_with_a_dutch_line_exit_1_and_a_valid_file():
    with tempfile.TemporaryDirectory() as tmp, h.HlsServer() as hls:
        for ext, limit in (("wav", 1_200_000), ("flac", 400_000)):
            env = private_env(os.path.join(tmp, ext) + os.sep)  # its own state: no resume point
            os.makedirs(os.path.join(tmp, ext))
            out = os.path.join(tmp, "vol." + ext)
            rc, stdout, stderr, secs = io.run_bytes(["listen", hls.url(VOD), "--output", out], env,
                                                    timeout=60, preexec=io.fill_limit(limit))
            text = stdout.decode("utf-8", "replace")
            ctx = f"{ext}: rc {rc} in {secs:.1f} s\nstdout {text!r}\nstderr {stderr[-600:]!r}"
            h.check(rc == 1, "a failed write must end with exit 1\n" + ctx)
            h.check("Afgelopen" not in text, "success claimed after a failed write\n" + ctx)
            # The failed write ends the command: its line is on stderr.
            failure = [l for l in stderr.decode("utf-8", "replace").splitlines() if "mislukt" in l and out in l]
            h.check(len(failure) == 1 and h.looks_dutch(failure[0]) and "groter dan toegestaan" in failure[0],
                    "no one clear Dutch line naming the file and why\n" + ctx)
            h.check(secs < 30, "took too long to end\n" + ctx)
            h.check(os.path.getsize(out) <= limit, f"{out}: larger than the limit")
            samples, rate, channels, frames = h.load_audio(out)  # ffmpeg decodes the FLAC
            h.check(rate == 48000 and channels == 2, f"{out}: {rate} Hz {channels} ch")
            h.check(frames >= rate, f"{out}: only {frames} frames kept before the failure\n" + ctx)
            if ext == "wav":
                # The header counts exactly the whole frames there are.
                h.check(44 + frames * 4 == os.path.getsize(out), f"{out}: header and size disagree")
                said = int(failure[0].split("eerste ")[1].split(" ")[0]) if "eerste " in failure[0] else 1
                h.check(abs(frames / rate - said) < 1.01, f"the line says {said} s, the file holds {frames / rate:.2f} s")
            ks = h.match_staircase(h.segment_frequencies(samples, 0))
            h.check(ks and ks[0] == 0, f"{out}: what was kept is not the recording's start: {ks}")


def test_unwritable_output_is_said_in_dutch_without_libsndfile_english():
    with tempfile.TemporaryDirectory() as tmp, h.HlsServer() as hls:
        env = private_env(tmp)
        out = os.path.join(tmp, "geen-map", "x.wav")
        rc, stdout, stderr, secs = io.run_bytes(["listen", hls.url(VOD), "--output", out], env, timeout=60)
        text = stdout.decode()
        ctx = f"rc {rc}\nstdout {text!r}\nstderr {stderr!r}"
        h.check(rc == 1, "expected exit 1\n" + ctx)
        h.check("die map bestaat niet" in text, "no Dutch reason\n" + ctx)
        h.check("System error" not in text and "No such file" not in text, "English text shown\n" + ctx)


def test_closed_stdout_leaves_a_complete_wav():
    with tempfile.TemporaryDirectory() as tmp, h.HlsServer() as hls:
        env = private_env(tmp)
        out = os.path.join(tmp, "pijp.wav")
        cmd = f"'{h.binary()}' listen '{hls.url(VOD)}' --output '{out}' --duration 6 | head -1; " \
              "echo \"rc=${PIPESTATUS[0]}\""
        t0 = time.monotonic()
        p = subprocess.run(["bash", "-c", cmd], env=env, capture_output=True, text=True, timeout=60)
        ctx = f"stdout {p.stdout!r}\nstderr {p.stderr[-600:]!r}"
        h.check(p.stdout.strip().endswith("rc=0"), "meeluister did not end with exit 0 behind a closed pipe\n" + ctx)
        samples, rate, channels, frames = h.load_audio(out)
        h.check(abs(frames - 6 * rate) <= 1024, f"{frames} frames for --duration 6\n" + ctx)
        h.check(44 + frames * 4 == os.path.getsize(out), "WAV header not finalised\n" + ctx)
        h.check(time.monotonic() - t0 < 50, ctx)


# ---- 3. signals in every phase -------------------------------------------------------------
def check_signal_while_resolving(sig, want):
    with tempfile.TemporaryDirectory() as tmp, io.StallServer() as stall:
        env = private_env(tmp)
        proc = subprocess.Popen([h.binary(), "listen", ENDED_ID, "--date", DATE,
                                 "--output", os.path.join(tmp, "x.wav"), *stall.options()],
                                env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            h.check(stall.arrived.wait(30), "meeluister never asked the API")
            time.sleep(0.3)
            rc, secs = io.signal_and_time(proc, sig, 1.0)
        finally:
            if proc.poll() is None:
                proc.kill()
        stdout, stderr = proc.communicate(timeout=10)
        ctx = f"rc {rc} after {secs:.2f} s\nstdout {stdout!r}\nstderr {stderr[-600:]!r}"
        h.check(rc == want, f"expected exit {want}\n" + ctx)
        h.check(secs <= 1.0, "did not end within 1 s\n" + ctx)
        h.check(stdout.decode().splitlines() == ["Gestopt."], "expected the one line 'Gestopt.'\n" + ctx)


def test_ctrl_c_while_resolving_against_a_stalled_api():
    check_signal_while_resolving(signal.SIGINT, 130)


def test_sigterm_while_resolving_against_a_stalled_api():
    check_signal_while_resolving(signal.SIGTERM, 143)


def test_sigterm_and_ctrl_c_while_today_fetches_from_a_stalled_api():
    for sig, want in ((signal.SIGTERM, 143), (signal.SIGINT, 130)):
        with tempfile.TemporaryDirectory() as tmp, io.StallServer() as stall:
            proc = subprocess.Popen([h.binary(), "today", "--date", DATE, *stall.options()], env=private_env(tmp),
                                    stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            try:
                h.check(stall.arrived.wait(30), "today never asked the API")
                rc, secs = io.signal_and_time(proc, sig, 1.0)
            finally:
                if proc.poll() is None:
                    proc.kill()
            proc.communicate(timeout=10)
            h.check(rc == want and secs <= 1.0, f"today: exit {rc} after {secs:.2f} s on signal {sig}")


def test_ctrl_c_while_the_days_list_is_fetched_from_a_stalled_api():
    """meeluister without a command fetches the day's debates before its menu reads keys:
    that phase ends on a signal too (the UiContext's watch), with 'Gestopt.'."""
    for sig, want in ((signal.SIGINT, 130), (signal.SIGTERM, 143)):
        with tempfile.TemporaryDirectory() as tmp, io.StallServer() as stall:
            proc = subprocess.Popen([h.binary(), "--date", DATE, *stall.options()], env=private_env(tmp),
                                    stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            try:
                h.check(stall.arrived.wait(30), "meeluister never asked the API")
                time.sleep(0.3)
                rc, secs = io.signal_and_time(proc, sig, 1.0)
            finally:
                if proc.poll() is None:
                    proc.kill()
            stdout, stderr = proc.communicate(timeout=10)
            ctx = f"rc {rc} after {secs:.2f} s\nstdout {stdout!r}\nstderr {stderr[-600:]!r}"
            h.check(rc == want and secs <= 1.0, f"expected exit {want} within 1 s\n" + ctx)
            h.check(stdout.decode().splitlines() == ["Gestopt."], "expected the one line 'Gestopt.'\n" + ctx)


# ---- 4. FIFOs where files belong -----------------------------------------------------------
def test_fifo_as_config_and_as_state_file_does_not_hang():
    with tempfile.TemporaryDirectory() as tmp, h.HlsServer() as hls:
        env = private_env(tmp)
        for folder in ("config", "state"):
            os.makedirs(os.path.join(tmp, folder, "meeluister"))
        config = os.path.join(tmp, "config", "meeluister", "config")
        state = os.path.join(tmp, "state", "meeluister", "posities.tsv")
        os.mkfifo(config)
        os.mkfifo(state)
        out = os.path.join(tmp, "f.wav")
        rc, stdout, stderr, secs = io.run_bytes(["listen", hls.url(VOD), "--output", out, "--duration", "3"],
                                                env, timeout=60)
        err = stderr.decode()
        ctx = f"rc {rc} in {secs:.1f} s\nstdout {stdout!r}\nstderr {err[-800:]!r}"
        h.check(rc == 0, "expected exit 0\n" + ctx)
        h.check(f"{config} is geen gewoon bestand" in err, "the FIFO config is not named in a warning\n" + ctx)
        h.check(stat.S_ISFIFO(os.stat(state).st_mode), "the FIFO state file was replaced")
        samples, rate, channels, frames = h.load_audio(out)
        h.check(abs(frames - 3 * rate) <= 1024, f"{frames} frames for --duration 3")
        h.check(secs < 40, ctx)


def test_binary_config_gives_one_warning_not_megabytes():
    with tempfile.TemporaryDirectory() as tmp, h.HlsServer() as hls:
        env = private_env(tmp)
        os.makedirs(os.path.join(tmp, "config", "meeluister"))
        with open(os.path.join(tmp, "config", "meeluister", "config"), "wb") as fh:
            fh.write(bytes((i * 7919) % 256 for i in range(3_000_000)))
        rc, stdout, stderr, secs = io.run_bytes(["listen", hls.url(VOD), "--output", os.path.join(tmp, "b.wav"),
                                                 "--duration", "1"], env, timeout=60)
        ctx = f"rc {rc}\nstderr {stderr[-800:]!r}"
        h.check(rc == 0, ctx)
        h.check(len(stderr) < 2000, f"{len(stderr)} bytes of warnings\n" + ctx)
        h.check(b"geen tekstbestand" in stderr, "no warning naming the binary file\n" + ctx)
        # Many bad lines: five warnings, then one summary.
        with open(os.path.join(tmp, "config", "meeluister", "config"), "w") as fh:
            fh.write("".join(f"onzin{i} = {i}\n" for i in range(50_000)))
        rc, stdout, stderr, secs = io.run_bytes(["listen", hls.url(VOD), "--output", os.path.join(tmp, "b.wav"),
                                                 "--duration", "1"], env, timeout=60)
        warn = [l for l in stderr.decode().splitlines() if "regel" in l or "instellingen" in l]
        h.check(rc == 0 and len(warn) == 6 and "nog 49995 andere" in warn[-1], f"warnings: {warn[:8]}")


# ---- 5. options checked up front -------------------------------------------------------
def test_duration_and_output_type_are_checked_before_anything_runs():
    with tempfile.TemporaryDirectory() as tmp:
        env = private_env(tmp)
        for bad in ("1e300", "0", "86401", "nan", "-1", "inf"):
            rc, stdout, stderr, secs = io.run_bytes(["listen", "http://127.0.0.1:9/x.m3u8", "--duration", bad,
                                                     "--output", os.path.join(tmp, "d.wav")], env, timeout=30)
            err = stderr.decode()
            # Said with the option's Dutch name (--duration is its old name).
            h.check(rc == 2 and "--duur" in err and h.looks_dutch(err), f"--duration {bad}: rc {rc} {err!r}")
            h.check(not stdout, f"--duration {bad}: printed {stdout!r}")
        out = os.path.join(tmp, "x.mp3")
        for cmd in (["listen", "http://127.0.0.1:9/x.m3u8"], ["say", "hallo"], ["read", "voorbeeld"]):
            rc, stdout, stderr, secs = io.run_bytes([*cmd, "--output", out], env, timeout=30)
            err = stderr.decode()
            h.check(rc == 2 and ".wav, .flac" in err and "x.mp3" in err, f"{cmd}: rc {rc} {err!r}")
            h.check(not os.path.exists(out), f"{cmd}: {out} was written")


if __name__ == "__main__":
    h.main(globals())
