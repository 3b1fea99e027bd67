"""Every Slack identifier the app declares or listens for; manifest.yml must agree (tests check)."""

from __future__ import annotations

COMMAND = "/specimen"

# Buttons on cards and previews (block_actions action_id).
ACTION_SHARE = "specimen_share"
ACTION_SHUFFLE = "specimen_shuffle"
ACTION_CANCEL = "specimen_cancel"
ACTION_PICK = "specimen_pick"
ACTION_FULL_FILE = "specimen_full_file"

# Shortcuts (manifest features.shortcuts[].callback_id).
SHORTCUT_IDENTIFY = "identify_specimen"
SHORTCUT_LOOKUP = "lookup_specimen"

# Modals (view callback_id).
VIEW_FULL_FILE = "specimen_full_file_view"
VIEW_ASK_TITLE = "specimen_ask_title"
VIEW_SEARCH = "specimen_search"
