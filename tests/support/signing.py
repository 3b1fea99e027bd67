"""Sign requests exactly as Slack signs them, and send them with urllib.

https://docs.slack.dev/authentication/verifying-requests-from-slack : basestring ``v0:{timestamp}:{raw body}``,
HMAC-SHA256 keyed with the signing secret, hex digest, header ``X-Slack-Signature: v0=<hex>`` plus
``X-Slack-Request-Timestamp``. Written from the docs, not from slack_sdk, so the test vector checks both.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

FORM = "application/x-www-form-urlencoded"
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never route 127.0.0.1 through a proxy
JSON = "application/json"


def signature(secret: str, timestamp: str | int, body: str | bytes) -> str:
    """The ``X-Slack-Signature`` value for ``body`` sent at ``timestamp``."""
    raw = body.encode("utf-8") if isinstance(body, str) else body
    basestring = b"v0:" + str(timestamp).encode("ascii") + b":" + raw
    return "v0=" + hmac.new(secret.encode("utf-8"), basestring, hashlib.sha256).hexdigest()


def signed_headers(secret: str, body: str | bytes, *, timestamp: int | None = None) -> dict[str, str]:
    """The two signature headers; ``timestamp`` defaults to now (Slack's 5-minute window)."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature(secret, ts, body)}


@dataclass(frozen=True)
class HttpResponse:
    status: int
    headers: dict[str, str]  # lower-cased names
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self) -> Any:
        return json.loads(self.body)


def http_request(
    url: str,
    body: bytes | None = None,
    *,
    method: str = "POST",
    headers: dict[str, str] | None = None,
    timeout: float = 10.0,
) -> HttpResponse:
    """One HTTP request with urllib; 4xx/5xx come back as a response, not an exception."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with _DIRECT.open(request, timeout=timeout) as response:
            return HttpResponse(response.status, _lower(response.headers.items()), response.read())
    except urllib.error.HTTPError as error:
        with error:
            return HttpResponse(error.code, _lower(error.headers.items()), error.read())


def post_signed(
    url: str,
    body: str | bytes,
    *,
    secret: str,
    content_type: str = FORM,
    timestamp: int | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 10.0,
) -> HttpResponse:
    """POST ``body`` to ``url`` signed with ``secret``, as Slack delivers commands, interactions and events."""
    raw = body.encode("utf-8") if isinstance(body, str) else body
    all_headers = {"Content-Type": content_type, "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)"}
    all_headers.update(signed_headers(secret, raw, timestamp=timestamp))
    all_headers.update(headers or {})
    return http_request(url, raw, headers=all_headers, timeout=timeout)


def _lower(items: Any) -> dict[str, str]:
    return {str(name).lower(): str(value) for name, value in items}
