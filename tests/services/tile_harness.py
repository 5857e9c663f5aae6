"""A real tile server on 127.0.0.1 for the tile and map tests: PNG tiles drawn from their
coordinates, a record of every request with its headers, and knobs for failures and
slow answers."""

from __future__ import annotations

import struct
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from ordinavo_desk.domain.map_tiles import TilePreset, TileServer


def png_bytes(width: int, height: int, rgb: tuple[int, int, int], grid: int = 0) -> bytes:
    """A real PNG of one colour (with darker lines every ``grid`` pixels when given)."""
    r, g, b = rgb
    dark = bytes((r * 3 // 4, g * 3 // 4, b * 3 // 4))
    plain = bytes(rgb)
    rows = []
    for y in range(height):
        if grid and y % grid == 0:
            row = dark * width
        else:
            row = b"".join(dark if grid and x % grid == 0 else plain for x in range(width))
        rows.append(b"\x00" + row)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )


def tile_png(z: int, x: int, y: int) -> bytes:
    """A 256 px tile whose colour follows its coordinates (a checkerboard to the eye)."""
    light = (x + y) % 2 == 0
    rgb = (226, 232, 220) if light else (214, 224, 232)
    return png_bytes(256, 256, rgb, grid=64)


@dataclass
class Request:
    path: str
    headers: dict[str, str]


@dataclass
class TileStub:
    """What the server answers: ``status`` overrides the answer for every tile (e.g. 500),
    ``portal`` answers 200 with an HTML page (a captive portal), ``missing`` are paths
    answered 404, ``delay`` seconds pass before each answer, and while ``gate`` is clear
    every answer waits for it."""

    port: int = 0
    requests: list[Request] = field(default_factory=list)
    status: int | None = None
    portal: bool = False
    missing: set[str] = field(default_factory=set)
    delay: float = 0.0
    gate: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url_template(self) -> str:
        return f"http://127.0.0.1:{self.port}/tiles/{{z}}/{{x}}/{{y}}.png"

    def server(self, **settings: object) -> TileServer:
        values: dict[str, object] = {
            "enabled": True,
            "preset": TilePreset.CUSTOM,
            "name": "Test tiles",
            "url_template": self.url_template,
            "attribution": "© Test tiles",
        }
        values.update(settings)
        return TileServer.model_validate(values)

    def paths(self) -> list[str]:
        with self.lock:
            return [r.path for r in self.requests]


def _handler(stub: TileStub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with stub.lock:
                stub.requests.append(Request(self.path, dict(self.headers.items())))
            stub.gate.wait(30)
            if stub.delay:
                time.sleep(stub.delay)
            path = self.path.split("?", 1)[0]
            parts = path.strip("/").removesuffix(".png").split("/")
            if stub.status is not None:
                self._answer(stub.status, b"failure", "text/plain")
            elif stub.portal:
                self._answer(200, b"<html>Please log in</html>", "text/html")
            elif path in stub.missing or len(parts) != 4 or parts[0] != "tiles":
                self._answer(404, b"no such tile", "text/plain")
            else:
                z, x, y = (int(p) for p in parts[1:])
                self._answer(200, tile_png(z, x, y), "image/png")

        def _answer(self, status: int, body: bytes, content_type: str) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def tile_server() -> Iterator[TileStub]:
    """A running tile server on 127.0.0.1 (its port in ``stub.port``)."""
    stub = TileStub()
    stub.gate.set()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(stub))
    httpd.daemon_threads = True
    stub.port = httpd.server_address[1]
    thread = threading.Thread(
        target=httpd.serve_forever, args=(0.05,), name="tile-server", daemon=True
    )
    thread.start()
    try:
        yield stub
    finally:
        stub.gate.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
