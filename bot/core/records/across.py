"""What holds across the records of a catalog: one slug and one name per record, related slugs that lead somewhere,
and related roles named by title linked to the records that hold them."""

from __future__ import annotations

from dataclasses import replace

from bot.core.records.model import Specimen
from bot.core.records.problems import ParsedFile, Problem
from bot.core.titles.normalize import normalize_title


def cross_record_problems(parsed: list[ParsedFile]) -> list[Problem]:
    """Problems between valid records: duplicate slugs, a title or alias claimed twice, related slugs to nowhere."""
    problems: list[Problem] = []
    slug_owner: dict[str, str] = {}
    name_owner: dict[str, tuple[str, str]] = {}
    for record in parsed:
        assert record.data is not None
        slug = record.data["slug"]
        if slug in slug_owner:
            reason = f"duplicate slug {slug!r}, also used by {slug_owner[slug]}"
            problems.append(Problem(record.file, None, "slug", reason))
        slug_owner.setdefault(slug, record.file)
    for record in parsed:
        assert record.data is not None
        names = [("title", record.data["title"])]
        names += [(f"aliases[{i}]", alias) for i, alias in enumerate(record.data.get("aliases") or [])]
        for field, name in names:
            key = normalize_title(name)
            if not key:  # a name with no words (emoji only) can never be looked up, so it cannot clash
                continue
            owner = name_owner.get(key)
            if owner is not None and owner[0] != record.file:
                reason = f"{name!r} is also claimed by {owner[0]} ({owner[1]})"
                problems.append(Problem(record.file, None, field, reason))
            elif owner is None:
                name_owner[key] = (record.file, field)
        for index, related in enumerate(record.data.get("related") or []):
            target = related.get("slug")
            if target is not None and target not in slug_owner:
                reason = f"points to slug {target!r}, which no record has"
                problems.append(Problem(record.file, None, f"related[{index}].slug", reason))
    return problems


def linked_related(specimens: tuple[Specimen, ...]) -> tuple[Specimen, ...]:
    """Related roles named without a slug get the slug of the record whose title or alias they spell (the seed page
    names "SDET" and "Enterprise Architect" by title only), so their buttons open cards like any other."""
    by_name: dict[str, str] = {}
    for specimen in specimens:
        for name in (specimen.title, *specimen.aliases):
            by_name.setdefault(normalize_title(name), specimen.slug)

    def linked(specimen: Specimen) -> Specimen:
        if all(r.slug is not None for r in specimen.related):
            return specimen
        related = tuple(
            r if r.slug is not None else replace(r, slug=by_name.get(normalize_title(r.title)))
            for r in specimen.related
        )
        return replace(specimen, related=related)

    return tuple(linked(s) for s in specimens)
