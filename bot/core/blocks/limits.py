"""Slack's Block Kit and message limits, declared once (SLACK-FACTS.md §1; docs.slack.dev Block Kit reference).

Builders size their output by these; ``bot.testing.block_kit`` checks finished payloads against them. Lengths are
counted in UTF-16 code units (``bot.core.blocks.text.units``), never fewer than Slack counts.
"""

from __future__ import annotations

MESSAGE_BLOCKS_MAX = 50  # blocks in one message
VIEW_BLOCKS_MAX = 100  # blocks in a modal or Home tab view
VIEW_BYTES_MAX = 250_000  # a view's JSON
VIEW_TITLE_MAX = 24  # a modal's title, submit and close labels
PRIVATE_METADATA_MAX = 3000  # a view's private_metadata
SECTION_TEXT_MAX = 3000  # a section's text (and a text object in general)
FIELD_TEXT_MAX = 2000  # one of a section's fields
HEADER_TEXT_MAX = 150  # a header block's plain text
BUTTON_TEXT_MAX = 75  # a button's label
ACTION_VALUE_MAX = 2000  # a button's value
ID_MAX = 255  # action_id, block_id, callback_id, external_id
OPTIONS_MAX = 100  # options of a select, or of an options response
OPTION_TEXT_MAX = 75  # an option's label
OPTION_VALUE_MAX = 150  # an option's value
URL_MAX = 3000  # a button's or image's URL
MESSAGE_TEXT_MAX = 40_000  # a message's top-level (fallback) text
MARKDOWN_TOTAL_MAX = 12_000  # all markdown blocks of one payload together
