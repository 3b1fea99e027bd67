"""The database schema (SQLAlchemy Core): what the newest migration (bot/store/migrations) leaves.

Change a table here and add a migration that makes the same change (tests/store/test_migrations.py compares the two).
Every table that holds a workspace's data carries ``team_id`` and ``enterprise_id`` (None outside Enterprise Grid),
so one team's rows can be found, and deleted, on their own (bot/store/teams.py).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    TypeDecorator,
)

ID = 32  # Slack ids (C…, T…, U…) are ~11 characters; generous room
ZONE = 64
KEY = 160
QUERY_MAX = 200
ASKER = 32


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes stored as naive UTC (the same on SQLite and PostgreSQL); naive input is refused."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"refusing a naive datetime {value.isoformat()}: pass an aware one")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        stored: datetime = value
        return stored.replace(tzinfo=UTC)


metadata = MetaData()

# Keyed by team and channel: two installs that share a Slack Connect channel each keep their own subscription.
subscriptions = Table(
    "subscriptions",
    metadata,
    Column("team_id", String(ID), primary_key=True),
    Column("channel_id", String(ID), primary_key=True),
    Column("enterprise_id", String(ID)),
    Column("user_id", String(ID)),  # who subscribed: told by DM when the channel stops working
    Column("at_time", String(5), nullable=False),  # "HH:MM"
    Column("zone", String(ZONE), nullable=False),
    Column("days", String(16), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("next_local_date", Date),
    Column("next_due_at", UTCDateTime),
    Column("paused", String(64)),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Index("ix_subscriptions_due", "next_due_at", "team_id", "channel_id"),
)

# One row per team, channel and local date, inserted before anything is sent: the guard against double posts.
# Rows older than 90 days are pruned by the clock.
post_ledger = Table(
    "post_ledger",
    metadata,
    Column("team_id", String(ID), primary_key=True),
    Column("channel_id", String(ID), primary_key=True),
    Column("local_date", Date, primary_key=True),
    Column("enterprise_id", String(ID)),
    Column("user_id", String(ID)),
    Column("kind", String(16), nullable=False),
    Column("due_at", UTCDateTime, nullable=False),
    Column("state", String(16), nullable=False),
    Column("claim_token", String(64)),
    Column("lease_until", UTCDateTime),
    Column("attempts", Integer, nullable=False, default=0),
    Column("item_key", String(KEY)),
    Column("message_ts", String(32)),
    Column("detail", String(200)),
    Column("updated_at", UTCDateTime, nullable=False),
    Index("ix_post_ledger_open", "state", "lease_until"),
    Index("ix_post_ledger_age", "local_date"),
)

# Entries posted in each channel's current rotation cycle (earlier cycles are deleted when a new one starts).
rotation = Table(
    "rotation",
    metadata,
    Column("team_id", String(ID), primary_key=True),
    Column("channel_id", String(ID), primary_key=True),
    Column("kind", String(16), primary_key=True),
    Column("item_key", String(KEY), primary_key=True),
    Column("cycle", Integer, nullable=False),
    Column("posted_on", UTCDateTime, nullable=False),
    Column("enterprise_id", String(ID)),
)

# Workspaces whose token stopped working (invalid_auth, account_inactive): no posts until cleared.
team_blocks = Table(
    "team_blocks",
    metadata,
    Column("team_id", String(ID), primary_key=True),
    Column("reason", String(64), nullable=False),
    Column("since", UTCDateTime, nullable=False),
    Column("enterprise_id", String(ID)),
)

# Titles asked for that matched no specimen (a search, or the Request button), per workspace and person, for the Home
# tab's "asked for, not in the guide". ``asker`` is a one-way hash of the workspace and user ids: it tells people
# apart, it names no one. ``public``: typed in a public channel; ``requested``: asked for with the Request button.
# Rows unseen for 90 days are pruned.
title_asks = Table(
    "title_asks",
    metadata,
    Column("team_id", String(ID), primary_key=True),
    Column("normalized_query", String(QUERY_MAX), primary_key=True),
    Column("asker", String(ASKER), primary_key=True),
    Column("public", Boolean, nullable=False),
    Column("requested", Boolean, nullable=False),
    Column("last_seen", UTCDateTime, nullable=False),
    Column("enterprise_id", String(ID)),
)


# One preview shares once: the first Share (or Send) of an ephemeral preview claims it; a double click finds it taken.
# Rows older than a day are pruned (a preview's response_url lives 30 minutes).
share_claims = Table(
    "share_claims",
    metadata,
    Column("claim", String(KEY), primary_key=True),
    Column("claimed_at", UTCDateTime, nullable=False),
    Column("team_id", String(ID)),
    Column("enterprise_id", String(ID)),
    Index("ix_share_claims_team", "team_id"),
)

# Requests already served (a signature, or an event's id), kept until ``expires_at``: a replay or a retried event
# finds its row and acts no more. Expired rows are pruned.
request_marks = Table(
    "request_marks",
    metadata,
    Column("key", String(80), primary_key=True),
    Column("expires_at", UTCDateTime, nullable=False),
    Column("team_id", String(ID)),
    Column("enterprise_id", String(ID)),
    Index("ix_request_marks_expiry", "expires_at"),
    Index("ix_request_marks_team", "team_id"),
)

# The last time each process of a kind (the daily clock) finished a pass, for /healthz and `specimen doctor`.
heartbeats = Table(
    "heartbeats",
    metadata,
    Column("name", String(ID), primary_key=True),
    Column("at", UTCDateTime, nullable=False),
)

# Bolt's OAuth (``slack_sdk``'s SQLAlchemy stores), on the app's own database: installations, their bots, and the
# ``state`` values of installs in progress. Built by slack_sdk's own table builders, so the stores read them as is.
INSTALLATIONS = SQLAlchemyInstallationStore.default_installations_table_name
BOTS = SQLAlchemyInstallationStore.default_bots_table_name
OAUTH_STATES = SQLAlchemyOAuthStateStore.default_table_name
slack_installations = SQLAlchemyInstallationStore.build_installations_table(metadata, INSTALLATIONS)
slack_bots = SQLAlchemyInstallationStore.build_bots_table(metadata, BOTS)
slack_oauth_states = SQLAlchemyOAuthStateStore.build_oauth_states_table(metadata, OAUTH_STATES)
