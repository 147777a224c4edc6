"""A tiny Chrome DevTools Protocol client on the standard library (no playwright, no driver).

Starts headless Chromium with a debugging port on the loopback, opens a websocket (RFC 6455:
handshake, masked client frames, fragmented and large server frames) to its page target and
sends commands. Only what the view benchmark needs.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--host-resolver-rules=MAP * ~NOTFOUND",
)


def chromium_path() -> str | None:
    return shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)


class CDPError(RuntimeError):
    pass


class Browser:
    """One headless Chromium with one page target; use as a context manager."""

    def __init__(self, width: int = 1400, height: int = 900, timeout: float = 30.0) -> None:
        exe = chromium_path()
        if exe is None:
            raise CDPError("chromium is not installed (apt-get install chromium)")
        self.profile = tempfile.mkdtemp(prefix="kg-bench-chromium-")
        self.proc = subprocess.Popen(
            [
                exe,
                *FLAGS,
                f"--user-data-dir={self.profile}",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self.port = self._port(timeout)
        self.sock = self._connect(self._page_ws(timeout))
        self._id = 0
        self._buffer = b""
        self.events: list[dict[str, Any]] = []

    # ------------------------------------------------------------------ start-up
    def _port(self, timeout: float) -> int:
        deadline = time.monotonic() + timeout
        active = Path(self.profile) / "DevToolsActivePort"
        while time.monotonic() < deadline:
            if active.exists():
                text = active.read_text().split()
                if text:
                    return int(text[0])
            if self.proc.poll() is not None:
                raise CDPError("chromium exited: " + self.proc.stderr.read().decode()[-1000:])
            time.sleep(0.05)
        raise CDPError("chromium did not open its debugging port")

    def _page_ws(self, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/list", timeout=5) as r:
                targets = json.load(r)
            pages = [t for t in targets if t.get("type") == "page"]
            if pages:
                return pages[0]["webSocketDebuggerUrl"]
            time.sleep(0.05)
        raise CDPError("no page target")

    @staticmethod
    def _connect(url: str) -> socket.socket:
        m = re.match(r"ws://([^/:]+):(\d+)(/.*)", url)
        if not m:
            raise CDPError(f"unexpected websocket URL {url}")
        host, port, path = m.group(1), int(m.group(2)), m.group(3)
        sock = socket.create_connection((host, port), timeout=60)
        key = base64.b64encode(os.urandom(16)).decode()
        sock.sendall(
            (
                f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                "Sec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = sock.recv(4096)
            if not chunk:
                raise CDPError("websocket handshake failed")
            head += chunk
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise CDPError("websocket handshake refused: " + head.decode(errors="replace")[:200])
        return sock

    # ------------------------------------------------------------------ frames
    def _send_text(self, text: str) -> None:
        data = text.encode()
        n = len(data)
        head = bytes([0x81])
        if n < 126:
            head += bytes([0x80 | n])
        elif n < 1 << 16:
            head += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            head += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        body = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
        self.sock.sendall(head + mask + body)

    def _read(self, n: int) -> bytes:
        while len(self._buffer) < n:
            chunk = self.sock.recv(max(65536, n - len(self._buffer)))
            if not chunk:
                raise CDPError("chromium closed the connection")
            self._buffer += chunk
        out, self._buffer = self._buffer[:n], self._buffer[n:]
        return out

    def _recv_message(self) -> str:
        parts: list[bytes] = []
        while True:
            b0, b1 = self._read(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._read(8))[0]
            payload = self._read(n)
            opcode = b0 & 0x0F
            if opcode == 8:
                raise CDPError("websocket closed")
            if opcode in (9, 10):  # ping / pong: not used by chromium here
                continue
            parts.append(payload)
            if b0 & 0x80:
                return b"".join(parts).decode()

    # ------------------------------------------------------------------ commands
    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Send a command and wait for its answer (events that arrive meanwhile are kept)."""
        self._id += 1
        my_id = self._id
        self._send_text(json.dumps({"id": my_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self._recv_message())
            if msg.get("id") == my_id:
                if "error" in msg:
                    raise CDPError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            if "method" in msg:
                self.events.append(msg)

    def evaluate(self, expression: str) -> Any:
        r = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in r:
            raise CDPError(f"{expression}: {r['exceptionDetails']}")
        return r.get("result", {}).get("value")

    def wait_for(self, expression: str, timeout: float, poll: float = 0.01) -> Any:
        """Poll ``expression`` until it is truthy; its value (None on timeout)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(poll)
        return None

    def close(self) -> None:
        try:
            self.sock.close()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
