"""A real console screen reader listening to meeluister: Debian's `yasr` runs the program in a
pseudo-terminal and speaks each new line through a PRIVATE speech-dispatcher (own config
folder, own port on 127.0.0.1, never the user's), whose only output module is sd_generic
with a command that appends each utterance to a file. That file is what the listener hears
from the screen reader. meeluister's own voice is the other stream: with `--verbose` Output
logs each line it speaks ("gesproken: ...") to stderr, which the wrapper sends to a file so
the screen reader never sees it.

    with ScreenReader(["demo", "--null-output"], env) as sr:
        sr.wait_heard("Voorbeeld", 20)
        sr.send("w"); ...
        sr.heard()    # [utterances of the screen reader]
        sr.spoken()   # [lines meeluister's own voice said]
        sr.printed    # [(time, line)] as the terminal showed them

Only loopback is contacted. yasr needs HOME (its ~/.yasr.conf): HOME is a temp folder.
"""
import os
import pty
import re
import select
import shlex
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time

import harness as h

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>]")
SEPARATOR = "--utterance--"


def available():
    """(True, "") when yasr and speech-dispatcher with sd_generic are installed."""
    for exe in ("yasr", "speech-dispatcher"):
        if shutil.which(exe) is None:
            return False, f"{exe} is not installed (apt-get install yasr speech-dispatcher)"
    if not os.path.exists("/usr/lib/speech-dispatcher-modules/sd_generic"):
        return False, "speech-dispatcher's sd_generic module is missing"
    return True, ""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def words(text):
    """Lower-case words of a text, punctuation dropped (for comparing what was said)."""
    return re.findall(r"\w+", text.lower())


class SpeechDispatcher:
    """A private speech-dispatcher on a free loopback port; utterances appended to `heard`."""

    def __init__(self, folder):
        self.folder = folder
        self.port = free_port()
        self.heard_path = os.path.join(folder, "heard.txt")
        conf = os.path.join(folder, "speechd")
        os.makedirs(os.path.join(conf, "modules"))
        with open(os.path.join(conf, "speechd.conf"), "w") as fh:
            fh.write(f'CommunicationMethod "inet_socket"\nPort {self.port}\nLogLevel 2\n'
                     'DefaultLanguage "en"\nAudioOutputMethod "libao"\n'
                     'AddModule "file" "sd_generic" "file.conf"\nDefaultModule file\n')
        # $DATA is quoted by sd_generic (it escapes single quotes); one utterance, then a separator.
        with open(os.path.join(conf, "modules", "file.conf"), "w") as fh:
            fh.write(f"GenericExecuteSynth \"printf '%s\\\\n{SEPARATOR}\\\\n' \\'$DATA\\' >> {self.heard_path}\"\n"
                     'GenericDelimiters ""\nGenericMaxChunkLength 100000\n'
                     'AddVoice "en" "MALE1" "en"\nAddVoice "nl" "MALE1" "nl"\n')
        with open(os.path.join(folder, ".libao"), "w") as fh:
            fh.write("default_driver=null\n")  # the module's audio goes nowhere
        env = h.base_env({"HOME": folder})
        env.pop("SPEECHD_ADDRESS", None)
        self.proc = subprocess.Popen(["speech-dispatcher", "-s", "-c", "inet_socket", "-p", str(self.port),
                                      "-C", conf, "-L", folder, "-t", "0"],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=open(os.path.join(folder, "speechd.err"), "w"), env=env)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                h.check(self.proc.poll() is None, "the private speech-dispatcher did not start")
                time.sleep(0.05)
        raise h.TestFailure("the private speech-dispatcher did not listen within 10 s")

    def heard(self):
        try:
            with open(self.heard_path, encoding="utf-8", errors="replace") as fh:
                text = fh.read()
        except FileNotFoundError:
            return []
        return [u.strip() for u in text.split(SEPARATOR) if u.strip()]

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)


