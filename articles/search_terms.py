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

Terms are read in the language of the edition searched (``articles.search_languages``): in a
language matched by stems (Ukrainian) each word becomes its stem's forms for PostgreSQL's
``to_tsquery`` (``SearchTerms.tsquery``) and its stem as a prefix for FTS5 (``"stem" *``).
English stop words (PostgreSQL's list) are dropped from an English search wherever they stand
alone: PostgreSQL ignores them, and SQLite, which indexes every word, would otherwise match
nearly every story for "the". A group with nothing left to find is dropped too, so a query of
exclusions alone finds nothing, rather than every other story in the archive.
"""

import re
from dataclasses import dataclass
from functools import cached_property

from articles.search_documents import single_spaced
from articles.search_languages import ENGLISH_STOP_WORDS, search_language
from website.editions import current_edition

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

STOP_WORDS = ENGLISH_STOP_WORDS


def is_stop_word(word, language=None):
    """A word the language's configuration leaves out of the index (English's stop words)."""
    return word.casefold() in search_language(language).stop_words


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
    # The edition searched; None: the page's own.
    language: str | None = None

    @classmethod
    def from_input(cls, raw, language=None):
        text = single_spaced(raw)
        if len(text) <= MAX_QUERY_LENGTH:
            return cls(text, language=language)
        shortened = text[:MAX_QUERY_LENGTH]
        if not text[MAX_QUERY_LENGTH].isspace() and " " in shortened:
            shortened = shortened.rsplit(" ", 1)[0]  # don't search for half a word
        return cls(shortened.strip(), was_shortened=True, language=language)

    def __bool__(self):
        return bool(self.text)

    @property
    def edition(self):
        """The language of the stories searched: the one named, else the page's edition."""
        return self.language or current_edition()

    @property
    def search_language(self):
        return search_language(self.edition)

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
            if term.words and not all(is_stop_word(p, self.edition) for p in term.words):
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
    def tsquery(self):
        """The query for ``to_tsquery`` in a language matched by stems: each word its stem's
        forms (``('дрон' | 'дрона' | ...)``, or the stem as a prefix, ``'дрон':*``, where the
        language names no forms), a term's words in sequence, the same groups and exclusions."""
        stem, forms = self.search_language.stem, self.search_language.forms

        def word_query(word):
            if forms is None:
                return f"{_lexeme(stem(word))}:*"
            # dict: each form once, in order.
            return "(" + " | ".join(_lexeme(form) for form in dict.fromkeys(forms(word))) + ")"

        def term_query(term):
            words = " <-> ".join(word_query(word) for word in term.words)
            return f"!({words})" if term.is_excluded else f"({words})"

        return " | ".join(
            "(" + " & ".join(term_query(term) for term in group) + ")"
            for group in self.alternatives
        )

    @cached_property
    def fts5(self):
        """The query as an FTS5 MATCH expression; every term a string, so never FTS5 syntax."""
        stem = self.search_language.stem

        def quoted(term):
            if stem is None:
                return term.quoted
            # Each stem a prefix, the term's words in sequence ("a" * + "b" *).
            return " + ".join(f'"{stem(word)}" *' for word in term.words)

        expressions = []
        for group in self.alternatives:
            wanted = " AND ".join(quoted(term) for term in group if not term.is_excluded)
            expression = f"({wanted})"
            for term in group:
                if term.is_excluded:
                    expression = f"({expression} NOT {quoted(term)})"
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


def _lexeme(word):
    # Letters and digits only (WORD), but quoted all the same, as to_tsquery reads a lexeme.
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"
