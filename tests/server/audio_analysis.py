"""Pure-Python analysis of 16-bit PCM for the tone-staircase fixtures.

Samples are kept as array('h') (one channel, full scale 32768) because converting
millions of samples to Python floats is slow; thresholds are given as fractions of
full scale (0.01 = 1 %). The hot loops run in C through bytes.translate/count/re.
"""
import array
import re
import sys
import wave

SEGMENT_SAMPLES = 184320
SAMPLE_RATE = 48000


def staircase_frequency(k):
    """Frequency in Hz of staircase segment k."""
    return 300 + 50 * (k % 20)


# Per high byte of a little-endian int16: b'1' when the sample is negative.
_SIGN = bytes(0x31 if hb >= 0x80 else 0x30 for hb in range(256))


def _high_bytes(samples):
    """The high byte of every int16 sample, as bytes (little-endian host assumed)."""
    raw = samples.tobytes()
    if sys.byteorder != "little":  # pragma: no cover - test machines are little-endian
        return raw[0::2]
    return raw[1::2]


def _quiet_table(threshold):
    """Per high byte: b'q' when |x| < threshold (quantised to 1/128 of full scale)."""
    steps = max(1, int(round(threshold * 128)))
    table = bytearray(b"L" * 256)
    for hb in range(256):
        value = hb - 256 if hb >= 0x80 else hb  # high byte as signed: x // 256
        if -steps <= value < steps:
            table[hb] = ord("q")
    return bytes(table)


def load_wav(path, channel=0):
    """Return (samples, rate, channels, frames) for one channel of a 16-bit WAV file."""
    with wave.open(str(path), "rb") as w:
        if w.getsampwidth() != 2:
            raise ValueError(f"{path}: expected 16-bit PCM, got {8 * w.getsampwidth()}-bit")
        channels = w.getnchannels()
        rate = w.getframerate()
        frames = w.getnframes()
        data = w.readframes(frames)
    allch = array.array("h")
    allch.frombytes(data[: len(data) - len(data) % 2])
    if sys.byteorder != "little":  # pragma: no cover
        allch.byteswap()
    return allch[channel::channels], rate, channels, len(allch) // channels


def pcm_from_bytes(data, channels=1, channel=0):
    """array('h') of one channel from raw s16le bytes."""
    allch = array.array("h")
    allch.frombytes(data[: len(data) - len(data) % 2])
    if sys.byteorder != "little":  # pragma: no cover
        allch.byteswap()
    return allch[channel::channels]


def to_floats(samples):
    """A list of floats in [-1, 1) (slow for long signals; for small excerpts)."""
    return [x / 32768.0 for x in samples]


def sign_string(samples):
    """bytes of b'0'/b'1' (non-negative/negative) per sample."""
    return _high_bytes(samples).translate(_SIGN)


def zero_crossings(signs, start, end):
    """Number of sign changes within signs[start:end]."""
    part = signs[max(0, start):max(0, end)]
    return part.count(b"01") + part.count(b"10")


def frequency(samples, start, end, signs=None):
    """Frequency estimate (Hz) of a pure tone in samples[start:end] by zero crossings."""
    if signs is None:
        signs = sign_string(samples)
    n = min(end, len(samples)) - max(0, start)
    if n <= 1:
        return 0.0
    return zero_crossings(signs, start, end) * SAMPLE_RATE / (2.0 * n)


def first_sound(samples, threshold=0.01):
    """Index of the first sample with |x| >= threshold, or None."""
    idx = _high_bytes(samples).translate(_quiet_table(threshold)).find(b"L")
    return None if idx < 0 else idx


def last_sound(samples, threshold=0.01):
    """Index of the last sample with |x| >= threshold, or None."""
    idx = _high_bytes(samples).translate(_quiet_table(threshold)).rfind(b"L")
    return None if idx < 0 else idx


def segment_frequencies(samples, start, seg_samples=SEGMENT_SAMPLES, signs=None):
    """Frequency per window [start + i*seg, start + (i+1)*seg) over the middle 80 %.

    Only whole windows inside the signal are measured."""
    if signs is None:
        signs = sign_string(samples)
    margin = seg_samples // 10
    out = []
    pos = start
    while pos + seg_samples <= len(samples):
        out.append(frequency(samples, pos + margin, pos + seg_samples - margin, signs))
        pos += seg_samples
    return out


