"""Error reporting (Sentry), each part off until its setting is there; the packages come with the ``observability``
extra (``pip install 'specimen[observability]'``)."""

from __future__ import annotations

import logging

from bot.cli.logs import redact_tree
from bot.config import ConfigError, Settings

log = logging.getLogger(__name__)


def start_error_reporting(settings: Settings) -> bool:
    """Initialise Sentry when SENTRY_DSN is set; True when it was. Request bodies are never sent."""
    dsn = settings.sentry_dsn
    if dsn is None:
        return False
    try:
        import sentry_sdk
    except ImportError:
        raise ConfigError(
            "SENTRY_DSN is set but sentry-sdk is missing: pip install 'specimen[observability]'"
        ) from None
    sentry_sdk.init(
        dsn=dsn,
        send_default_pii=False,
        max_request_body_size="never",
        traces_sample_rate=0.0,
        before_send=lambda event, hint: redact_tree(event),
        before_breadcrumb=lambda crumb, hint: redact_tree(crumb),
    )
    log.info("errors are reported to Sentry")
    return True
