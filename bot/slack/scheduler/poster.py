"""One lane of a clock's pass: claim due posts, send each with chat.postMessage, settle every fault.

Exactly once per channel and local date, with any number of clocks and restarts:

* a post is sent only by the clock holding its ledger row (``Store.claim_due`` / ``reclaim_stale``), and only after
  ``Store.begin_send`` marked the row ``sending`` under that claim;
* a row left ``sending`` (crash, timeout, 5xx: Slack may have the post) is sent again only after the channel's
  history shows no message carrying this post's metadata. That needs the ``channels:history`` scope (and
  ``groups:history`` for private channels; daily posts never go to DMs). Without it, or if the history cannot be
  read, the row ends ``unconfirmed`` and is never re-sent: a gap is preferred to a double post;
* the lease (default 5 min) is far longer than one send can take (WebClient timeout 30 s), so a claim can only be
  taken over from a clock that is gone or stuck;
* the WebClient must not retry by itself (``retry_handlers=[]``): slack_sdk's default handler re-sends after a
  dropped connection, which may follow a post Slack already stored. Those cases are left ``sending`` here instead.

Faults: 429 holds only that workspace's posts for ``Retry-After`` seconds (at most ``max_retry_wait``; longer waits
hand the post back to the ledger for a later pass); ``not_in_channel`` / ``channel_not_found`` / ``is_archived``
pause the subscription and DM the subscriber; ``invalid_auth`` / ``account_inactive`` stop the workspace (logged
once) until a `/specimen daily` command arrives from it or a clock starts with a token that works there.

Each workspace posts with its own client (``TeamClients``): the one SLACK_BOT_TOKEN in one-workspace mode, the
workspace's stored (and, if it expires soon, refreshed) bot token in OAuth mode. A workspace with no installation
left is stopped the same way (logged once, its posts held) until it installs the app again.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.cards.daily import pause_notice
from bot.core.cards.daily_post import daily_metadata, daily_post, is_daily_post
from bot.core.daily.faults import Fault, classify, retry_after_seconds
from bot.core.daily.model import Claim, PostState
from bot.core.daily.passes import PassReport, PosterSettings
from bot.core.daily.rotation import Entries
from bot.core.records.model import Catalog
from bot.slack.installations import ClientsForPass, TeamClients, TokenUnavailableError
from bot.store import ClaimBatch, Store

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
NO_INSTALLATION = "no installation"


def _unsent(claim: Claim) -> PostState:
    """How a row that nothing was sent for in this attempt is left: as it came (an earlier attempt may have posted)."""
    return PostState.SENDING if claim.verify else PostState.CLAIMED


@dataclass(frozen=True, slots=True)
class _Retry:
    wait: int
    state: PostState  # what the row is left as meanwhile: claimed (surely not sent) or sending (check history)


class _Absent(enum.Enum):
    """History shows the post is not there: send it."""

    ABSENT = 0


_ABSENT = _Absent.ABSENT


@dataclass
class Poster:
    """One lane of a pass: its own claim token, its own 429 holds, its own report."""

    clients: TeamClients
    store: Store
    catalog: Catalog
    clock: Clock
    settings: PosterSettings
    sleep: Callable[[float], None]
    token: str
    report: PassReport = field(default_factory=PassReport)
    entries: Entries | None = None
    holds: dict[str, datetime] = field(default_factory=dict)  # team → no posts before
    blocked: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._clients = ClientsForPass(self.clients)

    def _client(self, claim: Claim) -> WebClient | None:
        """The workspace's client (looked up once per pass); TokenUnavailableError when it cannot be had just now."""
        return self._clients.client_for(claim.team_id, claim.enterprise_id)

    def run(self) -> PassReport:
        self.entries = Entries(self.catalog)
        s = self.settings
        for take in (self.store.reclaim_stale, partial(self.store.claim_due, entries=self.entries)):
            while True:
                batch = take(now=self.clock(), grace=s.grace, lease=s.lease, limit=s.batch_size, token=self.token)
                if not batch.examined:
                    break
                self._handle(batch)
        return self.report

    def _handle(self, batch: ClaimBatch) -> None:
        for claim in batch.missed:
            self.report.missed += 1
            log.warning("daily post for %s on %s missed: no clock ran in time", claim.channel_id, claim.local_date)
        pending = [(claim, 0) for claim in batch.claims]
        while pending:
            now = self.clock()
            ready = [(c, n) for c, n in pending if self.holds.get(c.team_id, now) <= now]
            if not ready:
                self.sleep(max(0.0, (min(self.holds[c.team_id] for c, _ in pending) - now).total_seconds()))
                continue
            pending = [(c, n) for c, n in pending if self.holds.get(c.team_id, now) > now]
            for claim, holds in ready:
                if self.holds.get(claim.team_id, now) > self.clock():
                    pending.append((claim, holds))  # a 429 earlier in this round
                    continue
                retry = self._deliver(claim)
                if retry is not None:
                    self._hold(claim, holds, retry, pending)

    def _hold(self, claim: Claim, holds: int, retry: _Retry, pending: list[tuple[Claim, int]]) -> None:
        """After a 429: hold the workspace and retry in this pass, or hand the row back for a later pass."""
        now = self.clock()
        until = now + timedelta(seconds=retry.wait)
        if retry.wait <= self.settings.max_retry_wait and holds < self.settings.max_holds:
            self.holds[claim.team_id] = max(self.holds.get(claim.team_id, now), until)
            self._set(claim, retry.state, detail="rate limited", lease_until=until + self.settings.lease)
            pending.append((claim, holds + 1))
        else:
            self._set(claim, retry.state, detail="rate limited", lease_until=until)
            self.report.retry_later += 1

    def _deliver(self, claim: Claim) -> _Retry | None:
        """Post one claim; return when and how to retry it after a 429, else None."""
        if claim.team_id in self.blocked:
            self._set(claim, _unsent(claim), detail="workspace stopped", lease_until=self.clock())
            return None
        try:
            client = self._client(claim)
        except TokenUnavailableError as error:
            # Nothing was sent: the row waits, unblocked, for a later pass (within the grace window).
            until = self.clock() + self.settings.recheck_after
            self._set(claim, _unsent(claim), detail=str(error)[:200], lease_until=until)
            self.report.retry_later += 1
            return None
        if client is None:
            self._uninstalled(claim)
            return None
        if claim.verify:
            verdict = self._verify(claim, client)
            if verdict is not _ABSENT:
                return verdict
        now = self.clock()
        try:
            assert self.entries is not None
            item = self.store.begin_send(claim, now=now, lease=self.settings.lease, entries=self.entries)
        except LookupError as error:
            self._final(claim, PostState.FAILED, str(error), logging.ERROR)
            return None
        if item is None:
            self.report.lost += 1
            return None
        post = daily_post(self.catalog, item, claim.kind)
        if post is None:
            self._final(claim, PostState.FAILED, f"record {item.slug} is not in the catalog", logging.ERROR)
            return None
        try:
            response = client.chat_postMessage(
                channel=claim.channel_id,
                text=post.text,
                blocks=post.blocks,
                metadata=daily_metadata(claim.channel_id, claim.local_date),
                unfurl_links=False,
                unfurl_media=False,
            )
        except SlackApiError as error:
            return self._fault(claim, error, sending=True)
        except Exception as error:  # network errors, timeouts, unreadable replies: Slack may have the post
            self._maybe_sent(claim, f"{error.__class__.__name__}: {error}")
            return None
        self._set(claim, PostState.POSTED, message_ts=str(response.get("ts") or ""))
        self.report.posted += 1
        return None

    def _verify(self, claim: Claim, client: WebClient) -> _Retry | _Absent | None:
        """Look for the post in history: ``_ABSENT`` (send it), a retry (429), or None (settled here)."""
        oldest = (claim.due - self.settings.history_window).timestamp()
        cursor: str | None = None
        try:
            for _ in range(self.settings.history_pages):
                page = client.conversations_history(
                    channel=claim.channel_id,
                    oldest=f"{oldest:.6f}",
                    limit=200,
                    include_all_metadata=True,
                    cursor=cursor,
                )
                for message in page.get("messages") or []:
                    if is_daily_post(message, claim.channel_id, claim.local_date):
                        self._set(claim, PostState.POSTED, message_ts=str(message.get("ts")), detail="found in history")
                        self.report.recovered += 1
                        return None
                cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
                if not page.get("has_more") or cursor is None:
                    break
            else:
                self._final(claim, PostState.UNCONFIRMED, "history too long to check", logging.WARNING)
                return None
        except SlackApiError as error:
            return self._fault(claim, error, sending=False)
        except Exception as error:
            self._maybe_sent(claim, f"history check failed: {error.__class__.__name__}: {error}")
            return None
        if self.clock() - claim.due > self.settings.grace:
            self._final(claim, PostState.MISSED, "not in history and past the grace window", logging.WARNING)
            return None
        return _ABSENT

    def _fault(self, claim: Claim, error: SlackApiError, *, sending: bool) -> _Retry | None:
        status = getattr(error.response, "status_code", None)
        code = error.response.get("error") if isinstance(error.response.data, dict) else None
        fault = classify(status, code)
        detail = code or f"HTTP {status}"
        if fault is Fault.RATE_LIMITED:
            # A 429 means not stored; a history read that was rate limited leaves the row to be checked again.
            wait = max(1, retry_after_seconds(error.response.headers.get("Retry-After")))
            return _Retry(wait, PostState.CLAIMED if sending else PostState.SENDING)
        if fault is Fault.AUTH:
            self._block(claim, detail, sending=sending)
        elif fault is Fault.CHANNEL:
            self._pause(claim, detail, final=PostState.FAILED if sending else PostState.UNCONFIRMED)
        elif fault is Fault.UNCERTAIN:
            self._maybe_sent(claim, detail)
        elif sending:
            self._final(claim, PostState.FAILED, f"Slack refused the post: {detail}", logging.ERROR)
        else:
            hint = "needs channels:history / groups:history" if code == "missing_scope" else detail
            self._final(claim, PostState.UNCONFIRMED, f"cannot read history ({hint}); not re-sent", logging.WARNING)
        return None

    def _maybe_sent(self, claim: Claim, detail: str) -> None:
        log.warning(
            "daily post for %s on %s may not have reached Slack (%s)", claim.channel_id, claim.local_date, detail
        )
        self._set(claim, PostState.SENDING, detail=detail, lease_until=self.clock() + self.settings.recheck_after)

    def _uninstalled(self, claim: Claim) -> None:
        """No installation (or no token that can be refreshed): nothing was sent; stop the workspace, log once."""
        self.report.uninstalled += 1
        if self._stop(claim, NO_INSTALLATION, _unsent(claim)):
            log.warning(
                "workspace %s has no installation or token: its daily posts are held until it installs the app again",
                claim.team_id,
            )

    def _block(self, claim: Claim, code: str, *, sending: bool) -> None:
        # Not sent (auth errors are refusals): a refused post is surely unsent, a refused history read still unknown.
        if self._stop(claim, code, PostState.CLAIMED if sending else PostState.SENDING):
            log.error("Slack said %s for workspace %s: its daily posts are stopped", code, claim.team_id)

    def _stop(self, claim: Claim, reason: str, state: PostState) -> bool:
        """Stop the workspace's posts (in this pass and later ones, until it works again), keeping the row open as
        ``state``; True the first time it is stopped, so the caller logs once."""
        self.blocked.add(claim.team_id)
        self._set(claim, state, detail=reason, lease_until=self.clock())
        return self.store.block_team(claim.team_id, reason, self.clock(), claim.enterprise_id)

    def _pause(self, claim: Claim, code: str, *, final: PostState) -> None:
        self.report.paused += 1
        self._final(claim, final, code, logging.WARNING)
        self.store.pause(claim.team_id, claim.channel_id, code, self.clock())
        if claim.user_id is None:
            log.warning("daily posts to %s paused (%s); no subscriber to tell", claim.channel_id, code)
            return
        try:
            client = self._client(claim)
        except TokenUnavailableError:
            client = None
        if client is None:
            return
        try:
            client.chat_postMessage(channel=claim.user_id, text=pause_notice(claim.channel_id, code))
        except Exception as error:
            log.warning("could not DM %s about pausing %s: %s", claim.user_id, claim.channel_id, error)

    def _final(self, claim: Claim, state: PostState, detail: str, level: int) -> None:
        counter = {PostState.FAILED: "failed", PostState.MISSED: "missed", PostState.UNCONFIRMED: "unconfirmed"}
        setattr(self.report, counter[state], getattr(self.report, counter[state]) + 1)
        log.log(level, "daily post for %s on %s %s: %s", claim.channel_id, claim.local_date, state.value, detail)
        self._set(claim, state, detail=detail)

    def _set(self, claim: Claim, state: PostState, **values: Any) -> None:
        if not self.store.set_state(claim, state, now=self.clock(), **values):
            self.report.lost += 1
            log.error("lost the claim on %s %s before recording %s", claim.channel_id, claim.local_date, state.value)
