"""Titles and descriptions for a new case: the built-in schema's, less the Almaty case.

The built-in descriptor describes casekit's own case: its source article (paragraphs 1
to 11, ``src-article``), its fact sheet and its ids. A scaffolded case has the same
tables and columns but its own sources, so :func:`generic_texts` replaces every title
and description that speaks of the built-in case with a generic one. The shared
vocabularies (``areas``, ``countries``, ``lexicon``) are copied with their rows, so their
descriptions stay, except the locator's, which points at the built-in README.
"""

from __future__ import annotations

import re
from typing import Any

#: Words that tie a text to casekit's own case.
CASE_SPECIFIC = re.compile(
    r"Almaty|[Aa]rticle|fact sheet|src-article|README\.md|Caspian|peacesciencer|C\+C5|Xinhua"
    r"|\b(?:fmm|evt|ini|clm|doc|summit)-\d|\b1 to 11\b|\b20[12]\d\b"
)

#: Names of the built-in case itself (a label such as "Source article" stays).
NAMED_CASE = re.compile(r"Almaty|fact sheet|src-article|Caspian|C\+C5|Xinhua")

CONFIDENCE = (
    "Confidence in the row's content, in order: verified (stated explicitly by at least one "
    "official or reputable source), partly (one secondary or low-authority source, a value "
    "derived by arithmetic, or sources that disagree on a detail), unverified (not found in "
    "any source consulted)."
)

#: Generic descriptions, by (table, column) or by column for every table.
FIELD_TEXTS: dict[str | tuple[str, str], str] = {
    "source_id": "Key of the page or document that supports the row; points to sources.source_id.",
    ("sources", "source_id"): "Stable key of the page or document, 'src-' plus a short slug. "
    "Never reused.",
    ("sources", "title"): "Title of the page or document; where it has none, a short "
    "description in square brackets.",
    ("sources", "publisher"): "Outlet or body that published the page; 'via X' when the text "
    "is mirrored or relayed on site X.",
    ("sources", "url"): "Address of the page (pages change or disappear: note when you read it).",
    ("sources", "kind"): "Type of source, one of the values allowed below; source_article is "
    "the text the case is built around, if it has one.",
    "locator": "Where in the source the value is found: a page, a paragraph ('para N'), a "
    "section or a row of the document named in source_id.",
    "confidence": CONFIDENCE,
    "meeting_id": "Stable key of the meeting (lower-case letters, digits and '-'). Never reused.",
    ("meetings", "number"): "Number of the meeting within its series; empty for a meeting "
    "outside a numbered series.",
    ("meetings", "name"): "Descriptive English name of the meeting.",
    "chair": "Person who chaired or hosted the meeting, as the sources name them; empty where "
    "they do not say or the meeting is planned.",
    "person": "Name as the sources give it (Latin script); empty when the person is not known.",
    "office": "Office held at the time of the meeting, as the sources give it.",
    "is_chair": "true if this person chaired or hosted the meeting, false if not; empty where "
    "the sources do not say.",
    ("documents", "title"): "English title as the sources give it; where no formal title is "
    "known, a descriptive title (say so in notes).",
    "adopted_date": "Date adopted or signed; empty where the sources do not give it.",
    "named_in_article_as": "How the case's source text refers to the document, separated by "
    "';' if several; empty if it does not mention it.",
    "initiative_id": "Stable key ini-NNN. Never reused.",
    ("initiatives", "name"): "Name of the initiative; in double quotes where the source text's "
    "own short name is kept. Official names go in notes where they differ.",
    "proposer": "State or person that proposed it, where a source names one; empty when not known.",
    "event_id": "Event in the timeline the item is tied to (the one that created, launched or "
    "embodies it); points to events.event_id. Empty if none.",
    "article_para": "Paragraph of the case's source text (counted from 1) that names it; empty "
    "if it does not.",
    "in_almaty_record": "Whether the available record of the case's meeting is shown to contain "
    "the item: confirmed; unverified (the source text ties it to the meeting but the record "
    "does not show it); not_applicable (a background item).",
    "claim_id": "Stable key clm-NNN, in the order of the source text. Never reused.",
    "stance": "How the source text presents the development for the side named in "
    "perspective, ordered: opportunity, ambivalent (both opportunity and risk), risk.",
    "gains": "Who the source text suggests gains, and how, in brief; empty where it names no one.",
    "risks": "Who the source text suggests bears a risk, and which, in brief; empty where it "
    "names no one.",
    "para": "Paragraph of the source text (counted from 1) that makes the claim, for sorting "
    "and joining.",
    "article_says": "Short paraphrase of the source text's statement.",
    ("record_checks", "article_para"): "Paragraph of the case's source text (counted from 1) "
    "that makes the statement.",
    "related_id": "Key of that row in related_table; empty when related_table is empty.",
    "recent_date": "Date of a notable recent meeting of the format.",
}

FIELD_TITLES = {
    "in_almaty_record": "In the meeting's record",
    "named_in_article_as": "Name in the source text",
    "article_para": "Source text paragraph",
    "article_says": "Source text says",
}

#: Labels of allowed values that name the built-in case, by (column, value).
VALUE_LABELS = {
    ("in_almaty_record", "confirmed"): "In the meeting's record",
    ("in_almaty_record", "unverified"): "Not shown in the meeting's record",
    ("in_almaty_record", "not_applicable"): "Not tied to the meeting",
}

TABLE_TEXTS = {
    "sources": "Every page or document used as a source_id anywhere in the case, one row per page.",
    "meetings": "The meetings of the case, one row per meeting or summit.",
    "documents": "Documents adopted or signed at the case's meetings, with how the case's "
    "source text names them.",
    "initiatives": "Initiatives, mechanisms and instruments the case's sources name, one per row.",
    "claims": "Analytical arguments of the case's source text (interpretations, not facts), "
    "paraphrased in your own words, one per row, coded by area, stance and perspective.",
    "record_checks": "Statements of the case's source text set against what primary sources show.",
}


def _generic_labels(spec: dict[str, Any]) -> None:
    """Relabel allowed values whose labels name the built-in case."""
    for category in spec.get("categories") or []:
        if isinstance(category, dict) and NAMED_CASE.search(str(category.get("label", ""))):
            key = (spec["name"], str(category.get("value")))
            category["label"] = VALUE_LABELS.get(key, str(category.get("value")))


def _generic_field(table: str, spec: dict[str, Any], shared: bool) -> None:
    name = spec["name"]
    if not shared:
        _generic_labels(spec)
    texts = f"{spec.get('title', '')} {spec.get('description', '')}"
    if (shared and name != "locator") or not CASE_SPECIFIC.search(texts):
        return
    if name in FIELD_TITLES:
        spec["title"] = FIELD_TITLES[name]
    fallback = f"{spec.get('title') or name}."
    spec["description"] = FIELD_TEXTS.get((table, name), FIELD_TEXTS.get(name, fallback))


def generic_texts(resource: dict[str, Any], *, shared: bool) -> None:
    """Make a resource's titles and descriptions generic, in place.

    Parameters
    ----------
    resource : dict
        One resource of a descriptor being scaffolded.
    shared : bool
        Whether the table is a shared vocabulary copied with its rows (its descriptions
        describe those rows and stay, but for the locator).
    """
    table = resource["name"]
    if not shared and CASE_SPECIFIC.search(resource.get("description", "")):
        resource["description"] = TABLE_TEXTS.get(table, f"{resource.get('title', table)}.")
    for spec in resource.get("schema", {}).get("fields", []):
        _generic_field(table, spec, shared)
