"""The state behind the Slack stand-ins: one fake workspace with channels, users, messages, triggers and views.

Every method takes the lock itself, so the HTTP handler threads and the test thread can share one instance.
Time comes from ``now()``: the wall clock plus an offset tests can ``advance()`` instead of sleeping.
"""

from __future__ import annotations

import itertools
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

TEAM_ID = "T0SPECIMEN"
TEAM_DOMAIN = "specimen-test"
ENTERPRISE_ID = None
APP_ID = "A0SPECIMEN"
BOT_USER_ID = "U0SPECBOT"
BOT_ID = "B0SPECBOT"
USER_ID = "U0ADA"
USER_NAME = "ada"
CHANNEL_ID = "C0GENERAL"
CHANNEL_NAME = "general"
DEFAULT_TZ = "America/New_York"

TRIGGER_TTL_SECONDS = 3.0  # SLACK-FACTS §3: a trigger_id expires in 3 s and is single use
RESPONSE_URL_TTL_SECONDS = 30 * 60  # SLACK-FACTS §2: up to 5 uses within 30 minutes
RESPONSE_URL_MAX_USES = 5


@dataclass
class Channel:
    id: str
    name: str
    exists: bool = True
    member: bool = True
    archived: bool = False
    messages: list[dict[str, Any]] = field(default_factory=list)  # oldest first
    private: bool = False


@dataclass
class User:
    id: str
    name: str
    tz: str
    exists: bool = True
    is_bot: bool = False


@dataclass
class ResponseUrl:
    id: str
    created: float
    channel_id: str | None
    uses: int = 0


