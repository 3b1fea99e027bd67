"""Storage (SQLAlchemy 2): SQLite by default, PostgreSQL at scale, chosen by one DATABASE_URL."""

from bot.store.engine import StoreError, safe_database_url
from bot.store.ledger import ClaimBatch
from bot.store.store import Store

__all__ = ["ClaimBatch", "Store", "StoreError", "safe_database_url"]
