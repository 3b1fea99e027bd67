"""Slack listeners: plain functions that get their dependencies from ``context["deps"]``.

Only ``bot.slack.app`` imports these modules; they never import each other.
"""
