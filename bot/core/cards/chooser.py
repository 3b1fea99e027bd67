"""The chooser of the "Identify specimen" modal: a message's job links, which one is shown, kept in the view.

It travels in the view's ``private_metadata`` (Slack hands it back with every interaction), so it is fitted to Slack's
3,000 characters there, and decoded defensively: the metadata comes back from a client.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from slack_sdk.models.blocks import Option, SectionBlock, StaticSelectElement

from bot.core.blocks.limits import PRIVATE_METADATA_MAX
from bot.core.blocks.text import clamp, esc, mrkdwn, plain, units
from bot.core.ids import ACTION_VIEW_CHOOSE

CHOOSER_BLOCK = "specimen_links"
METADATA_MAX = PRIVATE_METADATA_MAX
GUESS_MAX = 150
ADDRESS_MAX = 60


@dataclass(frozen=True, slots=True)
class LinkChoice:
    """One job link of the message: the title to look up (None: it carries none) and a short address (raw text)."""

    guess: str | None
    address: str

    @property
    def label(self) -> str:
        return self.guess or self.address


@dataclass(frozen=True, slots=True)
class Chooser:
    """The message's job links, in message order, and which one the modal shows; ``partial``: not all are here."""

    choices: tuple[LinkChoice, ...] = ()
    selected: int = 0
    partial: bool = False

    @property
    def current(self) -> LinkChoice | None:
        return self.choices[self.selected] if 0 <= self.selected < len(self.choices) else None

    def select(self, index: int) -> Chooser | None:
        return replace(self, selected=index) if 0 <= index < len(self.choices) else None

    def fitted(self) -> Chooser:
        """Within Slack's 3,000 characters of private_metadata: links past the budget dropped (never the shown one).

        Every view renders the fitted chooser, so an option's value always indexes the chooser its metadata holds.
        """
        chooser = self
        while len(chooser.choices) > 1 and units(chooser._encoded()) > METADATA_MAX:
            last = len(chooser.choices) - 1
            drop = last if chooser.selected != last else last - 1
            kept = chooser.choices[:drop] + chooser.choices[drop + 1 :]
            chooser = Chooser(kept, chooser.selected - (1 if drop < chooser.selected else 0), partial=True)
        return chooser

    def to_metadata(self) -> str:
        return self.fitted()._encoded()

    def _encoded(self) -> str:
        pairs = [[clamp(c.guess, GUESS_MAX) if c.guess else None, clamp(c.address, ADDRESS_MAX)] for c in self.choices]
        data = {"s": self.selected, "c": pairs, **({"p": 1} if self.partial else {})}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_metadata(cls, text: object) -> Chooser:
        """The chooser ``to_metadata`` wrote; an empty one for anything else (never raises)."""
        try:
            data = json.loads(text) if isinstance(text, str) and text else None
        except (ValueError, RecursionError):  # RecursionError: deeply nested JSON
            return cls()
        if not isinstance(data, dict) or not isinstance(data.get("c"), list) or type(data.get("s")) is not int:
            return cls()
        choices = []
        for pair in data["c"]:
            if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[1], str)):
                return cls()
            guess = pair[0] if isinstance(pair[0], str) and pair[0].strip() else None
            choices.append(LinkChoice(guess and clamp(guess, GUESS_MAX), clamp(pair[1], ADDRESS_MAX)))
        chooser = cls(tuple(choices), partial=data.get("p") == 1).select(data["s"])
        return chooser or cls()


NO_CHOOSER = Chooser()


def chooser_block(chooser: Chooser) -> SectionBlock | None:
    """The select of the message's job links (by title guess, else address); None for fewer than two."""
    chooser = chooser.fitted()
    if len(chooser.choices) < 2:
        return None
    options = [Option(value=str(i), text=plain(esc(c.label, 75), 75)) for i, c in enumerate(chooser.choices)]
    select = StaticSelectElement(
        action_id=ACTION_VIEW_CHOOSE,
        placeholder=plain("Another job link", 150),
        options=options,
        initial_option=options[chooser.selected],
    )
    text = f"*{len(options)} job links* in that message. Showing:"
    if chooser.partial:
        text = f"*{len(options)} job links* in that message (it has more; only these were read). Showing:"
    return SectionBlock(block_id=CHOOSER_BLOCK, text=mrkdwn(text), accessory=select)
