"""meeluister's interactive player driven like a listener does: keys typed into a real
pseudo-terminal (stdin), the printed lines read from stdout, what was played recorded
from a PulseAudio null sink (see harness.PulseAudio). Only loopback is contacted."""
import math
import os
import pty
import re
import subprocess
import termios
import threading
import time

import harness as h

KEYS = {
    "space": b" ", "enter": b"\r", "escape": b"\x1b", "backspace": b"\x7f", "tab": b"\t",
    "up": b"\x1b[A", "down": b"\x1b[B", "right": b"\x1b[C", "left": b"\x1b[D",
    "home": b"\x1b[H", "end": b"\x1b[F", "pageup": b"\x1b[5~", "pagedown": b"\x1b[6~",
    "delete": b"\x1b[3~", "insert": b"\x1b[2~",
    "ctrl+up": b"\x1b[1;5A", "ctrl+down": b"\x1b[1;5B", "ctrl+right": b"\x1b[1;5C",
    "ctrl+left": b"\x1b[1;5D", "shift+up": b"\x1b[1;2A", "shift+down": b"\x1b[1;2B",
    "f1": b"\x1bOP", "f2": b"\x1bOQ", "f3": b"\x1bOR", "f4": b"\x1bOS",
}


def key_bytes(name):
    """The bytes a terminal sends for a key name as used in data/keys.conf."""
    if name in KEYS:
        return KEYS[name]
    if name.startswith("ctrl+") and len(name) == 6 and name[5].isalpha():
        return bytes([ord(name[5].lower()) - ord("a") + 1])
    if name.startswith("alt+") and len(name) == 5:
        return b"\x1b" + name[4].encode()
    if len(name) == 1 or len(name.encode()) <= 4:
        return name.encode()
    raise KeyError(f"no bytes known for key {name!r}")


def read_bindings(path=None):
    """[(action, [keys])] from data/keys.conf (the program's own default key file)."""
    if path is None:
        path = os.path.join(os.path.dirname(h.HERE), "..", "data", "keys.conf")
    out = []
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.split("#", 1)[0].strip()
            if "=" not in line:
                continue
            action, keys = (p.strip() for p in line.split("=", 1))
            out.append((action, keys.split()))
    return out


# What must never reach a line of the player: debate ids, addresses, hosts (issue 13).
LEAK = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|https?://|127\.0\.0\.1|\.nl\b",
                  re.IGNORECASE)


def check_no_leaks(lines):
    bad = [l for l in lines if LEAK.search(l)]
    h.check(not bad, f"ids, addresses or hosts in the listener's lines: {bad}")


class PtyPlayer(h.Meeluister):
    """meeluister with stdin on a pseudo-terminal; stdout and stderr are pipes."""

    def __init__(self, args, env=None, voice=False):
        """voice: what meeluister's own voice says (logged as 'gesproken: ...' with
        --verbose, which the caller passes) counts as a line too, so a test in `spraak` mode
        sees the answers the listener hears as well as those printed."""
        self.voice = voice
        self.master, slave = pty.openpty()
        attrs = termios.tcgetattr(slave)
        self.args = [str(a) for a in args]
        self.started = time.monotonic()
        self.lines, self.line_times, self.err = [], [], []
        self.key_times = []
        self.check_leaks = True  # quit() checks that no line holds an id, address or host
        self.proc = subprocess.Popen([h.binary(), *self.args], stdin=slave,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     env=env if env is not None else h.base_env(),
                                     start_new_session=True)
        os.close(slave)
        self.initial_attrs = attrs
        self.threads = [threading.Thread(target=self._pump, args=(self.proc.stdout, True), daemon=True),
                        threading.Thread(target=self._pump, args=(self.proc.stderr, False), daemon=True),
                        threading.Thread(target=self._drain_master, daemon=True)]
        for t in self.threads:
            t.start()

    def _stderr_line(self, text):
        super()._stderr_line(text)
        i = text.find("gesproken: ")
        if self.voice and i >= 0:
            self._add_line(text[i + len("gesproken: "):])

    def _drain_master(self):
        # Whatever the program's terminal echoes must not fill the pty's buffer.
        while True:
            try:
                if not os.read(self.master, 1024):
                    return
            except OSError:
                return

    def send(self, name, pause=0.0):
        """Type one key (a name from data/keys.conf); returns the line count before it."""
        before = len(self.lines)
        self.key_times.append((name, time.monotonic()))
        os.write(self.master, key_bytes(name))
        if pause:
            time.sleep(pause)
        return before

    def expect(self, word, after, timeout=10.0, what=""):
        """Index of the first line from `after` holding `word` (or any of a tuple of words)."""
        words = word if isinstance(word, tuple) else (word,)
        deadline = time.monotonic() + timeout
        exited = False
        while True:
            found = [i for i in (h.find_line(self.lines[after:], w) for w in words) if i is not None]
            if found:
                return after + min(found)
            if time.monotonic() > deadline or exited:
                break
            if self.proc.poll() is not None:
                # The program ended: its last lines may still be in the pipe. Let the
                # readers reach its end, then look once more.
                for t in self.threads[:2]:
                    t.join(timeout=2)
                exited = True
                continue
            time.sleep(0.03)
        raise h.TestFailure(f"no line with {word!r} after {what or 'the key'} within {timeout} s\n"
                            f"lines since: {self.lines[after:]}\nstderr: {self.err[-10:]}")

    def press(self, name, word, timeout=10.0):
        """Types a key and waits for a line holding `word`; returns that line."""
        before = self.send(name)
        idx = self.expect(word, before, timeout, what=f"key {name!r}")
        return self.lines[idx]

    def close(self):
        try:
            os.close(self.master)
        except OSError:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.kill()
        self.close()
        return False

    def quit(self, key="q", timeout=20):
        """Quits with `key`: the goodbye line, then exit 0 (checked). Returns the lines."""
        before = self.send(key)
        self.expect("Tot ziens", before, what=f"quitting with {key!r}")
        rc, lines, err = self.finish(timeout)
        h.check(rc == 0, f"quitting with {key!r} must exit 0\n" + h.show(rc, lines, err))
        if self.check_leaks:
            check_no_leaks(lines)
        return lines, err


