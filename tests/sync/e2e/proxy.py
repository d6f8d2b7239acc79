"""A small HTTP proxy on 127.0.0.1 that misbehaves on purpose, for the sync fault tests.

Each request is numbered; ``plan(number, method, path)`` says what happens to it: "pass"
(forwarded), "cut" (forwarded, then the connection is closed halfway through the response: the
server did the work, the client never hears of it) or a status code answered by the proxy
itself (500, 503 and 429 carry a ``Retry-After``). One request per connection keeps it simple.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable

Plan = Callable[[int, str, str], str | int]
RETRY_AFTER = {503: 2, 429: 1}
_REASONS = {500: "Internal Server Error", 503: "Service Unavailable", 429: "Too Many Requests"}


def _read_request(connection: socket.socket) -> bytes | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = connection.recv(65536)
        if not chunk:
            return None
        body += chunk
    lines = [line for line in head.split(b"\r\n") if not line.lower().startswith(b"connection:")]
    return b"\r\n".join([*lines, b"Connection: close"]) + b"\r\n\r\n" + body


class FaultProxy:
    def __init__(self, upstream_port: int, plan: Plan) -> None:
        self.upstream_port = upstream_port
        self.plan = plan
        self.actions: list[tuple[str, str, str | int]] = []
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self._listener.close()
        self._thread.join(10)

    def _serve(self) -> None:
        while True:
            try:
                connection, _address = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(connection,), daemon=True).start()

    def _handle(self, connection: socket.socket) -> None:
        with connection:
            request = _read_request(connection)
            if request is None:
                return
            method, path = request.split(b" ", 2)[:2]
            with self._lock:
                number = len(self.actions)
                action = self.plan(number, method.decode(), path.decode())
                self.actions.append((method.decode(), path.decode(), action))
            if isinstance(action, int):
                connection.sendall(self._answer(action))
                return
            with socket.create_connection(("127.0.0.1", self.upstream_port)) as upstream:
                upstream.sendall(request)
                response = b""
                while chunk := upstream.recv(65536):
                    response += chunk
            if action == "cut":
                connection.sendall(response[: max(1, len(response) // 2)])
                connection.shutdown(socket.SHUT_RDWR)
                return
            connection.sendall(response)

    @staticmethod
    def _answer(status: int) -> bytes:
        body = json.dumps({"detail": "Errore simulato dal proxy di prova."}).encode()
        headers = [
            f"HTTP/1.1 {status} {_REASONS.get(status, 'Error')}",
            "Content-Type: application/json",
            f"Content-Length: {len(body)}",
            "Connection: close",
        ]
        if status in RETRY_AFTER:
            headers.append(f"Retry-After: {RETRY_AFTER[status]}")
        return ("\r\n".join(headers) + "\r\n\r\n").encode() + body
