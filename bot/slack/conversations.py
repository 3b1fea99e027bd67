"""What Slack says about a conversation (``conversations.info``): private or not, and whether the app is a member.

Answers are remembered for a while per bot and channel (a Slack Connect channel is seen by each workspace's own bot,
and only one of them may be a member): the Home tab asks on every open, and a channel rarely changes.
A failed call is not remembered and answers None ("unknown"), which callers treat as the careful case.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

log = logging.getLogger(__name__)
REMEMBER_SECONDS = 600.0
REMEMBER_CHANNELS = 5_000


@dataclass(frozen=True, slots=True)
class ConversationInfo:
    is_private: bool
    is_member: bool


class Conversations:
    """``conversations.info``, remembered per bot token and channel for REMEMBER_SECONDS."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._known: dict[tuple[str, str], tuple[float, ConversationInfo]] = {}
        self._lock = threading.Lock()

    def info(self, client: WebClient, channel_id: str, *, fresh: bool = False) -> ConversationInfo | None:
        now = self._clock()
        key = (client.token or "", channel_id)
        with self._lock:
            held = self._known.get(key)
        if held is not None and not fresh and now - held[0] < REMEMBER_SECONDS:
            return held[1]
        try:
            channel = client.conversations_info(channel=channel_id).get("channel") or {}
        except (SlackApiError, OSError, ValueError) as error:
            reason = error.response.get("error") if isinstance(error, SlackApiError) else repr(error)
            log.info("conversations.info for %s failed: %s", channel_id, reason)
            return None
        found = ConversationInfo(bool(channel.get("is_private")), bool(channel.get("is_member")))
        with self._lock:
            if len(self._known) >= REMEMBER_CHANNELS:
                self._known.clear()
            self._known[key] = (now, found)
        return found
