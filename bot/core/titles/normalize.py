"""Turn a typed title into the canonical words and key the index compares.

One pipeline serves record names and queries, so the key of a name is exactly what an exact lookup compares:
fold (case, accents, punctuation, Slack markup), set aside optional parts (a parenthesis that is not a decoration;
for queries also what follows " - ", " at ", "@", "," or "|"), replace abbreviations, drop decorations, connectors
and a trailing level numeral, take a leading seniority ("Senior", "Jr.", "Head of") out as the title's level, and
forget word order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from rapidfuzz.distance import OSA

from bot.core.titles.lexicon import Lexicon, Words, default_lexicon

MAX_INPUT_CHARS = 1_000  # work on no more of a typed text than this
MAX_CHARS = 200  # of the folded text
MAX_WORDS = 10  # canonical words of one form
MAX_ALTERNATIVES = 4  # query forms from ambiguous short forms
OPTIONAL_WEIGHT = 0.97  # a match that ignored an optional part ranks just below a full one
ALTERNATIVE_WEIGHT = 0.98  # a match through one meaning of an ambiguous short form
LEVEL_TYPO_MIN = 5  # a typed first word this long, one edit from a level word ("Seniro"), is read as that level

_SLACK_MARKUP = re.compile(r"<([^<>|]*)(?:\|([^<>]*))?>")
_EMOJI_CODE = re.compile(r":[a-z0-9_+'-]{1,60}:")
_PARENTHESIS = re.compile(r"[(\[{]([^()\[\]{}]*)[)\]}]")
_SEPARATOR = re.compile(r"\s[-–—|/:·•]+\s|\s@|[,;|]|\sat\s")
_WORD = re.compile(r"[^\W_]+")
_FOLD = (("'", ""), ("’", ""), ("&", " and "), ("@", " @"))  # "director's" is one word; "r&d" is "r and d"
_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))


@dataclass(frozen=True, slots=True)
class Form:
    """One reading of a text: canonical words (sorted, distinct), its key, how much a match through it counts, and
    the level it names ("senior"), if any: a facet of the title, not part of its words or key."""

    words: Words
    key: str
    weight: float
    level: str | None = None


def _markup_label(match: re.Match[str]) -> str:
    target, label = match.group(1), match.group(2)
    # <https://x|label> keeps its label; mentions (<@U1>, <#C1|name>, <!here>) and bare links carry no title.
    if label and not target.startswith(("@", "#", "!")):
        return f" {label} "
    return " "


def _without_marks(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Slack markup and entities resolved, case and accents folded; punctuation still in place."""
    text = text[:MAX_INPUT_CHARS]
    if "<" in text:
        text = _SLACK_MARKUP.sub(_markup_label, text)
    if "&" in text:
        for entity, char in _ENTITIES:
            text = text.replace(entity, char)
    # Compatibility forms ("𝐄", "ﬁ") fold only once decomposed, and folding can decompose again ("ǰ").
    text = text.lower() if text.isascii() else _without_marks(_without_marks(text).casefold())
    if ":" in text:
        text = _EMOJI_CODE.sub(" ", text)
    for char, replacement in _FOLD:
        if char in text:
            text = text.replace(char, replacement)
    if len(text) > MAX_CHARS:  # cut between words, never inside one
        text = text[:MAX_CHARS].rsplit(None, 1)[0] if text[MAX_CHARS].isalnum() else text[:MAX_CHARS]
    return text


def word_list(folded: str) -> list[str]:
    """The words of a folded text, in order."""
    return _WORD.findall(folded)


