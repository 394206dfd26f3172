"""The plumbing both loopback fakes share: a threaded HTTP/1.1 server, a request log, faults.

Standard library only, so a benchmark or a manual session can run the fakes without
the app's dependencies. Each connection gets its own thread (ThreadingHTTPServer), so
any number of slow requests wait side by side; a waiting request watches its socket
and notices at once when the client hangs up, which is how tests see cancellations.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import random
import signal
import socket
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from email.message import Message
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import FrameType, TracebackType
from typing import Any, ClassVar, Generic, Self, TypeVar

#: How often a waiting request re-checks whether the server is stopping; a client
#: hanging up wakes it at once, whatever this is.
_STOP_POLL_SECONDS = 0.05
#: When a client sends data during our wait (pipelining), peek again after this pause.
_BUSY_POLL_SECONDS = 0.005


@dataclass(frozen=True)
class Fault:
    """A scripted misbehaviour, consumed by the next matching request (see the servers' `enqueue`)."""

    kind: str
    status_code: int = 0
    headers: tuple[tuple[str, str], ...] = ()
    body: Any = None
    text: str = ""
    seconds: float = 0.0

    @classmethod
    def status(cls, status_code: int, *, headers: Mapping[str, str] | None = None, body: Any = None) -> Fault:
        """Answer `status_code`; `body` (dict, str or bytes) replaces the API's usual error body."""
        return cls("status", status_code=status_code, headers=tuple((headers or {}).items()), body=body)

    @classmethod
    def hang(cls, seconds: float) -> Fault:
        """Wait `seconds` (instead of the configured latency), then answer normally."""
        return cls("hang", seconds=seconds)

    @classmethod
    def disconnect(cls) -> Fault:
        """Close the connection without answering (the client sees a dropped connection)."""
        return cls("disconnect")

    # Chat-completion faults: the request succeeds (200) but the answer is unusable.
    @classmethod
    def refusal(cls, text: str = "I'm sorry, but I can't help with that.") -> Fault:
        return cls("refusal", text=text)

    @classmethod
    def length(cls) -> Fault:
        """finish_reason "length" with the JSON content cut in half."""
        return cls("length")

    @classmethod
    def invalid_json(cls) -> Fault:
        return cls("invalid_json")

    @classmethod
    def off_schema(cls) -> Fault:
        """Valid JSON whose "status" is outside every enum."""
        return cls("off_schema")

    @property
    def name(self) -> str:
        return f"status_{self.status_code}" if self.kind == "status" else self.kind


@dataclass
class RequestRecord:
    """One HTTP request as the server saw it. Times are time.monotonic()."""

    method: str
    path: str
    started_at: float
    finished_at: float | None = None
    #: The client hung up before the answer was written.
    aborted: bool = False
    #: None when no answer was sent (aborted, dropped, or the server stopped).
    status_code: int | None = None
    #: The name of the scripted or random fault applied, if any.
    fault: str | None = None

    @property
    def done(self) -> bool:
        return self.finished_at is not None


@dataclass
class Incoming:
    """A parsed request, handed to a server's `handle`."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: Message
    body: bytes

    def param(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[-1] if values else default

    def bearer_token(self) -> str | None:
        value = self.headers.get("Authorization") or ""
        scheme, _, token = value.partition(" ")
        if scheme.lower() != "bearer":
            return None
        return token.strip() or None

    def form(self) -> dict[str, str]:
        """The body as form fields (or a JSON object), for OAuth endpoints."""
        if (self.headers.get("Content-Type") or "").startswith("application/json"):
            data = json.loads(self.body or b"{}")
            return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
        pairs = urllib.parse.parse_qsl(self.body.decode("utf-8", "replace"), keep_blank_values=True)
        return dict(pairs)


@dataclass
class Reply:
    status: int
    body: bytes = b""
    content_type: str = "application/json; charset=UTF-8"
    headers: list[tuple[str, str]] = field(default_factory=list)


def json_reply(status: int, data: Any, headers: Mapping[str, str] | None = None) -> Reply:
    return Reply(status, json.dumps(data).encode(), headers=list((headers or {}).items()))


def reason_phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


class Exchange:
    """The connection of the request being handled: lets a handler wait while watching the client."""

    def __init__(self, connection: socket.socket, stopping: threading.Event) -> None:
        self._connection = connection
        self._stopping = stopping
        #: Set when a wait noticed that the client closed the connection.
        self.client_gone = False

    def wait(self, seconds: float) -> bool:
        """Sleep `seconds`; False as soon as the client hangs up or the server stops."""
        deadline = time.monotonic() + seconds
        sock = self._connection
        try:
            while (remaining := deadline - time.monotonic()) > 0:
                if self._stopping.is_set():
                    return False
                # A blocking peek wakes the moment the client's FIN or RST arrives
                # (b"" or an error), without the fd-number limits of select().
                sock.settimeout(min(remaining, _STOP_POLL_SECONDS))
                try:
                    data = sock.recv(1, socket.MSG_PEEK)
                except TimeoutError:
                    continue
                except OSError:
                    self.client_gone = True
                    return False
                if data == b"":
                    self.client_gone = True
                    return False
                # The client sent more bytes (a pipelined request): still connected.
                time.sleep(min(max(remaining, 0), _BUSY_POLL_SECONDS))
            return not self._stopping.is_set()
        finally:
            try:
                sock.settimeout(None)
            except OSError:
                self.client_gone = True


R = TypeVar("R", bound=RequestRecord)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    # socketserver's default backlog is 5: a burst of 64 connects would see SYNs
    # dropped and retried a second later, which looks like server latency.
    request_queue_size = 1024
    fake: LoopbackServer[Any]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; without this, Nagle's algorithm plus
    # the client's delayed ACK add ~40 ms to every answer.
    disable_nagle_algorithm = True
    server: _HTTPServer

    def setup(self) -> None:
        super().setup()
        self.server.fake._track(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
        except OSError:
            pass
        finally:
            self.server.fake._untrack(self.connection)

    def _dispatch(self) -> None:
        self.server.fake._serve(self)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _dispatch

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.fake.verbose:
            super().log_message(format, *args)


class LoopbackServer(Generic[R]):
    """A fake HTTP API on 127.0.0.1 in a daemon thread; subclasses implement `handle`."""

    #: The name printed by the standalone runner.
    title: ClassVar[str] = "fake server"

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        latency: float = 0.0,
        jitter: float = 0.0,
        seed: int | None = 0,
        verbose: bool = False,
    ) -> None:
        #: Seconds every request waits before it is answered, plus uniform(-jitter, +jitter).
        self.latency = latency
        self.jitter = jitter
        #: Seeded, so fault patterns repeat from run to run.
        self.rng = random.Random(seed)
        self.verbose = verbose
        self.host = host
        self._requested_port = port
        self.port = 0
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._records: list[R] = []
        self._in_flight = 0
        #: The most requests this server has had in flight at once (since the last reset).
        self.max_in_flight = 0
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._connections: set[socket.socket] = set()

    # --- lifecycle --------------------------------------------------------------------

    def start(self) -> Self:
        if self._httpd is not None:
            raise RuntimeError(f"{self.title} is already running at {self.root_url}")
        self._stopping.clear()
        httpd = _HTTPServer((self.host, self._requested_port), _Handler)
        httpd.fake = self
        self._httpd = httpd
        self.port = int(httpd.server_address[1])
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, name=f"{self.title}:{self.port}", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        httpd, thread = self._httpd, self._thread
        if httpd is None:
            return
        self._stopping.set()
        httpd.shutdown()
        httpd.server_close()
        # Idle keep-alive connections would keep their threads blocked in a read.
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        if thread is not None:
            thread.join(timeout=5)
        self._httpd = self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def root_url(self) -> str:
        if not self.port:
            raise RuntimeError(f"{self.title} is not running: call start() or use it as a context manager")
        return f"http://{self.host}:{self.port}"

    # --- the request log ----------------------------------------------------------------

    @property
    def requests(self) -> list[R]:
        """A copy of the log, oldest first (records of running requests still change)."""
        with self._lock:
            return list(self._records)

    def in_flight(self) -> int:
        with self._lock:
            return self._in_flight

    def count_started_after(self, moment: float) -> int:
        """Requests that started after `moment` (a time.monotonic() value)."""
        with self._lock:
            return sum(1 for record in self._records if record.started_at > moment)

    def wait_for_requests(
        self, count: int, timeout: float = 5.0, *, where: Callable[[R], bool] | None = None, finished: bool = False
    ) -> list[R]:
        """Block until `count` requests (matching `where`, finished if asked) were logged.

        Returns those requests; raises TimeoutError, with what was seen, when they do not come.
        Blocking: from async code call it through asyncio.to_thread.
        """

        def matching() -> list[R]:
            return [
                record
                for record in self._records
                if (where is None or where(record)) and (not finished or record.finished_at is not None)
            ]

        with self._changed:
            if not self._changed.wait_for(lambda: len(matching()) >= count, timeout=timeout):
                raise TimeoutError(f"{self.title}: expected {count} requests within {timeout}s, saw {len(matching())}")
            return matching()

    def reset_log(self) -> None:
        with self._lock:
            self._records.clear()
            self.max_in_flight = self._in_flight

    # --- for subclasses -------------------------------------------------------------------

    def new_record(self, incoming: Incoming, started_at: float) -> R:
        raise NotImplementedError

    def handle(self, incoming: Incoming, exchange: Exchange, record: R) -> Reply | None:
        """Answer one request; None closes the connection without answering."""
        raise NotImplementedError

    def delay(self, extra: float = 0.0) -> float:
        """This request's latency: latency ± jitter, never negative."""
        jitter = self.rng.uniform(-self.jitter, self.jitter) if self.jitter else 0.0
        return max(0.0, self.latency + jitter + extra)

    def update(self, record: R, **changes: Any) -> None:
        """Change a logged record under the lock (readers copy the log under it)."""
        with self._lock:
            for key, value in changes.items():
                setattr(record, key, value)

    # --- the server side ----------------------------------------------------------------------

    def _track(self, connection: socket.socket) -> None:
        with self._lock:
            self._connections.add(connection)

    def _untrack(self, connection: socket.socket) -> None:
        with self._lock:
            self._connections.discard(connection)

    def _serve(self, handler: _Handler) -> None:
        started_at = time.monotonic()
        parsed = urllib.parse.urlsplit(handler.path)
        try:
            body = _read_body(handler)
        except (OSError, ValueError):
            handler.close_connection = True
            return
        incoming = Incoming(
            method=handler.command,
            path=parsed.path,
            query=urllib.parse.parse_qs(parsed.query, keep_blank_values=True),
            headers=handler.headers,
            body=body,
        )
        record = self.new_record(incoming, started_at)
        with self._changed:
            self._records.append(record)
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
            self._changed.notify_all()
        exchange = Exchange(handler.connection, self._stopping)
        reply: Reply | None = None
        try:
            reply = self.handle(incoming, exchange, record)
        finally:
            # Logged before the bytes leave: a client holding the answer finds it in the log.
            self._finish(record, None if reply is None else reply.status, reply is None and exchange.client_gone)
        if reply is None:
            handler.close_connection = True
        elif not _write(handler, reply):
            self.update(record, aborted=True, status_code=None)

    def _finish(self, record: R, status: int | None, aborted: bool) -> None:
        with self._changed:
            record.finished_at = time.monotonic()
            record.aborted = aborted
            record.status_code = status
            self._in_flight -= 1
            self._changed.notify_all()


def _read_body(handler: BaseHTTPRequestHandler) -> bytes:
    if "chunked" in (handler.headers.get("Transfer-Encoding") or "").lower():
        chunks: list[bytes] = []
        while True:
            size = int(handler.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while handler.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return b"".join(chunks)
            chunks.append(handler.rfile.read(size))
            handler.rfile.readline()
    length = int(handler.headers.get("Content-Length") or 0)
    return handler.rfile.read(length) if length else b""


def _write(handler: BaseHTTPRequestHandler, reply: Reply) -> bool:
    try:
        handler.send_response(reply.status)
        handler.send_header("Content-Type", reply.content_type)
        handler.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers:
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(reply.body)
        handler.wfile.flush()
    except OSError:
        handler.close_connection = True
        return False
    return True


# --- running a fake on its own ---------------------------------------------------------------


def cli_parser(description: str, default_port: int) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=default_port, help="0 picks a free port")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds before each answer")
    parser.add_argument("--jitter", type=float, default=0.0, help="± uniform seconds added to the latency")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    return parser


def serve_until_interrupted(
    server: LoopbackServer[Any], env: Callable[[], Mapping[str, str]], notes: Sequence[str] = ()
) -> None:
    """Run `server` until Ctrl-C or SIGTERM; print its URL first (tests read that line), then `env()`."""
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    with server:
        print(f"{server.title} listening on {server.root_url}", flush=True)
        for name, value in env().items():
            print(f"  export {name}={value}", flush=True)
        for note in notes:
            print(f"  {note}", flush=True)
        while not stop.wait(0.5):
            pass
    print(f"{server.title} stopped", file=sys.stderr)


def as_dict(record: RequestRecord) -> dict[str, Any]:
    """A record as plain data, for printing or JSON dumps in benchmarks."""
    return dataclasses.asdict(record)
