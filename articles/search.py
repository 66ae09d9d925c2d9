"""Full-text search over published articles.

Each article keeps two derived columns. ``search_document`` is plain text in parts: the dek, the
body text, the tag names, the byline and the lead image's caption and credit (see
``compose_document``). On PostgreSQL ``search_vector`` stores the weighted ``tsvector`` made from
them once, at write time: headline A, dek and tags B, body C, byline and lead-image caption and
credit D. A GIN index (``article_search_vector``, migration 0007) serves the match, and ranking
reads the stored vector instead of parsing every matching body again. Other databases (SQLite in
development) fall back to case-insensitive substring matching over the headline and the document.

The work of one search is bounded whatever the size of the archive: only the newest
``SEARCH_CANDIDATES`` matches are ranked (a reader pages through at most that many, and the page
says when there may be more), so a common word costs a walk down the newest-first index until
that many have matched, and a rare one a GIN lookup of its few rows. Ranking reads each
candidate's stored vector, so the bound is what keeps a search at 100,000 articles within half
again the cost of one at 1,000.

The columns are written in ``articles.search_documents``.
"""

import json
import math
import re
from dataclasses import dataclass
from functools import cached_property

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    F,
    Func,
    IntegerField,
    Q,
    TextField,
    Value,
    When,
)
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.models import Article
from articles.search_documents import (
    PART_SEPARATOR,
    SEARCH_CONFIG,
    is_postgresql,
    single_spaced,
    teaser_text,
)

MAX_QUERY_LENGTH = 200
MAX_FALLBACK_WORDS = 10
MIN_FALLBACK_WORD_LENGTH = 2
TEASER_WORDS = 35
# The newest matches ranked per search; SearchPaginator shows at most this many results.
SEARCH_CANDIDATES = 300
# How the candidates are found depends on how many stories the planner expects to match (see
# newest_match_ids): few are looked up in the GIN index, and a word in most stories is met
# soon walking down the newest-first index; in between, the GIN index's matches are taken
# within a window of the newest stories big enough to hold the candidates.
FEW_MATCHES = 4 * SEARCH_CANDIDATES
DENSE_MATCHES = 0.25
WINDOW_MARGIN = 1.5
MARK_TAG = re.compile(r"(</?mark>)")
# Letters and digits in any script; wildcards, quotes and underscores separate words.
WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class SearchTerms:
    """A reader's query made safe to run: trimmed, single-spaced and capped in length."""

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

    @cached_property
    def words(self):
        """The fallback's words: letters and digits only, long enough, at most ten, no repeats."""
        words = {}
        for word in WORD.findall(self.text):
            if len(word) >= MIN_FALLBACK_WORD_LENGTH:
                words.setdefault(word.casefold(), word)
        return list(words.values())[:MAX_FALLBACK_WORDS]

    def __bool__(self):
        return bool(self.text)


def search_articles(query):
    """Published articles matching ``query``, most relevant first and newest first on ties.

    ``query`` is a string or ``SearchTerms``. Each article carries ``search_rank`` and, on
    PostgreSQL, ``search_headline``; ``attach_teasers()`` turns either into a highlighted teaser.
    """
    terms = query if isinstance(query, SearchTerms) else SearchTerms.from_input(query)
    articles = Article.objects.published()
    if is_postgresql():
        articles = _ranked_by_postgresql(articles, terms)
    elif terms.words:
        articles = _ranked_by_words(articles, terms)
    else:
        return articles.none()
    return articles.order_by("-search_rank", "-published_at", "-id")


def matching(articles, terms):
    """``articles`` whose stored vector matches the reader's words (web search syntax)."""
    query = SearchQuery(terms.text, search_type="websearch", config=SEARCH_CONFIG)
    return articles.filter(search_vector=query), query


class IsAmong(Func):
    """``value = ANY(ARRAY(subquery))``: PostgreSQL runs the subquery once, then looks rows up."""

    template = "%(expressions)s)"
    arg_joiner = " = ANY("
    output_field = BooleanField()