def gaps(samples, start=0, end=None, threshold=0.01, min_ms=5, rate=SAMPLE_RATE):
    """Silent runs (|x| < threshold, threshold quantised to 1/128) of at least min_ms
    within samples[start:end], as a list of (first_index, length_in_samples)."""
    if end is None:
        end = len(samples)
    quiet = _high_bytes(samples[start:end]).translate(_quiet_table(threshold))
    min_len = max(1, int(rate * min_ms / 1000))
    return [(start + m.start(), m.end() - m.start())
            for m in re.finditer(b"q{%d,}" % min_len, quiet)]


def block_frequencies(samples, block=1920, start=0, end=None, signs=None):
    """Zero-crossing frequency per block of `block` samples: list of (index, Hz)."""
    if signs is None:
        signs = sign_string(samples)
    if end is None:
        end = len(samples)
    out = []
    for pos in range(start, end - block + 1, block):
        out.append((pos, zero_crossings(signs, pos, pos + block) * SAMPLE_RATE / (2.0 * block)))
    return out


def change_points(samples, start=0, end=None, block=1920, min_step=30.0, signs=None):
    """Indices (block precision, ~40 ms) where the tone frequency steps by >= min_step Hz."""
    blocks = block_frequencies(samples, block, start, end, signs)
    points = []
    for (p0, f0), (p1, f1) in zip(blocks, blocks[1:]):
        if abs(f1 - f0) >= min_step and f0 > 0 and f1 > 0:
            if points and p1 - points[-1] < 4 * block:
                continue  # one step can straddle two blocks
            points.append(p1)
    return points


def segment_start(samples, seg_samples=SEGMENT_SAMPLES, threshold=0.01, signs=None):
    """Offset of the first whole staircase window: the first frequency step after the
    first sound, moved back by whole segments while it stays after the first sound.
    Returns None when no step is found."""
    begin = first_sound(samples, threshold)
    if begin is None:
        return None
    points = change_points(samples, begin, signs=signs)
    if not points:
        return None
    pos = points[0]
    # The step is found with block precision; re-centre it on a 1920-sample grid.
    while pos - seg_samples >= begin:
        pos -= seg_samples
    return pos


def match_staircase(freqs, fixtures=None, tolerance=10.0):
    """Map each measured frequency to the staircase index k (0..N-1, first match in the
    20-step cycle) whose f(k) is within tolerance, else None."""
    if fixtures is not None:
        table = list(fixtures["frequencies"])[:20]
    else:
        table = [staircase_frequency(k) for k in range(20)]
    out = []
    for f in freqs:
        best = None
        for k, fk in enumerate(table):
            if abs(f - fk) <= tolerance and (best is None or abs(f - fk) < abs(f - table[best])):
                best = k
        out.append(best)
    return out


def consecutive(indices, cycle=20):
    """True when every index follows the previous one by exactly 1 (mod cycle)."""
    return all(b is not None and a is not None and (b - a) % cycle == 1
               for a, b in zip(indices, indices[1:]))


def staircase_runs(samples, start=0, end=None, block=1920, tolerance=20.0, min_blocks=3,
                   signs=None):
    """Split a recording into runs of one staircase tone.

    Every block of `block` samples (40 ms) is matched to the nearest f(k) (k mod 20)
    within tolerance; runs shorter than min_blocks (transitions, transients, silence)
    are dropped and equal neighbours merged. Returns [(k, first_sample, length)] with
    block precision (+-2 blocks at each end)."""
    table = [staircase_frequency(k) for k in range(20)]
    runs = []
    for pos, f in block_frequencies(samples, block, start, end, signs):
        best = min(range(20), key=lambda k: abs(table[k] - f))
        k = best if abs(table[best] - f) <= tolerance else None
        if runs and runs[-1][0] == k and runs[-1][1] + runs[-1][2] == pos:
            runs[-1][2] += block
        else:
            runs.append([k, pos, block])
    kept = [r for r in runs if r[0] is not None and r[2] >= min_blocks * block]
    merged = []
    for k, pos, length in kept:
        if merged and merged[-1][0] == k and pos - (merged[-1][1] + merged[-1][2]) <= min_blocks * block:
            merged[-1][2] = pos + length - merged[-1][1]
        else:
            merged.append([k, pos, length])
    return [tuple(r) for r in merged]


def describe_runs(runs, seg=SEGMENT_SAMPLES):
    """Short text of runs for failure messages: k@seconds(len in segments)."""
    return " ".join(f"{k}@{pos / SAMPLE_RATE:.2f}s({length / seg:.2f})" for k, pos, length in runs)
