"""How search reads each edition's language: the one mapping from a language to its text
search configuration, its stop words and how a reader's word is matched.

English has PostgreSQL's ``english`` configuration (Snowball stemming, English stop words) and
FTS5's ``porter`` tokenizer. PostgreSQL ships no Ukrainian stemmer, so Ukrainian stories are
indexed with ``simple`` (words lower-cased, nothing dropped), and a reader's word is cut to
its stem by ``ukrainian_stem`` (the usual case and number endings): "Нікополі" finds
"Нікополь" and "Нікополя", "дронів" finds "дрони". PostgreSQL looks the word up by its forms,
the stem with each ending (``ukrainian_forms``), each one entry of the GIN index; FTS5, whose
tokenizer leaves Cyrillic words whole too, by the stem as a prefix (a little wider: "Нікополь"
also finds "Нікопольського" there). A language with no entry here is searched with ``simple``
and whole words.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

# Case and number endings of Ukrainian nouns and adjectives, longest first: what is left is the
# stem, looked up with each of them, so an ending missing here only makes a search narrower.
UKRAINIAN_ENDINGS = tuple(
    sorted(
        """
        ями ами ові еві ого ому ими іми ій ої ою ею ів їв ах ях ям ам ом ем их им ий ій ая яя
        еє ує а я о е і ї у ю и ь й
        """.split(),
        key=len,
        reverse=True,
    )
)
# PostgreSQL's English stop words (tsearch_data/english.stop, from the Snowball project).
ENGLISH_STOP_WORDS = frozenset(
    """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom
    this that these those am is are was were be been being have has had having do does did
    doing a an the and but if or because as until while of at by for with about against between
    into through during before after above below to from up down in out on off over under again
    further then once here there when where why how all any both each few more most other some
    such no nor not only own same so than too very s t can will just don should now
    """.split()
)
# A stem shorter than this is too common a prefix: the word is matched whole instead.
MIN_UKRAINIAN_STEM = 3
VOWEL_LIKE = re.compile(r"[ьй]$")


def ukrainian_stem(word):
    """The stem a Ukrainian word is matched by: "нікополі" → "нікопол", "дронів" → "дрон"."""
    word = word.casefold()
    for ending in UKRAINIAN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_UKRAINIAN_STEM:
            return VOWEL_LIKE.sub("", word[: -len(ending)]) or word
    return word


def ukrainian_forms(word):
    """The forms a Ukrainian word is looked up by on PostgreSQL: its stem with each ending
    ("дронів" → дрон, дрона, дрони, дронів, дронами, ...). Whole words in the index, so each is
    one cheap lookup in the GIN index, where a prefix (``'дрон':*``) walks a range of it."""
    stem = ukrainian_stem(word)
    return (stem, *(stem + ending for ending in UKRAINIAN_ENDINGS), word.casefold())


@dataclass(frozen=True)
class SearchLanguage:
    """What one language's search uses: ``config`` for PostgreSQL's vectors and queries,
    ``stop_words`` left out of a query, and ``stem`` when a reader's word is matched by its
    stem (None: whole words, which the configuration stems itself)."""

    config: str
    stop_words: frozenset = frozenset()
    stem: Callable[[str], str] | None = None
    # The whole words a reader's word is looked up by (PostgreSQL); None: its stem as a prefix.
    forms: Callable[[str], tuple] | None = None

    @property
    def matches_stems(self):
        return self.stem is not None


SIMPLE = SearchLanguage("simple")
LANGUAGES = {
    "en": SearchLanguage("english", ENGLISH_STOP_WORDS),
    "uk": SearchLanguage("simple", stem=ukrainian_stem, forms=ukrainian_forms),
}


def search_language(code=None):
    """The search settings of ``code``'s language (the default edition's when not named)."""
    return LANGUAGES.get(code or settings.LANGUAGE_CODE, SIMPLE)


def config_sql(language_sql):
    """SQL for the configuration of a row whose language is the SQL expression
    ``language_sql``: the same mapping, ``simple`` for any language it does not name."""
    cases = " ".join(
        f"WHEN '{code}' THEN '{language.config}'"
        for code, language in sorted(LANGUAGES.items())
        if language.config != SIMPLE.config
    )
    return f"(CASE {language_sql} {cases} ELSE '{SIMPLE.config}' END)::regconfig"
