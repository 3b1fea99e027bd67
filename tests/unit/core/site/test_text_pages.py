"""Privacy and support: "Data we keep" has one source, shown on /privacy and repeated in README.md word for word;
support names /specimen help, uninstalling, deletion and where to report problems."""

from __future__ import annotations

from bot.core.site import pages
from bot.core.site.html import plain_prose, prose
from tests.support.paths import PROJECT_ROOT
from tests.unit.core.site.test_pages import Page

README_NOTE = "(The privacy page, `GET /privacy`, shows this very text"


def readme_section(heading: str) -> str:
    text = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    return text.split(f"\n{heading}\n", 1)[1].split("\n## ", 1)[0].strip()


def test_readme_says_what_the_privacy_page_says() -> None:
    source = pages.data_we_keep().strip()
    paragraphs = readme_section("## Data we keep").split("\n\n")
    assert paragraphs[:-1] == source.split("\n\n")
    assert paragraphs[-1].startswith(README_NOTE)
    assert plain_prose(source) in Page(pages.privacy_page()).words


def test_data_we_keep_covers_what_is_kept_how_long_and_deletion() -> None:
    text = plain_prose(pages.data_we_keep())
    for kept in ("installation", "bot token", "Enterprise Grid", "scopes", "Daily-post subscriptions", "post ledger",
                 "Rotation state", "one-way hash", "never the user id", "Request marks", "share claims",
                 "token stopped working"):  # fmt: skip
        assert kept in text
    for rule in ("Ledger rows 90 days", "asked titles 90 days", "share claims a day", "while the app is installed",
                 "app_uninstalled", "one transaction", "tokens_revoked", "Message text"):  # fmt: skip
        assert rule in text


def test_support_names_help_uninstalling_deletion_and_reporting() -> None:
    words = Page(pages.support_page()).words
    for needed in ("/specimen help", "Remove App", "deletes everything", "operator of this deployment", "SECURITY.md"):
        assert needed in words


def test_prose_marks_lists_paragraphs_and_escapes() -> None:
    html = prose("One **bold** & `code <x>`.\n\n- first\n  continued\n- second")
    assert html == (
        "<p>One <strong>bold</strong> &amp; <code>code &lt;x&gt;</code>.</p>\n"
        "<ul>\n<li>first continued</li>\n<li>second</li>\n</ul>"
    )