# ---- what was played: tone level and speech ------------------------------------------
def goertzel(samples, start, n, freq, rate=h.SAMPLE_RATE):
    """Amplitude (0..1 of full scale) of `freq` in samples[start:start+n]."""
    w = 2 * math.pi * freq / rate
    coeff = 2 * math.cos(w)
    s1 = s2 = 0.0
    for x in samples[start:start + n]:
        s0 = x / 32768.0 + coeff * s1 - s2
        s2, s1 = s1, s0
    power = s1 * s1 + s2 * s2 - coeff * s1 * s2
    return 2 * math.sqrt(max(power, 0.0)) / n


def rms(samples, start, n):
    part = samples[start:start + n]
    if not part:
        return 0.0
    return math.sqrt(sum((x / 32768.0) ** 2 for x in part) / len(part))


def stream_onset(samples, first_segment=0, search_seconds=12.0, rate=h.SAMPLE_RATE):
    """Where the staircase stream began in a recording that may start with speech: found
    from the first segment boundary (the tone steps from f(k) to f(k+1)), which speech
    over the tone does not move. None when no boundary is found."""
    f0 = 300 + 50 * (first_segment % 20)
    f1 = 300 + 50 * ((first_segment + 1) % 20)
    win, step = 960, 480
    end = min(len(samples) - win, int(search_seconds * rate))
    run = 0
    for i in range(0, end, step):
        a0, a1 = goertzel(samples, i, win, f0), goertzel(samples, i, win, f1)
        run = run + 1 if (a1 > 0.02 and a1 > 3 * a0) else 0
        if run == 4:  # 40 ms of the next tone: the boundary lies at the run's start
            boundary = i - 3 * step
            return max(0, boundary - h.SEGMENT_SAMPLES + win // 2)
    return None


def windows(samples, onset, first_segment=0, win=4800):
    """Per 100 ms window fully inside one staircase segment: (start index, tone amplitude,
    residual RMS = what is not the tone, i.e. speech). The stream started at `onset`."""
    out = []
    seg = h.SEGMENT_SAMPLES
    i = onset + 2400
    while i + win <= len(samples):
        k = (i - onset) // seg
        if (i + win - onset) // seg != k:  # crosses a segment boundary: skip
            i = onset + (k + 1) * seg + 960
            continue
        f = 300 + 50 * ((first_segment + k) % 20)
        amp = goertzel(samples, i, win, f)
        total = rms(samples, i, win)
        residual = math.sqrt(max(total * total - amp * amp / 2, 0.0))
        out.append((i, amp, residual))
        i += win
    return out


def db(ratio):
    return 20 * math.log10(max(ratio, 1e-9))
