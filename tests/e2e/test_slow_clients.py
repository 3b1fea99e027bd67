"""Slow clients hold no worker thread: with 200 connections trickling a body or their headers, Slack still gets
its answers well inside its 3-second acknowledgement window.

Under the former gthread workers, 8 to 40 such connections held every thread and real requests timed out. The
trickle runs on loopback for a bounded time and stops by itself.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time

from tests.support.server import AppServer

SLOW_CONNECTIONS = 200
TRICKLE_SECONDS = 4.0


def _open(port: int, head: bytes) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock.sendall(head)
    return sock


def _trickle(sockets: list[socket.socket], stop: threading.Event) -> None:
    """One byte per connection every 0.2 s until ``stop`` (or the time limit)."""
    deadline = time.monotonic() + TRICKLE_SECONDS + 5
    while not stop.is_set() and time.monotonic() < deadline:
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.send(b"x")
        stop.wait(0.2)


def test_signed_command_answers_within_a_second_while_200_clients_trickle(app_server: AppServer) -> None:
    port = app_server.port
    body_head = (
        b"POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        b"Content-Length: 1000000\r\n\r\nx"
    )
    header_head = b"POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
    sockets: list[socket.socket] = []
    stop = threading.Event()
    trickler = threading.Thread(target=_trickle, args=(sockets, stop), daemon=True)
    try:
        for n in range(SLOW_CONNECTIONS):
            sockets.append(_open(port, body_head if n % 2 == 0 else header_head))
        trickler.start()
        time.sleep(0.5)
        latencies = []
        for n in range(5):
            started = time.monotonic()
            answer = app_server.post_command(f"junior ml engineer {n}" if n else "junior ml engineer")
            latencies.append(time.monotonic() - started)
            assert answer.status == 200, answer.text
            assert answer.json()["response_type"] == "ephemeral"
        assert max(latencies) < 1.0, latencies
        health = app_server.get("/healthz")
        assert health.status == 200
    finally:
        stop.set()
        trickler.join(10)
        for sock in sockets:
            sock.close()


def test_a_body_that_never_completes_gets_408_after_the_deadline(app_server: AppServer) -> None:
    sock = _open(
        app_server.port,
        b"POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Content-Length: 100\r\n\r\n{",
    )
    try:
        sock.settimeout(10)
        started = time.monotonic()
        answer = sock.recv(4096)
        assert answer.startswith(b"HTTP/1.1 408"), answer[:100]
        assert 4.0 < time.monotonic() - started < 8.0
    finally:
        sock.close()