def _ranked_by_postgresql(articles, terms):
    matches, query = matching(articles, terms)
    newest_matches = matches.order_by("-published_at", "-id").values("pk")[:SEARCH_CANDIDATES]
    # "id = ANY(ARRAY(...))": the candidates are found once, then fetched by primary key.
    return with_search_headline(
        articles.filter(IsAmong(F("pk"), ArraySubquery(newest_matches))), query
    ).annotate(search_rank=SearchRank(F("search_vector"), query))


def newest_match_ids(terms, *, ranked=False):
    """The newest ``SEARCH_CANDIDATES`` matches' ids by the GIN index and a window of the
    newest stories, or None where the usual query does better (few matches, or very many).
    With ``ranked``, most relevant first (as ``search_articles``), else newest first.

    Walking the newest-first index, PostgreSQL reads and tests the stored vector of every story
    it passes: for a word in one story in ten, ten thousand vectors for a thousand matches at
    100,000 articles, which its planner does not count. Here the GIN index's matches are
    intersected with the window's entries in the newest-first index, so only the matches are
    read, and no vector. The newest matches inside the window are the newest of the archive,
    so the candidates are the same; a window that holds too few gives way to all the matches.
    """
    matches, stories = estimated_matches(terms)
    if matches <= FEW_MATCHES or stories <= 0 or matches / stories >= DENSE_MATCHES:
        return None
    window = math.ceil(SEARCH_CANDIDATES * stories / matches * WINDOW_MARGIN)
    ids = newest_matches_in_window(terms, window, SEARCH_CANDIDATES, ranked=ranked)
    if len(ids) < SEARCH_CANDIDATES:
        ids = newest_matches_in_window(terms, None, SEARCH_CANDIDATES, ranked=ranked)
    return ids


def estimated_matches(terms):
    """The planner's estimate of the stories matching ``terms``, and of all stories."""
    table = connection.ops.quote_name(Article._meta.db_table)
    vector = connection.ops.quote_name(Article._meta.get_field("search_vector").column)
    # Planned, never run: one statement whose two branches carry the two estimates.
    with connection.cursor() as cursor:
        cursor.execute(
            f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {table} "
            f"WHERE {vector} @@ websearch_to_tsquery(%s::regconfig, %s) "
            f"UNION ALL SELECT 1 FROM {table}",
            [SEARCH_CONFIG, terms.text],
        )
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    matching, everything = plan[0]["Plan"]["Plans"]
    return matching["Plan Rows"], everything["Plan Rows"]


