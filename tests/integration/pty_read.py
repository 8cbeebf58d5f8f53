"""`meeluister read` with stdin on a pseudo-terminal, as a listener types at it: keys are
written to the pty, the printed lines read from stdout (a pipe), and whatever the program's
terminal sends back (an echo of the keys, if any) is kept in `echo` to be checked."""
import os
import pty
import subprocess
import termios
import threading
import time

import harness as h

KEYS = {"space": b" ", "escape": b"\x1b", "up": b"\x1b[A", "down": b"\x1b[B", "ctrl+c": b"\x03"}


class PtyRead(h.Meeluister):
    def __init__(self, args, env=None):
        self.master, slave = pty.openpty()
        self.args = [str(a) for a in args]
        self.started = time.monotonic()
        self.lines, self.line_times, self.err = [], [], []
        self.echo = b""
        self.proc = subprocess.Popen([h.binary(), *self.args], stdin=slave,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     env=env if env is not None else h.base_env(),
                                     start_new_session=True)
        os.close(slave)
        self.threads = [threading.Thread(target=self._pump, args=(self.proc.stdout, True), daemon=True),
                        threading.Thread(target=self._pump, args=(self.proc.stderr, False), daemon=True),
                        threading.Thread(target=self._read_master, daemon=True)]
        for t in self.threads:
            t.start()

    def _read_master(self):
        while True:
            try:
                data = os.read(self.master, 1024)
            except OSError:
                return
            if not data:
                return
            self.echo += data

    def lflag(self):
        """The terminal's local modes now (ECHO, ICANON): as the program left them."""
        return termios.tcgetattr(self.master)[3]

    def send(self, name):
        """Types one key; returns the number of lines printed before it."""
        before = len(self.lines)
        os.write(self.master, KEYS.get(name, name.encode()))
        return before

    def expect(self, text, after, timeout=15.0):
        """Index of the first line from `after` that is `text` exactly."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.proc.poll() is None:
            if text in self.lines[after:]:
                return self.lines.index(text, after)
            time.sleep(0.03)
        if text in self.lines[after:]:
            return self.lines.index(text, after)
        raise h.TestFailure(f"no line {text!r} within {timeout} s\nlines since: {self.lines[after:]}\n"
                            f"all: {self.lines}\nstderr: {self.err[-10:]}")

    def close(self):
        try:
            os.close(self.master)
        except OSError:
            pass
