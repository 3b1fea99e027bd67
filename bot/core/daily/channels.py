"""Slack conversation ids and names, as far as daily posts care: is it a channel id, and is it a DM?"""

from __future__ import annotations

import re

# Public channels start with C, private channels (and older group DMs) with G, direct messages with D.
CHANNEL_ID = re.compile(r"[CGD][A-Z0-9]{2,30}")
# What a slash command's ``channel_name`` says for a DM, and how a group DM's name starts.
DM_NAME = "directmessage"
GROUP_DM_PREFIX = "mpdm-"


def is_channel_id(text: str) -> bool:
    """Whether ``text`` is shaped like a Slack conversation id (``C0123456789``), not a name or markup."""
    return CHANNEL_ID.fullmatch(text) is not None


PRIVATE_NAME = "privategroup"  # what a slash command's ``channel_name`` says for any private channel


def is_public_channel(channel_id: str, channel_name: str | None) -> bool:
    """A public channel, as a slash command describes it: anything said there is seen by the workspace.

    Private channels have ``G…`` ids (older ones) or ``C…`` ids with the name ``privategroup``; DMs and group DMs
    are never public. Without a name nothing says a ``C…`` channel is public, so it counts as private.
    """
    name = channel_name or ""
    return (
        channel_id.startswith("C") and bool(name) and name != PRIVATE_NAME and not is_direct_message(channel_id, name)
    )


def is_direct_message(channel_id: str, channel_name: str | None = None) -> bool:
    """A DM or a group DM, where the bot is no member and so cannot post daily.

    A DM's id starts with ``D``; a group DM's id looks like a channel's (``G…`` or ``C…``), so only the
    ``channel_name`` of a slash command tells it apart (``mpdm-ada--bob-1``).
    """
    name = channel_name or ""
    return channel_id.startswith("D") or name == DM_NAME or name.startswith(GROUP_DM_PREFIX)
