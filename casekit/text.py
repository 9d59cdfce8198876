"""``casekit.text``: the text-coding toolkit under one name (a public alias).

The code lives in :mod:`casekit.research.lexicon` (the coding scheme),
:mod:`casekit.research.texts` (reading texts), :mod:`casekit.research.coding` (theme
counts, keywords in context) and :mod:`casekit.charts.themes` (the heatmap); this module
gathers their public names so ``from casekit.text import theme_counts`` keeps working.
"""

from casekit.charts.themes import themes_chart
from casekit.research.coding import kwic, theme_counts
from casekit.research.lexicon import (
    DEFAULT_AREAS,
    TERM_PATTERN,
    WORD,
    Lexicon,
    LexiconSource,
    builtin_areas,
    default_lexicon_path,
    lexicon_from_mapping,
    load_lexicon,
)
from casekit.research.texts import TextSource, default_text_path, read_paragraphs, split_paragraphs
from casekit.resources import DEMO_TEXT, LEXICON_FILE

__all__ = [
    "DEFAULT_AREAS",
    "DEMO_TEXT",
    "LEXICON_FILE",
    "TERM_PATTERN",
    "WORD",
    "Lexicon",
    "LexiconSource",
    "TextSource",
    "builtin_areas",
    "default_lexicon_path",
    "default_text_path",
    "kwic",
    "lexicon_from_mapping",
    "load_lexicon",
    "read_paragraphs",
    "split_paragraphs",
    "theme_counts",
    "themes_chart",
]