def newest_matches_in_window(terms, window, candidates=SEARCH_CANDIDATES, *, ranked=False):
    """Ids of the newest ``candidates`` visible matches among the newest ``window`` visible
    stories (every story with None), gathered through the GIN index, never by a walk.

    Newest first, or with ``ranked`` by relevance then recency, in the same statement: the
    candidates never travel to Python and back as a parameter.
    """
    quote = connection.ops.quote_name
    meta = Article._meta
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    status, published_at, embargo, vector = (
        quote(meta.get_field(name).column)
        for name in ("status", "published_at", "embargo_until", "search_vector")
    )
    # The visibility test of Article.objects.published(), which the ranking query applies again.
    visible = (
        f"{status} = %(published)s AND {published_at} <= %(now)s "
        f"AND ({embargo} IS NULL OR {embargo} <= %(now)s)"
    )
    in_window = ""
    if window is not None:
        # Where the window starts is read from the index alone (an embargo is in the rows): a
        # story under embargo only makes the window a little shorter.
        in_window = (
            f"AND {published_at} >= (SELECT {published_at} FROM {table} "
            f"WHERE {status} = %(published)s AND {published_at} <= %(now)s "
            f"ORDER BY {published_at} DESC, {pk} DESC OFFSET %(window_last)s LIMIT 1)"
        )
    query = "websearch_to_tsquery(%(config)s::regconfig, %(text)s)"
    # MATERIALIZED keeps the ORDER BY ... LIMIT from turning this back into the walk.
    sql = (
        f"WITH matches AS MATERIALIZED (SELECT {pk} AS id, {published_at} AS moment "
        f"FROM {table} WHERE {vector} @@ {query} AND {visible} {in_window}), "
        "newest AS (SELECT id, moment FROM matches "
        "ORDER BY moment DESC, id DESC LIMIT %(candidates)s) "
    )
    if ranked:
        # Only the candidates' vectors are read, by primary key; ts_rank as SearchRank writes it.
        sql += (
            f"SELECT newest.id FROM newest INNER JOIN {table} ON {table}.{pk} = newest.id "
            f"ORDER BY ts_rank({table}.{vector}, {query}) DESC, newest.moment DESC, "
            "newest.id DESC"
        )
    else:
        sql += "SELECT id FROM newest ORDER BY moment DESC, id DESC"
    params = {
        "published": Article.Status.PUBLISHED,
        "now": timezone.now(),
        "window_last": (window or 1) - 1,
        "config": SEARCH_CONFIG,
        "text": terms.text,
        "candidates": candidates,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def with_search_headline(articles, query):
    """``articles`` with ``search_headline``, the dek and body excerpt around ``query``'s words."""
    teaser_source = Func(
        Func(
            F("search_document"),
            Value(PART_SEPARATOR),
            Value(1),
            function="split_part",
            output_field=TextField(),
        ),
        Value(" "),
        Func(
            F("search_document"),
            Value(PART_SEPARATOR),
            Value(2),
            function="split_part",
            output_field=TextField(),
        ),
        function="concat",
        output_field=TextField(),
    )
    return articles.annotate(
        # Worked out for the rows of the page only: PostgreSQL evaluates it after the LIMIT.
        # The text is plain, not HTML: render_highlight() escapes it around the marks.
        search_headline=SearchHeadline(
            teaser_source,
            query,
            config=SEARCH_CONFIG,
            start_sel="<mark>",
            stop_sel="</mark>",
            max_words=TEASER_WORDS,
            min_words=TEASER_WORDS - 10,
            short_word=2,
        ),
    )


def desk_search(articles, text):
    """The desk's search box and pickers: every word, as typed so far, anywhere in the story.

    On PostgreSQL through the stored vector and its index, each word a prefix ("Pyong" finds
    Pyongyang), never the body text row by row; elsewhere (development) the headline, slug and
    search document by substring.
    """
    words = SearchTerms.from_input(text).words
    if not words:
        return articles
    if is_postgresql():
        prefixes = " & ".join(f"{word}:*" for word in words)
        query = SearchQuery(prefixes, search_type="raw", config=SEARCH_CONFIG)
        return articles.filter(search_vector=query)
    for word in words:
        articles = articles.filter(
            _contains("headline", word)
            | _contains("slug", word)
            | _contains("search_document", word)
        )
    return articles


def _word_variants(word):
    # SQLite's LIKE folds case for ASCII letters only, so "київ" would miss "Київ".
    if word.isascii():
        return {word}
    return {word, word.lower(), word.upper(), word.capitalize()}


def _contains(field, word):
    condition = Q()
    for variant in _word_variants(word):
        condition |= Q(**{f"{field}__icontains": variant})
    return condition


def _ranked_by_words(articles, terms):
    score = Value(0, output_field=IntegerField())
    for word in terms.words:
        in_headline = _contains("headline", word)
        in_document = _contains("search_document", word)
        articles = articles.filter(in_headline | in_document)
        score += Case(When(in_headline, then=Value(3)), default=Value(0))
        score += Case(When(in_document, then=Value(1)), default=Value(0))
    return articles.annotate(search_rank=score)


def render_highlight(marked_text):
    """HTML from ``ts_headline`` output: everything escaped except balanced ``<mark>`` pairs."""
    pieces, is_open = [], False
    for piece in MARK_TAG.split(marked_text):
        if piece == "<mark>":
            if not is_open:
                pieces.append(piece)
                is_open = True
        elif piece == "</mark>":
            if is_open:
                pieces.append(piece)
                is_open = False
        else:
            pieces.append(escape(piece))
    if is_open:
        pieces.append("</mark>")
    return mark_safe("".join(pieces))


def with_ellipses(teaser, marked_text, source):
    """Mark with "…" where an excerpt of ``source`` starts or ends inside it."""
    excerpt = " ".join(MARK_TAG.sub("", marked_text).split())
    if not excerpt:
        return teaser
    source = " ".join(source.split())
    prefix = "" if source.startswith(excerpt[:40]) else "… "
    suffix = "" if source.endswith(excerpt[-40:]) else " …"
    return mark_safe(prefix + teaser + suffix)


def highlight_words(text, words, *, max_words=TEASER_WORDS):
    """An excerpt of ``text`` around the first match, escaped, with every match in ``<mark>``."""
    all_words = text.split()
    if not all_words:
        return ""
    pattern = None
    if words:
        alternatives = "|".join(re.escape(word) for word in words)
        # Matching is by substring, so the whole word around a match is marked ("Korean").
        pattern = re.compile(rf"[^\W_]*(?:{alternatives})[^\W_]*", re.IGNORECASE)
    first = 0
    if pattern:
        first = next((i for i, word in enumerate(all_words) if pattern.search(word)), 0)
    start = max(0, min(first - 8, len(all_words) - max_words))
    excerpt = " ".join(all_words[start : start + max_words])
    pieces = []
    position = 0
    for match in pattern.finditer(excerpt) if pattern else ():
        pieces.append(escape(excerpt[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    pieces.append(escape(excerpt[position:]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + max_words < len(all_words) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)


def attach_teasers(articles, query):
    """Give each article of a results page ``search_teaser``: safe HTML with the matches marked."""
    terms = query if isinstance(query, SearchTerms) else SearchTerms.from_input(query)
    for article in articles:
        headline = getattr(article, "search_headline", None)
        if headline is not None:
            article.search_teaser = with_ellipses(
                render_highlight(headline), headline, teaser_text(article.search_document)
            )
        else:
            article.search_teaser = highlight_words(
                teaser_text(article.search_document), terms.words
            )
    return articles


class SearchResults:
    """Ranked results as a sequence for ``SearchPaginator``, in two queries whatever the page.

    The first reads the ranked ids of every candidate (at most ``SEARCH_CANDIDATES``): their
    number is the count, so the candidates are found once, not again for a COUNT. The second
    fetches a page's rows by primary key, with ``listing`` applied (e.g. ``for_listing``) and,
    on PostgreSQL, ``search_headline``, keeping the ranked order.
    """

    def __init__(self, query, listing=None):
        self.terms = query if isinstance(query, SearchTerms) else SearchTerms.from_input(query)
        self.listing = listing or (lambda articles: articles)

    @cached_property
    def ids(self):
        if is_postgresql() and (ranked := newest_match_ids(self.terms, ranked=True)) is not None:
            return ranked
        ranked = search_articles(self.terms).prefetch_related(None)
        return list(ranked.values_list("pk", flat=True)[:SEARCH_CANDIDATES])

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        ids = self.ids[index] if isinstance(index, slice) else [self.ids[index]]
        if not ids:
            return []
        rows = Article.objects.published().filter(pk__in=ids)
        if is_postgresql():
            query = SearchQuery(self.terms.text, search_type="websearch", config=SEARCH_CONFIG)
            rows = with_search_headline(rows, query)
        by_id = {article.pk: article for article in self.listing(rows)}
        # A story unpublished between the two queries is left out rather than shown.
        found = [by_id[pk] for pk in ids if pk in by_id]
        return found if isinstance(index, slice) else found[0]


class SearchPaginator(Paginator):
    """Numbered pages for ranked results, which have no stable cursor; capped at ``max_pages``."""

    def __init__(self, *args, max_pages, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_pages = max_pages

    @cached_property
    def num_pages(self):
        return min(Paginator.num_pages.func(self), self.max_pages)

    @property
    def is_full(self):
        """Every candidate place is taken: more stories may match than the results show."""
        return self.count >= SEARCH_CANDIDATES

    @property
    def is_capped(self):
        return self.is_full or self.count > self.max_pages * self.per_page