class Workspace:
    """Fake Slack data. Unknown channels and users are created on first use unless configured otherwise."""

    def __init__(self, *, clock: Callable[[], float] = time.time) -> None:
        self.lock = threading.RLock()
        self._clock = clock
        self._offset = 0.0
        self._ts_counter = itertools.count(1)
        self.trigger_ttl = TRIGGER_TTL_SECONDS
        self.response_url_ttl = RESPONSE_URL_TTL_SECONDS
        self.response_url_max_uses = RESPONSE_URL_MAX_USES
        self.default_tz = DEFAULT_TZ
        self.channels: dict[str, Channel] = {CHANNEL_ID: Channel(CHANNEL_ID, CHANNEL_NAME)}
        self.users: dict[str, User] = {
            USER_ID: User(USER_ID, USER_NAME, DEFAULT_TZ),
            BOT_USER_ID: User(BOT_USER_ID, "specimen", DEFAULT_TZ, is_bot=True),
        }
        self._triggers: dict[str, tuple[float, bool]] = {}  # id -> (issued at, used)
        self.response_urls: dict[str, ResponseUrl] = {}
        self.views: dict[str, dict[str, Any]] = {}
        self._external_ids: dict[str, str] = {}
        self.home_views: dict[str, dict[str, Any]] = {}

    # -- time -------------------------------------------------------------------------------------------------

    def now(self) -> float:
        with self.lock:
            return self._clock() + self._offset

    def advance(self, seconds: float) -> None:
        """Move the stand-in's clock forward (expire triggers and response URLs without sleeping)."""
        with self.lock:
            self._offset += seconds

    def next_ts(self) -> str:
        """A message timestamp in Slack's ``seconds.micro`` form, unique and increasing."""
        with self.lock:
            return f"{int(self.now())}.{next(self._ts_counter):06d}"

    # -- configuration ----------------------------------------------------------------------------------------

    def set_channel(
        self,
        channel_id: str,
        *,
        name: str | None = None,
        exists: bool = True,
        member: bool = True,
        archived: bool = False,
        private: bool = False,
    ) -> Channel:
        """Configure a channel: ``exists=False`` → channel_not_found, ``member=False`` → not_in_channel, etc."""
        with self.lock:
            old = self.channels.get(channel_id)
            channel = Channel(channel_id, name or (old.name if old else channel_id.lower()), exists, member, archived)
            channel.private = private or channel_id.startswith("G")
            if old is not None:
                channel.messages = old.messages
            self.channels[channel_id] = channel
            return channel

    def channel(self, channel_id: str) -> Channel:
        with self.lock:
            if channel_id not in self.channels:
                self.channels[channel_id] = Channel(channel_id, channel_id.lower())
            return self.channels[channel_id]

    def set_user(self, user_id: str, *, name: str | None = None, tz: str | None = None, exists: bool = True) -> User:
        with self.lock:
            ZoneInfo(tz or self.default_tz)  # fail loudly on a typo in a test
            user = User(user_id, name or user_id.lower(), tz or self.default_tz, exists)
            self.users[user_id] = user
            return user

    def user(self, user_id: str) -> User:
        with self.lock:
            if user_id not in self.users:
                self.users[user_id] = User(user_id, user_id.lower(), self.default_tz)
            return self.users[user_id]

    # -- triggers and response URLs ------------------------------------------------------------------------------

    def issue_trigger(self) -> str:
        with self.lock:
            trigger_id = f"{next(self._ts_counter)}.{int(self.now())}.{secrets.token_hex(16)}"
            self._triggers[trigger_id] = (self.now(), False)
            return trigger_id

    def exchange_trigger(self, trigger_id: str) -> str | None:
        """Use a trigger once; return Slack's error code, or None when it was valid."""
        with self.lock:
            entry = self._triggers.get(trigger_id)
            if entry is None:
                return "invalid_trigger_id"
            issued, used = entry
            if used:
                return "exchanged_trigger_id"
            if self.now() - issued > self.trigger_ttl:
                return "expired_trigger_id"
            self._triggers[trigger_id] = (issued, True)
            return None

    def issue_response_url(self, base_url: str, channel_id: str | None = None) -> str:
        with self.lock:
            url_id = secrets.token_urlsafe(12)
            self.response_urls[url_id] = ResponseUrl(url_id, self.now(), channel_id)
            return f"{base_url}response/{url_id}"

    # -- messages and views ------------------------------------------------------------------------------------

    def add_message(self, channel_id: str, message: dict[str, Any]) -> dict[str, Any]:
        """Append a message (``ts`` is minted when absent) to a channel's history and return it."""
        with self.lock:
            stored = {"type": "message", **message}
            stored.setdefault("ts", self.next_ts())
            channel = self.channel(channel_id)
            channel.messages.append(stored)
            channel.messages.sort(key=lambda m: float(m["ts"]))
            return stored

    def find_message(self, channel_id: str, ts: str) -> dict[str, Any] | None:
        with self.lock:
            return next((m for m in self.channel(channel_id).messages if m["ts"] == ts), None)

    def delete_message(self, channel_id: str, ts: str) -> bool:
        with self.lock:
            channel = self.channel(channel_id)
            kept = [m for m in channel.messages if m["ts"] != ts]
            deleted = len(kept) != len(channel.messages)
            channel.messages = kept
            return deleted

    def store_view(self, view: dict[str, Any], *, view_id: str | None = None) -> dict[str, Any]:
        with self.lock:
            view_id = view_id or f"V{secrets.token_hex(5).upper()}"
            stored = {
                "id": view_id,
                "team_id": TEAM_ID,
                "app_id": APP_ID,
                "bot_id": BOT_ID,
                "state": {"values": {}},
                "hash": f"{int(self.now())}.{secrets.token_hex(4)}",
                "private_metadata": "",
                "callback_id": "",
                "external_id": "",
                "root_view_id": view_id,
                "previous_view_id": None,
                **view,
            }
            self.views[view_id] = stored
            if stored.get("external_id"):
                self._external_ids[stored["external_id"]] = view_id
            return stored

    def view_id_for(self, *, view_id: str | None, external_id: str | None) -> str | None:
        with self.lock:
            if view_id:
                return view_id if view_id in self.views else None
            return self._external_ids.get(external_id or "")


def tz_fields(tz: str, at: float) -> dict[str, Any]:
    """The ``tz``, ``tz_label`` and ``tz_offset`` fields of a users.info user."""
    local = datetime.fromtimestamp(at, UTC).astimezone(ZoneInfo(tz))
    offset = local.utcoffset()
    return {"tz": tz, "tz_label": local.tzname() or tz, "tz_offset": int(offset.total_seconds()) if offset else 0}
