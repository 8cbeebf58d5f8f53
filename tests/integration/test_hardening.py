#!/usr/bin/env python3
"""The program is built as a distribution would build it: a position-independent
executable with full RELRO (relocations read-only and bound at start), stack protector
and fortified libc calls, linked to the system's shared FFmpeg, PortAudio, libsndfile,
eSpeak NG and libcurl (so their security updates apply without a rebuild), and defining
no other library's symbols. Read from the ELF file with binutils' readelf."""
import os
import subprocess

import harness as h


def readelf(*args):
    r = subprocess.run(["readelf", "-W", *args, h.binary()], capture_output=True, text=True, timeout=60)
    h.check(r.returncode == 0, f"readelf {args}: {r.stderr}")
    return r.stdout


def test_position_independent_with_full_relro():
    header = readelf("-h")
    h.check("DYN (Position-Independent Executable file)" in header or "DYN (Shared object file)" in header,
            "not a position-independent executable:\n" + header)
    segments = readelf("-l")
    h.check("GNU_RELRO" in segments, "no GNU_RELRO segment")
    dynamic = readelf("-d")
    h.check("BIND_NOW" in dynamic or ("FLAGS_1" in dynamic and " NOW" in dynamic),
            "relocations not bound at start (no BIND_NOW): partial RELRO only\n" + dynamic)
    h.check("PIE" in dynamic, "DT_FLAGS_1 lacks PIE\n" + dynamic)


def test_protections_compiled_in():
    symbols = readelf("--dyn-syms")
    h.check("__stack_chk_fail" in symbols, "no stack protector in the program")
    if os.environ.get("MEELUISTER_SANITIZED"):
        # The ASan + UBSan build leaves _FORTIFY_SOURCE out (it hides calls from the sanitizers);
        # that build is for testing, and it must then carry the sanitizers instead.
        h.check("__asan_init" in symbols or "__asan_report_load1" in symbols,
                "a sanitizer build without AddressSanitizer")
        return
    h.check(any(f"__{name}_chk" in symbols for name in ("memcpy", "snprintf", "fprintf", "memmove", "read",
                                                        "memset", "vsnprintf", "sprintf", "strcpy")),
            "no fortified libc call in the program (_FORTIFY_SOURCE missing?)")


def test_linked_to_system_libraries():
    dynamic = readelf("-d")
    needed = [line.split("[", 1)[1].rstrip("]") for line in dynamic.splitlines() if "(NEEDED)" in line]
    for lib in ("libavcodec.so", "libavformat.so", "libswresample.so", "libavutil.so", "libportaudio.so",
                "libsndfile.so", "libespeak-ng.so", "libcurl.so"):
        h.check(any(n.startswith(lib) for n in needed), f"{lib} is not linked as a shared library: {needed}")


def test_defines_no_other_librarys_symbols():
    symbols = readelf("--dyn-syms")
    for line in symbols.splitlines():
        fields = line.split()
        if len(fields) >= 8 and fields[6] != "UND":
            name = fields[7].split("@")[0]
            h.check(not name.startswith(("jack_", "snd_", "Pa_", "av_", "avcodec_", "avformat_", "ff_", "curl_")),
                    f"the program defines another library's symbol: {name}")


if __name__ == "__main__":
    h.main(globals())
