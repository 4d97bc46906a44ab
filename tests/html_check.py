#!/usr/bin/env python3
"""Helpers of tests/html.sh, standard library only.

  html_check.py pairs DOM.html
      One line per pair of the page: "id classes hidden|shown reasons...".
  html_check.py png PNG R,G,B
      "WIDTHxHEIGHT COLOURS HITS": the number of distinct colours of the
      image and of pixels within 4 of the colour R,G,B in each channel.
  html_check.py cdp CHROMIUM URL WIDTH HEIGHT ACTION...
      Opens URL in headless CHROMIUM through the DevTools protocol on a pipe
      and prints one line per ACTION: "key:j" presses j and prints the id of
      the pair marked current; "eval:EXPR" prints the value of EXPR.

Exit status 0, or 1 with a message on an error.
"""

import html.parser
import json
import os
import struct
import subprocess
import sys
import tempfile
import time
import zlib


class Pairs(html.parser.HTMLParser):
    """Collects the pair elements of the page with their reasons."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pairs = []
        self.stack = []      # (tag, is_pair, in_reason)
        self.text = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "div" and "pair" in classes and "head" not in classes:
            self.pairs.append({"id": a.get("id"), "class": classes,
                               "hidden": "hidden" in a, "reasons": []})
        if tag == "li" and self.pairs and self.text is None:
            self.text = []
            self.stack.append("reason")
        elif tag not in ("br", "input", "meta"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if self.stack and self.stack[-1] == "reason" and tag == "li":
            self.pairs[-1]["reasons"].append("".join(self.text))
            self.text = None
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.text is not None:
            self.text.append(data)


def cmd_pairs(path):
    p = Pairs()
    p.feed(open(path, encoding="utf-8").read())
    for x in p.pairs:
        print(x["id"], ",".join(x["class"]),
              "hidden" if x["hidden"] else "shown", *x["reasons"], sep="\t")


def png_pixels(path):
    """Width, height, channels and the unfiltered rows of an 8-bit PNG."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("%s: not a PNG" % path)
    pos, idat, w = 8, [], None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or ctype not in (2, 6) or interlace:
                raise ValueError("unsupported PNG (depth %d, type %d)" % (depth, ctype))
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + n
    raw = zlib.decompress(b"".join(idat))
    stride = w * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif f == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif f == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pred) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


def cmd_png(path, rgb):
    want = [int(v) for v in rgb.split(",")]
    w, h, bpp, rows = png_pixels(path)
    colours, hits = set(), 0
    for row in rows:
        for x in range(0, len(row), bpp):
            px = row[x:x + 3]
            colours.add(px)
            if all(abs(px[i] - want[i]) <= 4 for i in range(3)):
                hits += 1
    print("%dx%d %d %d" % (w, h, len(colours), hits))


def cmd_cdp(chromium, url, width, height, actions):
    to_r, to_w = os.pipe()        # our requests, chromium's fd 3
    from_r, from_w = os.pipe()    # its answers, chromium's fd 4

    def fds():
        os.dup2(to_r, 3)
        os.dup2(from_w, 4)

    profile = tempfile.mkdtemp(prefix="align-html-")
    proc = subprocess.Popen(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu",
         "--remote-debugging-pipe", "--user-data-dir=" + profile,
         "--window-size=%s,%s" % (width, height), "about:blank"],
        pass_fds=(3, 4), preexec_fn=fds,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(to_r)
    os.close(from_w)
    state = {"id": 0, "buf": b""}

    def call(method, params=None, session=None):
        state["id"] += 1
        msg = {"id": state["id"], "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(to_w, json.dumps(msg).encode() + b"\0")
        while True:
            while b"\0" not in state["buf"]:
                chunk = os.read(from_r, 65536)
                if not chunk:
                    raise RuntimeError("chromium closed the pipe")
                state["buf"] += chunk
            raw, state["buf"] = state["buf"].split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == state["id"]:
                if "error" in reply:
                    raise RuntimeError("%s: %s" % (method, reply["error"]))
                return reply.get("result", {})

    try:
        target = call("Target.createTarget", {"url": "about:blank"})
        s = call("Target.attachToTarget",
                 {"targetId": target["targetId"], "flatten": True})["sessionId"]
        call("Emulation.setDeviceMetricsOverride",
             {"width": int(width), "height": int(height),
              "deviceScaleFactor": 1, "mobile": int(width) < 600}, s)
        call("Page.navigate", {"url": url}, s)

        def value(expr):
            r = call("Runtime.evaluate", {"expression": expr,
                                          "returnByValue": True}, s)
            return r["result"].get("value")

        for _ in range(200):
            if value("document.documentElement.getAttribute('data-ready')") == "yes":
                break
            time.sleep(0.05)
        else:
            raise RuntimeError("the page's script did not run")
        for a in actions:
            kind, arg = a.split(":", 1)
            if kind == "key":
                for t in ("keyDown", "keyUp"):
                    call("Input.dispatchKeyEvent",
                         {"type": t, "key": arg, "text": arg if t == "keyDown" else "",
                          "code": "Key" + arg.upper()}, s)
                print(value("(document.querySelector('.pair.current') || {}).id || '-'"))
            elif kind == "eval":
                v = value(arg)
                print(v if isinstance(v, str) else json.dumps(v))
            else:
                raise RuntimeError("unknown action " + a)
        try:
            call("Browser.close")
        except (OSError, RuntimeError):
            pass        # it may close the pipe before answering
        proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        subprocess.run(["rm", "-rf", profile])


def main(argv):
    try:
        if len(argv) == 3 and argv[1] == "pairs":
            cmd_pairs(argv[2])
        elif len(argv) == 4 and argv[1] == "png":
            cmd_png(argv[2], argv[3])
        elif len(argv) >= 6 and argv[1] == "cdp":
            cmd_cdp(argv[2], argv[3], argv[4], argv[5], argv[6:])
        else:
            sys.stderr.write(__doc__)
            return 1
    except (OSError, ValueError, RuntimeError, KeyError,
            subprocess.TimeoutExpired) as e:
        sys.stderr.write("html_check.py: %s\n" % e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
