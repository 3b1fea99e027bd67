"""``LOG_FORMAT=json``: one JSON object per line (python-json-logger, from the ``observability`` extra), with the
request's ``team_id`` and ``channel`` when the line was written while serving one."""

from __future__ import annotations

import logging

from bot.config import ConfigError
from bot.slack.context import current_request


class _RequestFields(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        team_id, channel = current_request()
        record.team_id = team_id
        record.channel = channel
        return True


def json_formatter() -> logging.Formatter:
    try:
        from pythonjsonlogger.json import JsonFormatter
    except ImportError:
        raise ConfigError("LOG_FORMAT=json needs python-json-logger: pip install 'specimen[observability]'") from None

    class _Formatter(JsonFormatter):
        def format(self, record: logging.LogRecord) -> str:
            _RequestFields().filter(record)
            return super().format(record)

    return _Formatter(
        "%(asctime)s %(levelname)s %(name)s %(message)s %(team_id)s %(channel)s",
        rename_fields={"levelname": "level", "name": "logger", "asctime": "time"},
    )
