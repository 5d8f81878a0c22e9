#!/usr/bin/env python3
"""Time the viewer takes to open, as a user sees it: the binary runs in a 120x40 pseudo-terminal;
"text" is when the tab bar is first drawn (the Release pane readable), "panes" is when, after
pressing 2, the Highlights table's column titles are drawn (extraction done and shown).

    benches/first_frame.py BIN [FILE|""] [RUNS] [ARG...]   prints the two medians in ms ("": the
    sample); ARGs are passed to irview (--no-cache to time the extraction of a cached file)
"""
import fcntl, os, pty, re, select, struct, sys, termios, time

# The Highlights table's column titles: words apart by spaces or cursor moves (ratatui draws
# only the cells that change), which running text ("Financial Metrics Highlights") is not.
TITLES = re.compile(rb"Metric(?:\x1b\[[0-9;]*H| )+Period")


def once(argv):
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execv(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    out, text, panes = b"", None, None
    while time.monotonic() - t0 < 20 and panes is None:
        if not select.select([fd], [], [], 0.002)[0]:
            continue
        try:
            out += os.read(fd, 1 << 16)
        except OSError:
            break
        if text is None and b"1 Release" in out:
            text = time.monotonic() - t0
            out = b""
            os.write(fd, b"2")
        elif text is not None and TITLES.search(out):
            panes = time.monotonic() - t0
    os.write(fd, b"q")
    time.sleep(0.05)
    try:
        os.kill(pid, 9)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
    os.close(fd)
    return text, panes


def median(xs):
    xs = sorted(x for x in xs if x is not None)
    return xs[len(xs) // 2] * 1000 if xs else float("nan")


if __name__ == "__main__":
    argv = [sys.argv[1]] + [a for a in sys.argv[2:3] if a] + sys.argv[4:]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 9
    results = [once(argv) for _ in range(runs)]
    print(f"{median(r[0] for r in results):.1f} {median(r[1] for r in results):.1f}")
