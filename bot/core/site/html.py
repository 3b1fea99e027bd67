"""HTML parts of the pages: escaping, the page frame, links, and the small markdown-ish prose of the text pages.

Every text that came from a record or a visitor goes through ``esc`` before it reaches a page; the frame references
only the app's own stylesheet and icon (no script, no external resource), so a strict Content-Security-Policy holds.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote_plus

from bot.core.blocks.text import one_line
from bot.core.cards.specimen import SATIRE

STYLESHEET_PATH = "/site.css"
ICON_PATH = "/favicon.svg"
SEARCH_PATH = "/search"
PRIVACY_PATH = "/privacy"
SUPPORT_PATH = "/support"
APP_NAME = "specimen"


def esc(text: str) -> str:
    """Untrusted text as HTML text or attribute value: ``&``, ``<``, ``>`` and both quotes as entities."""
    return html.escape(text, quote=True)


def esc_line(text: str) -> str:
    """Untrusted text collapsed to one line, then escaped (record text may hold stray newlines)."""
    return esc(one_line(text))


def search_href(query: str) -> str:
    """The search page of ``query`` (a did-you-mean link)."""
    return f"{SEARCH_PATH}?q={quote_plus(query)}"


def document(title: str, main: str) -> str:
    """A whole page: head, the header with the app's name and links, ``main`` (already HTML), the footer."""
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n"
        f'<link rel="stylesheet" href="{STYLESHEET_PATH}">\n'
        f'<link rel="icon" href="{ICON_PATH}" type="image/svg+xml">\n'
        "</head>\n<body>\n"
        f'<header class="top"><a class="brand" href="/">{APP_NAME}</a>'
        f'<nav><a href="{PRIVACY_PATH}">Privacy</a><a href="{SUPPORT_PATH}">Support</a></nav></header>\n'
        f"<main>\n{main}\n</main>\n"
        f'<footer><p>{esc(SATIRE)}</p><p><a href="{PRIVACY_PATH}">Data we keep</a> · '
        f'<a href="{SUPPORT_PATH}">Support</a></p></footer>\n'
        "</body>\n</html>\n"
    )


_STRONG = re.compile(r"\*\*(.+?)\*\*")
_CODE = re.compile(r"`([^`]+)`")


def inline(text: str) -> str:
    """One line of prose: escaped, then ``**bold**`` and ```code``` marked up (the marks survive escaping)."""
    marked = _STRONG.sub(r"<strong>\1</strong>", esc(one_line(text)))
    return _CODE.sub(r"<code>\1</code>", marked)


def prose(text: str) -> str:
    """Markdown-ish text as HTML: blank lines part paragraphs; a block of ``- `` lines (continued by indented lines)
    is a list. Enough for the app's own text pages, and no more."""
    parts: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.splitlines()
        if lines and lines[0].startswith("- "):
            items: list[str] = []
            for line in lines:
                if line.startswith("- "):
                    items.append(line[2:])
                else:
                    items[-1] += " " + line.strip()
            parts.append("<ul>\n" + "\n".join(f"<li>{inline(item)}</li>" for item in items) + "\n</ul>")
        else:
            parts.append(f"<p>{inline(' '.join(lines))}</p>")
    return "\n".join(parts)


def plain_prose(text: str) -> str:
    """What a reader sees of ``prose(text)``: the words without the marks, one space between them."""
    words = " ".join(line[2:] if line.startswith("- ") else line for line in text.splitlines())
    return one_line(words.replace("**", "").replace("`", ""))
