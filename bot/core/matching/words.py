"""The words of every indexed name, and the known words a typed word may have meant (typo, inflection, prefix).

In a large vocabulary typo neighbours come from a deletion index (each word stored under itself with one letter
deleted): a typed word and a known word meet when deleting at most one letter from the known word and at most two
from the typed word gives the same string, which covers one substitution, transposition, insertion or deletion
per word (and some pairs of them). A small vocabulary is simply compared word by word (in C). Either way the
candidates are checked with the optimal-string-alignment distance.
"""

from __future__ import annotations

from bisect import bisect_left

from rapidfuzz import process
from rapidfuzz.distance import OSA

MIN_TYPO_CHARS = 4  # shorter words ("ml", "qa", "vp") must be exact
LONG_WORD_CHARS = 10  # from here two edits are allowed
MIN_SIMILARITY = 0.8  # "head" is no typo of "lead" (0.75), "srum" may be one of "scrum" (0.8)
MIN_KNOWN_SIMILARITY = 0.9  # a typed word that some name uses means itself, unless the other word is very close
MIN_STEM_CHARS = 5  # "engineer" ~ "engineering": the shared start must be this long
SUFFIXES = ("s", "es", "ing", "ings", "ed")  # endings that keep a word's meaning; "product" ≠ "production"
MAX_NEIGHBOURS = 4
MAX_PREFIX_WORDS = 64
SCAN_WORDS = 256  # up to this many known words, comparing with each (in C) beats the deletion index
CACHE_WORDS = 10_000  # typed words whose neighbours are remembered (the cache is emptied when full)


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class WordTable:
    """Known words, and the known words a typed word may have meant."""

    __slots__ = ("_by_deletion", "_cache", "_known", "_real", "_sorted")

    def __init__(self, words: set[str], real_words: frozenset[str] = frozenset()) -> None:
        """``real_words``: words of real titles outside the index ("produce", "protection"): typed, they mean
        themselves like known words do, so they are never taken for a typo of a known word ("product")."""
        self._known = frozenset(words)
        self._real = real_words
        self._sorted = sorted(self._known)
        by_deletion: dict[str, str] = {}
        for word in self._sorted:
            if len(word) >= MIN_TYPO_CHARS:
                for deleted in _deletes(word):
                    other = by_deletion.get(deleted)
                    by_deletion[deleted] = word if other is None else f"{other} {word}"
        self._by_deletion = by_deletion
        self._cache: dict[str, list[tuple[str, float]]] = {}

    def __len__(self) -> int:
        return len(self._known)

    def forget(self) -> None:
        """Empty the cache of typed words' neighbours."""
        self._cache.clear()

    def __contains__(self, word: object) -> bool:
        return word in self._known

    def neighbours(self, word: str) -> list[tuple[str, float]]:
        """Known words close to ``word`` with a similarity in (0, 1], best first; the word itself scores 1.

        The list is shared with later calls for the same word: do not change it.
        """
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        own = word in self._known
        known = own or word in self._real
        found: dict[str, float] = {word: 1.0} if own else {}
        # A known word only gives way to a very close one: one edit in a long word.
        if len(word) >= (LONG_WORD_CHARS if known else MIN_TYPO_CHARS):
            self._typos(word, found, two_edits=not known and len(word) >= LONG_WORD_CHARS)
        if len(word) >= MIN_STEM_CHARS:
            self._stems(word, found)
        floor = MIN_KNOWN_SIMILARITY if known else MIN_SIMILARITY
        ranked = sorted((item for item in found.items() if item[1] >= floor), key=lambda item: (-item[1], item[0]))
        if len(self._cache) >= CACHE_WORDS:
            self._cache.clear()
        answer = self._cache[word] = ranked[:MAX_NEIGHBOURS]
        return answer

    def _typos(self, word: str, found: dict[str, float], *, two_edits: bool) -> None:
        candidates = self._scan(word) if len(self._sorted) <= SCAN_WORDS else self._probe(word, two_edits=two_edits)
        candidates.discard(word)
        for candidate in candidates:
            longest = max(len(word), len(candidate))
            allowed = 2 if longest >= LONG_WORD_CHARS else 1
            distance = OSA.distance(word, candidate, score_cutoff=allowed)
            if distance <= allowed:
                found[candidate] = max(found.get(candidate, 0.0), 1.0 - distance / longest)

    def _scan(self, word: str) -> set[str]:
        matches = process.extract(word, self._sorted, scorer=OSA.distance, processor=None, score_cutoff=2, limit=None)
        return {known for known, _, _ in matches}

    def _probe(self, word: str, *, two_edits: bool) -> set[str]:
        probes = _deletes(word)
        if two_edits:
            probes |= {shorter for deleted in probes for shorter in _deletes(deleted)}
        probes.add(word)
        candidates: set[str] = set()
        known, by_deletion = self._known, self._by_deletion
        for probe in probes:
            if probe in known:
                candidates.add(probe)
            stored = by_deletion.get(probe)
            if stored is not None:
                candidates.update(stored.split(" "))
        return candidates

    def _stems(self, word: str, found: dict[str, float]) -> None:
        # The same word with an inflection: "engineer" / "engineering", "developer" / "developers".
        for suffix in SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM_CHARS:
                stem = word[: -len(suffix)]
                if stem in self._known:
                    found[stem] = max(found.get(stem, 0.0), _stem_similarity(len(stem), len(word)))
            longer = word + suffix
            if longer in self._known:
                found[longer] = max(found.get(longer, 0.0), _stem_similarity(len(word), len(longer)))

    def with_prefix(self, prefix: str, limit: int = MAX_PREFIX_WORDS) -> list[str]:
        """Known words that start with ``prefix``, alphabetically, at most ``limit``."""
        start = bisect_left(self._sorted, prefix)
        out: list[str] = []
        for word in self._sorted[start : start + limit]:
            if not word.startswith(prefix):
                break
            out.append(word)
        return out


def _stem_similarity(shorter: int, longer: int) -> float:
    return 1.0 - (longer - shorter) / longer / 2
