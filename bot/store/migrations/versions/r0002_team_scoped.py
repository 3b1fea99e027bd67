"""0002: every workspace table carries team_id and enterprise_id; (team, channel) keys; Bolt's OAuth tables.

- subscriptions, post_ledger and rotation get new primary keys (team_id first), so they are rebuilt the portable
  way, the same on SQLite and PostgreSQL: create ``<name>_new``, copy the rows, drop the old table, rename, and
  create the indexes again. subscriptions and post_ledger keep their own team_id.
- rotation had no team_id: each row takes the team_id of its channel's subscription. Rotation rows of a channel
  with no subscription are dead state (unsubscribing left them behind; nothing reads them) and are DROPPED; the
  number dropped is logged.
- enterprise_id (nullable, None outside Enterprise Grid) is added everywhere; share_claims and request_marks also
  get a nullable team_id and an index on it. The old ix_subscriptions_team index goes (the primary key leads with
  team_id); post_ledger gains ix_post_ledger_age for pruning.
- slack_installations, slack_bots and slack_oauth_states are created as slack_sdk 3.x's SQLAlchemy stores build them
  (written out here, frozen).
- schema_version goes (Alembic's alembic_version replaces it), and so does ``misses`` where an old database still
  holds it (title_asks replaced it long ago).
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None

ID = 32
KEY = 160

log = logging.getLogger("bot.store.migrations")


def _rebuild(
    name: str,
    items: list[sa.schema.SchemaItem],
    copy: sa.Select[tuple[object, ...]],
    columns: list[str],
    indexes: list[tuple[str, list[str]]],
) -> None:
    """Replace table ``name`` by one of ``items``, filled with the rows ``copy`` selects into ``columns``."""
    new = f"{name}_new"
    table = op.create_table(new, *items)
    op.execute(table.insert().from_select(columns, copy))
    op.drop_table(name)
    op.rename_table(new, name)
    if op.get_bind().dialect.name == "postgresql":
        # PostgreSQL named the key after the table it was made in; give it the name a fresh table's key has.
        op.execute(sa.text(f'ALTER TABLE {name} RENAME CONSTRAINT "{new}_pkey" TO "{name}_pkey"'))
    for index, on in indexes:
        op.create_index(index, name, on)


def _old(name: str, *columns: str) -> sa.TableClause:
    return sa.table(name, *(sa.column(column) for column in columns))


def upgrade() -> None:
    bind = op.get_bind()
    old_subscriptions = _old(
        "subscriptions",
        "channel_id",
        "team_id",
        "user_id",
        "at_time",
        "zone",
        "days",
        "kind",
        "next_local_date",
        "next_due_at",
        "paused",
        "created_at",
        "updated_at",
    )

    old_rotation = _old("rotation", "channel_id", "kind", "item_key", "cycle", "posted_on")
    orphaned = sa.select(sa.func.count()).where(
        ~sa.exists().where(old_subscriptions.c.channel_id == old_rotation.c.channel_id)
    )
    dropped = bind.execute(orphaned.select_from(old_rotation)).scalar_one()
    if dropped:
        log.warning("0002: dropping %d rotation rows of channels with no subscription (dead state)", dropped)
    _rebuild(
        "rotation",
        [
            sa.Column("team_id", sa.String(ID), primary_key=True),
            sa.Column("channel_id", sa.String(ID), primary_key=True),
            sa.Column("kind", sa.String(16), primary_key=True),
            sa.Column("item_key", sa.String(KEY), primary_key=True),
            sa.Column("cycle", sa.Integer(), nullable=False),
            sa.Column("posted_on", sa.DateTime(), nullable=False),
            sa.Column("enterprise_id", sa.String(ID)),
        ],
        sa.select(
            old_subscriptions.c.team_id,
            old_rotation.c.channel_id,
            old_rotation.c.kind,
            old_rotation.c.item_key,
            old_rotation.c.cycle,
            old_rotation.c.posted_on,
        ).select_from(
            old_rotation.join(old_subscriptions, old_subscriptions.c.channel_id == old_rotation.c.channel_id)
        ),
        ["team_id", "channel_id", "kind", "item_key", "cycle", "posted_on"],
        [],
    )

    subscription_columns = [c.name for c in old_subscriptions.c]
    _rebuild(
        "subscriptions",
        [
            sa.Column("team_id", sa.String(ID), primary_key=True),
            sa.Column("channel_id", sa.String(ID), primary_key=True),
            sa.Column("enterprise_id", sa.String(ID)),
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
        sa.select(*old_subscriptions.c),
        subscription_columns,
        [("ix_subscriptions_due", ["next_due_at", "team_id", "channel_id"])],
    )

    ledger_columns = [
        "channel_id",
        "local_date",
        "team_id",
        "user_id",
        "kind",
        "due_at",
        "state",
        "claim_token",
        "lease_until",
        "attempts",
        "item_key",
        "message_ts",
        "detail",
        "updated_at",
    ]
    old_ledger = _old("post_ledger", *ledger_columns)
    _rebuild(
        "post_ledger",
        [
            sa.Column("team_id", sa.String(ID), primary_key=True),
            sa.Column("channel_id", sa.String(ID), primary_key=True),
            sa.Column("local_date", sa.Date(), primary_key=True),
            sa.Column("enterprise_id", sa.String(ID)),
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
        sa.select(*old_ledger.c),
        ledger_columns,
        [("ix_post_ledger_open", ["state", "lease_until"]), ("ix_post_ledger_age", ["local_date"])],
    )

    for name in ("team_blocks", "title_asks"):
        op.add_column(name, sa.Column("enterprise_id", sa.String(ID)))
    for name in ("share_claims", "request_marks"):
        op.add_column(name, sa.Column("team_id", sa.String(ID)))
        op.add_column(name, sa.Column("enterprise_id", sa.String(ID)))
    op.create_index("ix_share_claims_team", "share_claims", ["team_id"])
    op.create_index("ix_request_marks_team", "request_marks", ["team_id"])

    _create_oauth_tables()

    op.drop_table("schema_version")
    if "misses" in sa.inspect(bind).get_table_names():
        op.drop_table("misses")


def _create_oauth_tables() -> None:
    """slack_sdk's ``build_installations_table``, ``build_bots_table`` and ``build_oauth_states_table`` (3.x)."""
    op.create_table(
        "slack_installations",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("client_id", sa.String(32), nullable=False),
        sa.Column("app_id", sa.String(32), nullable=False),
        sa.Column("enterprise_id", sa.String(32)),
        sa.Column("enterprise_name", sa.String(200)),
        sa.Column("enterprise_url", sa.String(200)),
        sa.Column("team_id", sa.String(32)),
        sa.Column("team_name", sa.String(200)),
        sa.Column("bot_token", sa.String(200)),
        sa.Column("bot_id", sa.String(32)),
        sa.Column("bot_user_id", sa.String(32)),
        sa.Column("bot_scopes", sa.String(1000)),
        sa.Column("bot_refresh_token", sa.String(200)),
        sa.Column("bot_token_expires_at", sa.DateTime()),
        sa.Column("user_id", sa.String(32), nullable=False),
        sa.Column("user_token", sa.String(200)),
        sa.Column("user_scopes", sa.String(1000)),
        sa.Column("user_refresh_token", sa.String(200)),
        sa.Column("user_token_expires_at", sa.DateTime()),
        sa.Column("incoming_webhook_url", sa.String(200)),
        sa.Column("incoming_webhook_channel", sa.String(200)),
        sa.Column("incoming_webhook_channel_id", sa.String(200)),
        sa.Column("incoming_webhook_configuration_url", sa.String(200)),
        sa.Column("is_enterprise_install", sa.Boolean(), nullable=False),
        sa.Column("token_type", sa.String(32)),
        sa.Column("installed_at", sa.DateTime(), nullable=False),
    )
    op.create_index(
        "slack_installations_idx",
        "slack_installations",
        ["client_id", "enterprise_id", "team_id", "user_id", "installed_at"],
    )
    op.create_table(
        "slack_bots",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("client_id", sa.String(32), nullable=False),
        sa.Column("app_id", sa.String(32), nullable=False),
        sa.Column("enterprise_id", sa.String(32)),
        sa.Column("enterprise_name", sa.String(200)),
        sa.Column("team_id", sa.String(32)),
        sa.Column("team_name", sa.String(200)),
        sa.Column("bot_token", sa.String(200)),
        sa.Column("bot_id", sa.String(32)),
        sa.Column("bot_user_id", sa.String(32)),
        sa.Column("bot_scopes", sa.String(1000)),
        sa.Column("bot_refresh_token", sa.String(200)),
        sa.Column("bot_token_expires_at", sa.DateTime()),
        sa.Column("is_enterprise_install", sa.Boolean(), nullable=False),
        sa.Column("installed_at", sa.DateTime(), nullable=False),
    )
    op.create_index("slack_bots_idx", "slack_bots", ["client_id", "enterprise_id", "team_id", "installed_at"])
    op.create_table(
        "slack_oauth_states",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("state", sa.String(200), nullable=False),
        sa.Column("expire_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    raise NotImplementedError("0002 cannot be undone (two teams may now share a channel): restore a backup")
