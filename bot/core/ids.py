"""Every Slack identifier the app declares or listens for; manifest.yml must agree (tests check)."""

from __future__ import annotations

COMMAND = "/specimen"

# Buttons on cards and previews (block_actions action_id).
ACTION_SHARE = "specimen_share"
ACTION_SHUFFLE = "specimen_shuffle"
ACTION_CANCEL = "specimen_cancel"
ACTION_PICK = "specimen_pick"
ACTION_FULL_FILE = "specimen_full_file"
ACTION_REQUEST = "specimen_request"  # "Request this specimen" on a miss card; value = the title asked for
ACTION_LIST_OPEN = "specimen_list_open"  # the select of `/specimen list` (block_suggestion + block_actions)
ACTION_SHARED_MENU = "specimen_shared_menu"  # the ⋯ of a shared post: Remove, for whoever shared it

# App Home (the field guide index): the search box (block_suggestion + block_actions) and the page buttons.
VIEW_HOME = "specimen_home"
ACTION_HOME_SEARCH = "specimen_home_search"
ACTION_HOME_PREVIOUS = "specimen_home_previous"
ACTION_HOME_NEXT = "specimen_home_next"

# Shortcuts (manifest features.shortcuts[].callback_id).
SHORTCUT_IDENTIFY = "identify_specimen"
SHORTCUT_LOOKUP = "lookup_specimen"

# Modals (view callback_id).
VIEW_FULL_FILE = "specimen_full_file_view"
VIEW_HOME_FILE = "specimen_home_file_view"  # the full file opened from the Home tab's search, with "Share it in"
BLOCK_POST_TO = "specimen_post_to"
ACTION_POST_TO = "specimen_post_to_channel"
VIEW_ASK_TITLE = "specimen_ask_title"  # every view of the "Identify specimen" flow
VIEW_SEARCH = "specimen_search"  # every view of the "Look up a specimen" flow

# Inside the shortcut modals (block_actions from a view; the title input's block_id and action_id).
ACTION_VIEW_PICK = "specimen_view_pick"
ACTION_VIEW_CHOOSE = "specimen_view_choose"
BLOCK_TITLE = "specimen_title"
BLOCK_SHARE = "specimen_share_to"  # the card view's "Share it in" input; its block_id is "specimen_share_to:<slug>"
ACTION_SHARE_TO = "specimen_share_to_conversation"
ACTION_VIEW_AGAIN = "specimen_view_again"  # "Look up another" on a card view
ACTION_TITLE_INPUT = "specimen_title_input"
