"""The very Block Kit payload a user would get, rendered readably in a terminal; and a Block Kit Builder link.

Pure: ``color`` says whether to emit ANSI styles (the CLI passes ``stream.isatty()``). mrkdwn is rendered the way
Slack reads it: ``*bold*``, ``_italic_``, ``~strike~`` and ``code`` markers become styles (or vanish without color),
``>`` lines get a quote bar, ``<url|label>`` becomes "label (url)", and ``&lt;``/``&gt;``/``&amp;`` are unescaped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any
from urllib.parse import quote

from bot.core.blocks.text import unescape

BUILDER = "https://app.slack.com/block-kit-builder/#"
_BOLD_ON, _BOLD_OFF, _IT_ON, _IT_OFF = "\ue000", "\ue001", "\ue002", "\ue003"
_ANSI = {_BOLD_ON: "\x1b[1m", _BOLD_OFF: "\x1b[22m", _IT_ON: "\x1b[3m", _IT_OFF: "\x1b[23m"}
_MARKERS = re.compile("[\ue000-\ue003]")
_EMPHASIS = (
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), _BOLD_ON, _BOLD_OFF),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), _IT_ON, _IT_OFF),
    (re.compile(r"(?<![\w~])~(?=\S)(.+?)(?<=\S)~(?![\w~])"), "", ""),
    (re.compile(r"`([^`\n]+)`"), "", ""),
)
_LINK = re.compile(r"<([^<>|]+)\|([^<>]+)>|<([^<>]+)>")
_DIM, _RESET, _HEADER = "\x1b[2m", "\x1b[0m", "\x1b[1;4m"
_BUTTON_STYLES = {"primary": "\x1b[1;32m", "danger": "\x1b[1;31m"}


def render_payload(payload: Mapping[str, Any], width: int = 80, color: bool = False) -> str:
    """A message (``{"text", "blocks"}``) or a view (``{"type": "modal"|"home", ...}``) as terminal text."""
    width = max(20, width)
    lines: list[str] = []
    is_view = payload.get("type") in ("modal", "home")
    if is_view:
        title = _plain(payload.get("title")) or ("Home" if payload.get("type") == "home" else "Modal")
        lines += [_style(f"▌ {title}", _HEADER, color), "━" * width]
    blocks = payload.get("blocks") or []
    if not blocks and isinstance(payload.get("text"), str):
        lines += _wrap(_mrkdwn(payload["text"]), width, color)
    for block in blocks:
        lines += list(_block(block, width, color))
    if is_view:
        footer = [_button(payload[key], color) for key in ("close", "submit") if payload.get(key)]
        if footer:
            lines += ["━" * width, " ".join(footer)]
    return "\n".join(lines) + "\n"


def block_kit_builder_url(payload: Mapping[str, Any], surface: str = "message") -> str:
    """A Block Kit Builder link previewing ``payload``: ``{"blocks": [...]}`` for a message, the view otherwise."""
    document = {"blocks": list(payload.get("blocks") or [])} if surface == "message" else dict(payload)
    return BUILDER + quote(json.dumps(document, separators=(",", ":"), ensure_ascii=False), safe="")


def _block(block: Mapping[str, Any], width: int, color: bool) -> Iterator[str]:
    kind = block.get("type")
    if kind == "header":
        text = _plain(block.get("text"))
        if color:
            yield _style(text, _HEADER, color)
        else:
            yield text
            yield "═" * min(width, max(3, len(text)))
    elif kind in ("section", "markdown"):
        body = block.get("text")
        source = body if isinstance(body, str) else _text(body)
        yield from _wrap(_mrkdwn(source) if _is_mrkdwn(body) else _plain(body), width, color)
        for field in block.get("fields") or []:
            yield from _wrap(_mrkdwn(_text(field)) if _is_mrkdwn(field) else _plain(field), width, color, "  ")
        if block.get("accessory"):
            yield "  " + _element(block["accessory"], color)
    elif kind == "context":
        parts = [_element(e, False) if e.get("type") == "image" else _plain_of(e) for e in block.get("elements") or []]
        for line in _wrap(_strip_markers(" · ".join(parts)), width - 2, False):
            yield _style("  " + line, _DIM, color)
    elif kind == "divider":
        yield "─" * width
    elif kind == "actions":
        yield from _wrap(" ".join(_element(e, color) for e in block.get("elements") or []), width, False)
    elif kind == "input":
        yield f"{_plain(block.get('label'))}: {_element(block.get('element') or {}, color)}"
    elif kind == "image":
        yield f"[image: {block.get('alt_text', '')}]"
    else:
        yield f"[{kind} block]"
    yield ""


def _element(element: Mapping[str, Any], color: bool) -> str:
    kind = element.get("type")
    if kind == "button":
        return _button(element.get("text"), color, element.get("style"))
    if kind == "image":
        return f"[image: {element.get('alt_text', '')}]"
    if kind == "overflow":
        return "[ ⋯ ]"
    placeholder = _plain(element.get("placeholder")) if element.get("placeholder") else kind
    return f"[ {placeholder} ▾ ]"


def _button(text: object, color: bool, style: str | None = None) -> str:
    label = f"[ {_plain(text)} ]"
    return _style(label, _BUTTON_STYLES.get(style or ""), color) if style else label


def _style(text: str, code: str | None, color: bool) -> str:
    return f"{code}{text}{_RESET}" if color and code else text


def _text(obj: object) -> str:
    return obj.get("text", "") if isinstance(obj, Mapping) else ""


def _is_mrkdwn(obj: object) -> bool:
    return isinstance(obj, str) or (isinstance(obj, Mapping) and obj.get("type") == "mrkdwn")


def _plain(obj: object) -> str:
    return unescape(obj if isinstance(obj, str) else _text(obj))


def _plain_of(element: Mapping[str, Any]) -> str:
    return _mrkdwn(_text(element)) if _is_mrkdwn(element) else _plain(element)


def _marked(on: str, off: str) -> Callable[[re.Match[str]], str]:
    return lambda match: f"{on}{match[1]}{off}"


def _mrkdwn(text: str) -> str:
    """mrkdwn to text with style markers (private-use characters), still escaped until the very end."""
    text = _LINK.sub(lambda m: f"{m[2]} ({m[1]})" if m[1] else m[3], text)
    for pattern, on, off in _EMPHASIS:
        text = pattern.sub(_marked(on, off), text)
    lines = [("│ " + line[2:] if line.startswith("> ") else line) for line in text.split("\n")]
    return unescape("\n".join(lines))


def _strip_markers(text: str) -> str:
    return _MARKERS.sub("", text)


def _wrap(text: str, width: int, color: bool, indent: str = "") -> list[str]:
    """Word-wrap to ``width`` visible columns; style markers carry across line breaks."""
    out: list[str] = []
    active: list[str] = []
    for paragraph in text.split("\n"):
        prefix = indent + ("│ " if paragraph.startswith("│ ") else "")
        body = paragraph[2:] if paragraph.startswith("│ ") else paragraph
        rows: list[str] = []
        row, row_width = "", 0
        room = max(1, width - len(prefix) - 2)
        for word in (piece for w in body.split(" ") for piece in _pieces(w, room)):
            visible = len(_strip_markers(word))
            if row and row_width + 1 + visible > room:
                rows.append(row)
                row, row_width = "", 0
            row, row_width = (f"{row} {word}", row_width + 1 + visible) if row else (word, visible)
        rows.append(row)
        hanging = " " * 2 if _strip_markers(body).startswith(("• ", "→ ")) else ""
        for number, raw in enumerate(rows):
            lead = prefix + (hanging if number else "")
            out.append(lead + (_colorize(raw, active) if color else _strip_markers(raw)))
    return out


def _pieces(word: str, room: int) -> Iterator[str]:
    """A word longer than a row, cut into rows (markers do not count toward the width)."""
    piece, visible = "", 0
    for ch in word:
        if visible == room and not _MARKERS.match(ch):
            yield piece
            piece, visible = "", 0
        piece += ch
        visible += 0 if _MARKERS.match(ch) else 1
    yield piece


def _colorize(row: str, active: list[str]) -> str:
    """Replace markers by ANSI codes, re-opening styles left open by the previous row and closing them at the end."""
    text = "".join(_ANSI[m] for m in active)
    for ch in row:
        if ch in (_BOLD_ON, _IT_ON):
            active.append(ch)
            text += _ANSI[ch]
        elif ch in (_BOLD_OFF, _IT_OFF):
            opener = _BOLD_ON if ch == _BOLD_OFF else _IT_ON
            if opener in active:
                active.remove(opener)
            text += _ANSI[ch]
        else:
            text += ch
    return text + (_RESET if active else "")
