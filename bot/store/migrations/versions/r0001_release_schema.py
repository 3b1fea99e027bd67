"""0001: the schema of the release before Alembic (its ``schema_version`` table said 1), written out and frozen.

Each table is created only when missing: on an empty database that is all of them; on a database of the release
before Alembic it is none (or the ones a database last opened by an older release lacked: title_asks, share_claims,
request_marks, heartbeats), so such a database is adopted as 0001 with its rows untouched.
Times are naive UTC ``DateTime`` columns (the app's UTCDateTime stores them so).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None

ID = 32
KEY = 160


def _tables() -> list[tuple[str, list[sa.schema.SchemaItem], list[tuple[str, list[str]]]]]:
    """(name, columns and constraints, indexes) of every table of the release, in creation order."""
    return [
        (
            "schema_version",
            [sa.Column("version", sa.Integer(), primary_key=True, autoincrement=False)],
            [],
        ),
        (
            "subscriptions",
            [
                sa.Column("channel_id", sa.String(ID), primary_key=True),
                sa.Column("team_id", sa.String(ID), nullable=False),
                sa.Column("user_id", sa.String(ID)),
                sa.Column("at_time", sa.String(5), nullable=False),
                sa.Column("zone", sa.String(64), nullable=False),
                sa.Column("days", sa.String(16), nullable=False),
                sa.Column("kind", sa.String(16), nullable=False),
                sa.Column("next_local_date", sa.Date()),
                sa.Column("next_due_at", sa.DateTime()),
                sa.Column("paused", sa.String(64)),
                sa.Column("created_at", sa.DateTime(), nullable=False),
                sa.Column("updated_at", sa.DateTime(), nullable=False),
            ],
            [("ix_subscriptions_due", ["next_due_at", "channel_id"]), ("ix_subscriptions_team", ["team_id"])],
        ),
        (
            "post_ledger",
            [
                sa.Column("channel_id", sa.String(ID), primary_key=True),
                sa.Column("local_date", sa.Date(), primary_key=True),
                sa.Column("team_id", sa.String(ID), nullable=False),
                sa.Column("user_id", sa.String(ID)),
                sa.Column("kind", sa.String(16), nullable=False),
                sa.Column("due_at", sa.DateTime(), nullable=False),
                sa.Column("state", sa.String(16), nullable=False),
                sa.Column("claim_token", sa.String(64)),
                sa.Column("lease_until", sa.DateTime()),
                sa.Column("attempts", sa.Integer(), nullable=False),
                sa.Column("item_key", sa.String(KEY)),
                sa.Column("message_ts", sa.String(32)),
                sa.Column("detail", sa.String(200)),
                sa.Column("updated_at", sa.DateTime(), nullable=False),
            ],
            [("ix_post_ledger_open", ["state", "lease_until"])],
        ),
        (
            "rotation",
            [
                sa.Column("channel_id", sa.String(ID), primary_key=True),
                sa.Column("kind", sa.String(16), primary_key=True),
                sa.Column("item_key", sa.String(KEY), primary_key=True),
                sa.Column("cycle", sa.Integer(), nullable=False),
                sa.Column("posted_on", sa.DateTime(), nullable=False),
            ],
            [],
        ),
        (
            "team_blocks",
            [
                sa.Column("team_id", sa.String(ID), primary_key=True),
                sa.Column("reason", sa.String(64), nullable=False),
                sa.Column("since", sa.DateTime(), nullable=False),
            ],
            [],
        ),
        (
            "title_asks",
            [
                sa.Column("team_id", sa.String(ID), primary_key=True),
                sa.Column("normalized_query", sa.String(200), primary_key=True),
                sa.Column("asker", sa.String(32), primary_key=True),
                sa.Column("public", sa.Boolean(), nullable=False),
                sa.Column("requested", sa.Boolean(), nullable=False),
                sa.Column("last_seen", sa.DateTime(), nullable=False),
            ],
            [],
        ),
        (
            "share_claims",
            [
                sa.Column("claim", sa.String(KEY), primary_key=True),
                sa.Column("claimed_at", sa.DateTime(), nullable=False),
            ],
            [],
        ),
        (
            "request_marks",
            [
                sa.Column("key", sa.String(80), primary_key=True),
                sa.Column("expires_at", sa.DateTime(), nullable=False),
            ],
            [("ix_request_marks_expiry", ["expires_at"])],
        ),
        (
            "heartbeats",
            [
                sa.Column("name", sa.String(ID), primary_key=True),
                sa.Column("at", sa.DateTime(), nullable=False),
            ],
            [],
        ),
    ]


def upgrade() -> None:
    present = set(sa.inspect(op.get_bind()).get_table_names())
    for name, items, indexes in _tables():
        if name in present:
            continue
        table = op.create_table(name, *items)
        for index, columns in indexes:
            op.create_index(index, name, columns)
        if name == "schema_version":
            op.bulk_insert(table, [{"version": 1}])  # as the release wrote it: its own check passes


def downgrade() -> None:
    raise NotImplementedError("0001 is the first revision: to go back, restore a backup")
