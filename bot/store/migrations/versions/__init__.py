"""The revisions, oldest first by ``down_revision``. Frozen code: never import bot.store.tables here."""
