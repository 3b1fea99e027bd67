"""Storage (SQLAlchemy 2): SQLite by default, PostgreSQL at scale, chosen by one DATABASE_URL."""

from bot.store.engine import StoreError, safe_database_url
from bot.store.ledger import ClaimBatch
from bot.store.store import Store
from bot.store.teams import Leaver

__all__ = ["ClaimBatch", "Leaver", "Store", "StoreError", "safe_database_url"]
