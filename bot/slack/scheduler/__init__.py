"""The daily clock: the only code that sends daily posts to Slack (``poster``: one lane of a pass and its faults;
``clock``: passes, the minute loop and the ``clock`` / ``post-daily`` commands)."""

from bot.core.daily.passes import EnvSubscription, PassReport, PosterSettings
from bot.slack.scheduler.clock import (
    DailyParts,
    claim_token,
    clock_forever,
    from_settings,
    offset_clock,
    post_daily_once,
    post_due,
    run_clock,
    start_clock,
)

__all__ = [
    "DailyParts",
    "EnvSubscription",
    "PassReport",
    "PosterSettings",
    "claim_token",
    "clock_forever",
    "from_settings",
    "offset_clock",
    "post_daily_once",
    "post_due",
    "run_clock",
    "start_clock",
]