class Normalizer:
    """The canonical reading of titles under one lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._single = {words[0]: meaning for words, meaning in lexicon.replacements.items() if len(words) == 1}
        phrases: dict[str, list[tuple[Words, Words]]] = {}
        for words, meaning in sorted(lexicon.replacements.items(), key=lambda item: -len(item[0])):
            if len(words) > 1:
                phrases.setdefault(words[0], []).append((words, meaning))
        self._phrases = phrases
        self._connectors = lexicon.connectors
        self._numerals = lexicon.numerals
        self._levels = sorted(lexicon.levels.items(), key=lambda item: -len(item[0]))
        self._rewritten = frozenset(self._single) | frozenset(phrases) | lexicon.connectors

    def canonical(self, words: list[str], *, may_empty: bool = False) -> list[str]:
        """Replace abbreviations and drop decorations and connectors; never empties a non-empty text, unless
        ``may_empty`` (an optional part that is only decoration: "(Remote)")."""
        if self._rewritten.isdisjoint(words):
            return words
        out: list[str] = []
        single, phrases = self._single, self._phrases
        i, count = 0, len(words)
        while i < count:
            word = words[i]
            if word in phrases:
                for source, meaning in phrases[word]:
                    if tuple(words[i : i + len(source)]) == source:
                        out.extend(meaning)
                        i += len(source)
                        break
                else:
                    out.extend(single.get(word, (word,)))
                    i += 1
                continue
            out.extend(single.get(word, (word,)))
            i += 1
        kept = [w for w in out if w not in self._connectors]
        return kept if may_empty else kept or out or words

    def _core_words(self, core: str) -> list[str]:
        words = _WORD.findall(core)
        while len(words) > 1 and words[-1] in self._numerals:
            words.pop()
        return words

    def split(self, text: str, *, separators: bool) -> tuple[list[str], list[str]]:
        """The core words of a folded text and its optional words (parenthesised; after a separator)."""
        optional: list[str] = []
        if "(" in text or "[" in text or "{" in text:
            optional.extend(w for part in _PARENTHESIS.findall(text) for w in _WORD.findall(part))
            text = _PARENTHESIS.sub(" ", text)
        if separators:
            parts = _SEPARATOR.split(text)
            if len(parts) > 1:
                head = next((n for n, part in enumerate(parts) if _WORD.search(part)), 0)
                optional.extend(w for n, part in enumerate(parts) if n != head for w in _WORD.findall(part))
                text = parts[head]
        return self._core_words(text), optional

    def _leading_level(self, words: list[str], *, typos: bool = False) -> tuple[str | None, list[str]]:
        """The level a title starts with ("senior", "head of") and the words after it (several levels: the first).

        With ``typos`` (queries), a first word of LEVEL_TYPO_MIN letters or more one edit away from a one-word level
        ("juinor", "seniro") is that level, when more words follow.
        """
        level: str | None = None
        taken = True
        while taken and words:
            taken = False
            for phrase, name in self._levels:
                if tuple(words[: len(phrase)]) == phrase:
                    level, words, taken = level or name, words[len(phrase) :], True
                    break
        if typos and level is None and len(words) > 1 and len(words[0]) >= LEVEL_TYPO_MIN:
            for phrase, name in self._levels:
                if len(phrase) == 1 and len(phrase[0]) >= LEVEL_TYPO_MIN and OSA.distance(words[0], phrase[0]) == 1:
                    return name, words[1:]
        return level, words

    def _trailing_level(self, words: list[str]) -> tuple[str | None, list[str]]:
        """A level a title ends with ("Software Engineer Intern"), and the words before it."""
        for phrase, name in self._levels:
            if len(words) > len(phrase) and tuple(words[-len(phrase) :]) == phrase:
                return name, words[: -len(phrase)]
        return None, words

    def _levels_within(self, words: list[str]) -> tuple[str | None, list[str]]:
        """Level words anywhere in an optional part ("Engineer (Senior, Payments)"): the first level, and the rest."""
        level: str | None = None
        rest: list[str] = []
        i = 0
        while i < len(words):
            for phrase, name in self._levels:
                if tuple(words[i : i + len(phrase)]) == phrase:
                    level, i = level or name, i + len(phrase)
                    break
            else:
                rest.append(words[i])
                i += 1
        return level, rest

    def reading(self, text: str, *, query: bool) -> tuple[list[str], list[str], str | None]:
        """Core words, optional words and level of a text, after abbreviations, decorations and connectors.

        A name keeps a level word that is all its core ("Principal"); a query of nothing but a level has no words.
        """
        core, optional = self.split(fold(text), separators=query)
        core = self.canonical(core) if core else []
        optional = self.canonical(optional, may_empty=True) if optional else []
        level, rest = self._leading_level(core, typos=query)
        if not rest and not query:
            level, rest = None, core
        core = rest
        if optional:
            within, rest = self._levels_within(optional)
            if within is not None:
                level, optional = level or within, rest
        return core, optional, level

    def key(self, text: str) -> str:
        """The canonical key of a title, with its level: equal keys are the same name to the index."""
        core, optional, level = self.reading(text, query=False)
        key = _form(core + optional, 1.0).key
        return f"{key} @{level}" if level and key else key

    def name_forms(self, text: str) -> list[Form]:
        """A record name's full form, then (when it differs) the form without its parenthesised part."""
        core, optional, level = self.reading(text, query=False)
        forms = [_form(core + optional, 1.0, level)]
        if optional and core:
            forms.append(_form(core, OPTIONAL_WEIGHT, level))
        return _distinct(f for f in forms if f.words)

    def query_forms(self, text: str) -> list[Form]:
        """The readings of a query, best first: as typed, without its optional parts, then ambiguous meanings.

        A query that is only a level ("senior") has no reading: a level is no title.
        """
        core, optional, level = self.reading(text, query=True)
        forms = [_form(core + optional, 1.0, level)]
        if level is None and len(core) > 1:
            trailing, rest = self._trailing_level(core)
            if trailing is not None:  # "Software Engineer Intern": a second reading, the first stays as typed
                forms.append(_form(rest + optional, 1.0, trailing))
        if optional and core:
            forms.append(_form(core, OPTIONAL_WEIGHT, level))
        alternatives = self.lexicon.alternatives
        for form in list(forms):
            for n, word in enumerate(form.words):
                for meaning in alternatives.get(word, ()):
                    if len(forms) < 2 + MAX_ALTERNATIVES:
                        meant = [w for w in meaning if w not in self._connectors]
                        words = [*form.words[:n], *meant, *form.words[n + 1 :]]
                        forms.append(_form(words, form.weight * ALTERNATIVE_WEIGHT, level))
        return _distinct(f for f in forms if f.words)

    def starts_a_level(self, prefix: str) -> bool:
        """Whether ``prefix`` is the start of a level word ("sen", "j"): a search box still being typed."""
        return bool(prefix) and any(phrase[0].startswith(prefix) for phrase, _ in self._levels)

    def level_only(self, text: str) -> str | None:
        """The level a query names when it names nothing else ("senior", "Head of"), else None."""
        core, optional, level = self.reading(text, query=True)
        return level if level and not core and not optional else None


def _form(words: list[str], weight: float, level: str | None = None) -> Form:
    """Distinct words, sorted; past MAX_WORDS the first typed ones are kept."""
    distinct = tuple(sorted(set(words) if len(words) <= MAX_WORDS else list(dict.fromkeys(words))[:MAX_WORDS]))
    return Form(distinct, " ".join(distinct), weight, level)


def _distinct(forms: Iterable[Form]) -> list[Form]:
    seen: dict[str, Form] = {}
    for form in forms:
        if form.key not in seen:
            seen[form.key] = form
    return list(seen.values())


@cache
def default_normalizer() -> Normalizer:
    """The normaliser of the shipped lexicon."""
    return Normalizer(default_lexicon())


def normalize_title(text: str) -> str:
    """The canonical key of a title under the shipped lexicon: "Júnior  ML-Eng" → "engineer junior learning machine".

    Two spellings get the same key exactly when the index treats them as the same name, which is why the records
    loader uses it to refuse one name claimed by two records.
    """
    return default_normalizer().key(text)
