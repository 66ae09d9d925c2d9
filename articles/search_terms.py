"""What a reader's query means, decided once for every database.

The syntax is PostgreSQL's ``websearch_to_tsquery``, which production has always used: words
(every one must match), "quoted phrases", ``-word`` and ``-"phrase"`` to leave out the stories
that have them, and ``or`` between alternatives, which binds loosest (``a b or c`` is "a and b,
or c"). Everything else is text: no character makes a query fail.

``SearchTerms`` parses the query into ``alternatives``, each a group of ``Term`` that must all
hold. Each database is then handed that structure and never the reader's text: PostgreSQL a
canonical web search string with every term in quotes, SQLite an FTS5 MATCH expression with
every term a quoted string. Inside a term each database splits the words as it split the
documents ("COVID-19", "U.S."), so a term finds what the index holds.

English stop words (PostgreSQL's list) are dropped wherever they stand alone: PostgreSQL ignores
them, and SQLite, which indexes every word, would otherwise match nearly every story for "the".
A group with nothing left to find is dropped too, so a query of exclusions alone finds nothing,
rather than every other story in the archive.
"""

import re
from dataclasses import dataclass
from functools import cached_property

from articles.search_documents import single_spaced

MAX_QUERY_LENGTH = 200
MAX_PREFIX_WORDS = 10
MIN_PREFIX_WORD_LENGTH = 2
# Letters and digits in any script: the words of a term as the highlighter and the desk see them.
WORD = re.compile(r"[^\W_]+")
# A phrase in quotes (unclosed at the end of the query: to the end), or a run of anything else
# up to a space, a quote or one of the characters web search reads as an operator.
CHUNK = re.compile(
    r'(?P<minus>-*)(?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s"!&|():<>-][^\s"!&|():<>]*))'
)

# PostgreSQL's English stop words (tsearch_data/english.stop, from the Snowball project).
STOP_WORDS = frozenset(
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


def is_stop_word(word):
    return word.casefold() in STOP_WORDS


@dataclass(frozen=True)
class Term:
    """A word or a phrase as the reader typed it, without its quotes or minus sign."""

    text: str
    is_phrase: bool = False
    is_excluded: bool = False

    @cached_property
    def words(self):
        return tuple(WORD.findall(self.text))

    @property
    def quoted(self):
        # The text never holds a quote (the parser splits at them); doubled as both databases want.
        return '"' + self.text.replace('"', '""') + '"'


@dataclass(frozen=True)
class SearchTerms:
    """A reader's query made safe to run: trimmed, single-spaced, capped in length, parsed."""

    text: str
    was_shortened: bool = False

    @classmethod
    def from_input(cls, raw):
        text = single_spaced(raw)
        if len(text) <= MAX_QUERY_LENGTH:
            return cls(text)
        shortened = text[:MAX_QUERY_LENGTH]
        if not text[MAX_QUERY_LENGTH].isspace() and " " in shortened:
            shortened = shortened.rsplit(" ", 1)[0]  # don't search for half a word
        return cls(shortened.strip(), was_shortened=True)

    def __bool__(self):
        return bool(self.text)

    @cached_property
    def alternatives(self):
        """Groups of terms, any group matching: in each, every term found and none excluded."""
        groups, group = [], []
        for chunk in CHUNK.finditer(self.text):
            minus, phrase, word = chunk.group("minus", "phrase", "word")
            if word is not None and not minus and word.casefold() == "or":
                groups.append(group)
                group = []
                continue
            term = Term(
                single_spaced(phrase if phrase is not None else word),
                is_phrase=phrase is not None,
                is_excluded=bool(minus),
            )
            if term.words and not all(is_stop_word(part) for part in term.words):
                group.append(term)
        groups.append(group)
        return tuple(
            tuple(group) for group in groups if any(not term.is_excluded for term in group)
        )

    @cached_property
    def wanted(self):
        """The terms a matching story may contain: what the highlighter marks."""
        return [term for group in self.alternatives for term in group if not term.is_excluded]

    @cached_property
    def websearch(self):
        """The query for ``websearch_to_tsquery``, every term quoted: the parse, not the input."""
        return " or ".join(
            " ".join(("-" if term.is_excluded else "") + term.quoted for term in group)
            for group in self.alternatives
        )

    @cached_property
    def fts5(self):
        """The query as an FTS5 MATCH expression; every term a string, so never FTS5 syntax."""
        expressions = []
        for group in self.alternatives:
            wanted = " AND ".join(term.quoted for term in group if not term.is_excluded)
            expression = f"({wanted})"
            for term in group:
                if term.is_excluded:
                    expression = f"({expression} NOT {term.quoted})"
            expressions.append(expression)
        return " OR ".join(expressions)

    @cached_property
    def words(self):
        """The desk's words: letters and digits only, long enough, at most ten, no repeats."""
        words = {}
        for word in WORD.findall(self.text):
            if len(word) >= MIN_PREFIX_WORD_LENGTH:
                words.setdefault(word.casefold(), word)
        return list(words.values())[:MAX_PREFIX_WORDS]