class ScreenReader:
    """yasr running meeluister (args) in a pty of `rows` lines, listening through SpeechDispatcher."""

    def __init__(self, args, env, rows=24, cols=80):
        self.tmp = tempfile.TemporaryDirectory()
        folder = self.tmp.name
        self.speechd = SpeechDispatcher(folder)
        base = open("/etc/yasr/yasr.conf", encoding="utf-8").read()
        base = re.sub(r"(?m)^synthesizer port=.*$", f"synthesizer port=127.0.0.1:{self.speechd.port}", base)
        base = re.sub(r"(?m)^output module=.*\n", "", base)  # the private server has one module
        with open(os.path.join(folder, ".yasr.conf"), "w", encoding="utf-8") as fh:
            fh.write(base)
        self.err_path = os.path.join(folder, "meeluister.err")
        script = os.path.join(folder, "run.sh")
        with open(script, "w") as fh:
            fh.write("#!/bin/sh\nexec " + " ".join(shlex.quote(a) for a in [h.binary(), *args])
                     + f" 2>>{shlex.quote(self.err_path)}\n")
        os.chmod(script, 0o755)
        env = dict(env)
        env.update({"HOME": folder, "TERM": "xterm", "LINES": str(rows), "COLUMNS": str(cols)})
        self.started = time.monotonic()
        self.printed = []  # (seconds since start, line) as the terminal showed them
        self.pid, self.master = pty.fork()
        if self.pid == 0:
            try:
                import fcntl
                import struct
                import termios
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
                os.execvpe("yasr", ["yasr", script], env)
            finally:
                os._exit(127)
        self.status = None
        self._partial = ""
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        while True:
            try:
                r, _, _ = select.select([self.master], [], [], 0.2)
                if not r:
                    if self.status is not None:
                        return
                    continue
                data = os.read(self.master, 4096)
            except OSError:
                return
            if not data:
                return
            text = self._partial + ANSI.sub("", data.decode("utf-8", "replace"))
            *done, self._partial = text.replace("\r", "").split("\n")
            now = time.monotonic() - self.started
            for line in done:
                if line.strip():
                    self.printed.append((now, line))

    def send(self, keys, pause=0.0):
        os.write(self.master, keys.encode() if isinstance(keys, str) else keys)
        if pause:
            time.sleep(pause)

    def heard(self):
        return self.speechd.heard()

    def stderr(self):
        try:
            with open(self.err_path, encoding="utf-8", errors="replace") as fh:
                return fh.read().splitlines()
        except FileNotFoundError:
            return []

    def spoken(self):
        """What meeluister's own voice said (needs --verbose): the text after 'gesproken: '."""
        out = []
        for line in self.stderr():
            i = line.find("gesproken: ")
            if i >= 0:
                out.append(line[i + len("gesproken: "):])
        return out

    def wait(self, predicate, timeout, what):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return
            time.sleep(0.05)
        raise h.TestFailure(f"{what} not within {timeout} s\nprinted: {[l for _t, l in self.printed][-15:]}\n"
                            f"heard: {self.heard()[-10:]}\nstderr: {self.stderr()[-10:]}")

    def finish(self, timeout=20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = status
                break
            time.sleep(0.05)
        if self.status is None:
            os.kill(self.pid, signal.SIGKILL)
            _pid, self.status = os.waitpid(self.pid, 0)
            raise h.TestFailure(f"yasr/meeluister still ran after {timeout} s; killed")
        self.thread.join(timeout=5)
        time.sleep(0.5)  # the last utterances reach the file
        return self.status

    def close(self):
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                _pid, self.status = os.waitpid(self.pid, 0)
            except OSError:
                pass
        try:
            os.close(self.master)
        except OSError:
            pass
        self.speechd.stop()
        self.tmp.cleanup()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def heard_twice(heard, spoken, min_words=3):
    """Lines meeluister's voice said that the screen reader also said (compared as words: a
    spoken line whose first `min_words`+ words appear in order in what the screen reader said)."""
    said = " " + " ".join(" ".join(words(u)) for u in heard) + " "
    twice = []
    for line in spoken:
        w = words(line)
        if not w:
            continue
        probe = " " + " ".join(w[:max(min_words, min(len(w), 6))]) + " "
        if len(w) < min_words:
            probe = " " + " ".join(w) + " "
        if probe in said:
            twice.append(line)
    return twice


def bursts(printed, gap=0.5):
    """Sizes of runs of printed lines that came less than `gap` seconds apart."""
    out = []
    last = None
    for t, _line in printed:
        if last is not None and t - last < gap:
            out[-1] += 1
        else:
            out.append(1)
        last = t
    return out
