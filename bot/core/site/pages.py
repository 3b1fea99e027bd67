"""The pages: the landing page (what the app does, three sample cards, the search box, Add to Slack), the search
answer, privacy ("Data we keep") and support. Each is a pure function of the guide and its arguments, so the server
renders a page once and serves the same bytes."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources

from bot.core.answers.guide import FieldGuide
from bot.core.cards.replies import MISS_OFFERS
from bot.core.matching.result import Ambiguous, Candidate, Hit
from bot.core.records.model import Catalog, Specimen
from bot.core.site.cards import specimen_card
from bot.core.site.html import APP_NAME, SEARCH_PATH, document, esc, esc_line, prose, search_href

# The sample cards of the landing page, in this order; absent ones are replaced by the first others by slug.
SAMPLE_SLUGS = ("junior-machine-learning-engineer", "scrum-master", "software-engineer")
SAMPLE_COUNT = 3
# A title is at most this long (what a miss is counted by, too); the rest of a longer query is ignored.
QUERY_MAX = 100
EXAMPLE_QUERY = "jr ml eng"


def resource_text(name: str) -> str:
    """A text file of this package (the prose of the text pages, the stylesheet, the icon)."""
    return resources.files("bot.core.site").joinpath(name).read_text(encoding="utf-8")


def data_we_keep() -> str:
    """The one source of "Data we keep": the privacy page shows it, README.md's section repeats it."""
    return resource_text("data_we_keep.md")


def normalise_query(raw: str) -> str:
    """A visitor's query as looked up and cached: case and spacing folded (as the lookup folds them), capped."""
    return " ".join(raw.casefold().split())[:QUERY_MAX].rstrip()


def sample_specimens(catalog: Catalog, count: int = SAMPLE_COUNT) -> list[Specimen]:
    """``SAMPLE_SLUGS`` that the catalog holds, then the catalog's first others by slug, up to ``count``."""
    preferred = [s for s in (catalog.by_slug(slug) for slug in SAMPLE_SLUGS) if s is not None]
    others = [s for s in catalog if s.slug not in SAMPLE_SLUGS]
    return (preferred + others)[:count]


def search_form(query: str = "") -> str:
    """A plain GET form: the answer is a page of its own, rendered on the server (no script)."""
    return (
        f'<form class="search" action="{SEARCH_PATH}" method="get" role="search">\n'
        '<label for="q">Look up a job title</label>\n'
        f'<input id="q" name="q" type="search" value="{esc(query)}" maxlength="{QUERY_MAX}" '
        f'placeholder="{EXAMPLE_QUERY}" autocomplete="off">\n'
        '<button type="submit">Look it up</button>\n</form>'
    )


def landing_page(guide: FieldGuide, install_url: str | None) -> str:
    """What the app does, Add to Slack (only when ``install_url``: OAuth is configured), the search box and three
    sample cards."""
    install = ""
    if install_url:
        install = f'<p><a class="add-to-slack" id="add-to-slack" href="{esc(install_url)}">Add to Slack</a></p>'
    cards = "\n".join(specimen_card(s) for s in sample_specimens(guide.catalog))
    main = (
        '<section class="intro">\n'
        f"<h1>{APP_NAME}</h1>\n"
        f"<p>A field guide of {len(guide.catalog)} satirical job-role specimens for Slack: type "
        f"<code>/specimen {EXAMPLE_QUERY}</code> and get the role's card, from its flight-risk meter to a burn-ward "
        "quote.</p>\n"
        "<p>Preview a card privately, share it in a channel, or give a channel one specimen a day.</p>\n"
        f"{install}\n</section>\n"
        f'<section class="lookup">\n{search_form()}\n</section>\n'
        f'<section class="samples">\n<h2>Three specimens</h2>\n<div class="cards">\n{cards}\n</div>\n</section>'
    )
    return document(f"{APP_NAME}: a field guide of job-role specimens for Slack", main)


def search_page(guide: FieldGuide, query: str) -> str:
    """The answer to ``query`` (normalised): the card of a hit, did-you-mean links for a near miss, or a plain no."""
    main = f'<section class="lookup">\n{search_form(query)}\n</section>\n<section class="result">\n'
    main += search_answer(guide, query) + "\n</section>"
    title = f"{query} · {APP_NAME}" if query else f"Look up a job title · {APP_NAME}"
    return document(title, main)


def search_answer(guide: FieldGuide, query: str) -> str:
    if not query:
        return f"<p>Type a job title, an alias or a near miss, such as “{EXAMPLE_QUERY}”.</p>"
    result = guide.find(query)
    if isinstance(result, Hit):
        return specimen_card(result.specimen)
    choices: Sequence[Candidate] = (
        result.candidates if isinstance(result, Ambiguous) else result.suggestions[:MISS_OFFERS]
    )
    if choices:
        links = "\n".join(
            f'<li><a href="{esc(search_href(c.specimen.title))}">{esc_line(c.specimen.title)}</a></li>' for c in choices
        )
        return f'<p>No exact match for “{esc(query)}”. Did you mean…</p>\n<ul class="did-you-mean">\n{links}\n</ul>'
    return (
        f"<p>No specimen matches “{esc(query)}”. The field guide holds {len(guide.catalog)} specimens; "
        "try another title.</p>"
    )


def privacy_page() -> str:
    return document(
        f"Data we keep · {APP_NAME}",
        f'<article class="prose">\n<h1>Data we keep</h1>\n{prose(data_we_keep())}\n</article>',
    )


def support_page() -> str:
    return document(
        f"Support · {APP_NAME}",
        f'<article class="prose">\n<h1>Support</h1>\n{prose(resource_text("support.md"))}\n</article>',
    )
