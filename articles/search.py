"""Full-text search over published articles, the same query language on both databases.

What a query means is decided once, in ``articles.search_terms``: words, "quoted phrases",
``-word`` and ``-"phrase"``, ``or``; each database gets that parse, never the reader's text.
Each edition searches its own stories, in its language (``articles.search_languages``):
English by English word forms ("strikes" finds "strike"), Ukrainian by the stems of the reader's
words as prefixes ("дронів" finds "дрони"). Matching is over the headline and
``search_document``: the dek, the body text, the tag names, the byline and the lead image's
caption and credit (see ``articles.search_documents``, which writes what is matched).

On PostgreSQL ``search_vector`` holds the weighted ``tsvector`` of them (headline A, dek and tags
B, body C, byline and lead-image words D) with a GIN index (``article_search_vector``); the
query is ``websearch_to_tsquery`` of the parse with the English configuration, ranked by
``ts_rank`` over the stored vector. On SQLite (development) the FTS5 table ``articles_search``
(made by the articles migration) holds the same parts in columns under the ``porter``
tokenizer, the query is an FTS5 MATCH expression of the parse, ranked by ``bm25`` with the
columns weighted as the vector's parts. Both then order newest first on ties, and
``articles.search_highlight`` marks the words that matched.

The work of one search is bounded whatever the size of the archive: only the newest
``SEARCH_CANDIDATES`` matches are ranked (a reader pages through at most that many, and the page
says when there may be more), so a common word costs a walk down the newest-first index until
that many have matched, and a rare one an index lookup of its few rows. Ranking reads each
candidate's stored vector (or FTS5 entries), so the bound is what keeps a search at 100,000
articles within half again the cost of one at 1,000.
"""

import json
import math
from functools import cached_property

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import BooleanField, F, Func
from django.db.models.expressions import RawSQL
from django.utils import timezone

from articles.models import Article
from articles.search_documents import (
    SEARCH_CONFIG,
    SEARCH_TABLE,
    SEARCH_TABLE_WEIGHTS,
    is_postgresql,
    teaser_text,
)
from articles.search_highlight import stemming_for, teaser
from articles.search_terms import SearchTerms, is_stop_word

__all__ = ["SearchTerms", "SearchResults", "SearchPaginator", "attach_teasers", "search_articles"]

# The newest matches ranked per search; SearchPaginator shows at most this many results.
SEARCH_CANDIDATES = 300
# How the candidates are found on PostgreSQL depends on how many stories the planner expects to
# match (see newest_match_ids): few are looked up in the GIN index, and a word in most stories
# is met soon walking down the newest-first index; in between, the GIN index's matches are taken
# within a window of the newest stories big enough to hold the candidates.
FEW_MATCHES = 4 * SEARCH_CANDIDATES
DENSE_MATCHES = 0.25
WINDOW_MARGIN = 1.5


def search_articles(query):
    """Published articles matching ``query``, most relevant first and newest first on ties.

    ``query`` is a string or ``SearchTerms``. Each article carries ``search_rank``;
    ``attach_teasers()`` gives a page of them their highlighted teasers.
    """
    terms = query if isinstance(query, SearchTerms) else SearchTerms.from_input(query)
    articles = Article.objects.published().in_edition(terms.edition)
    if not terms.alternatives:
        return articles.none()
    if is_postgresql():
        articles = _ranked_by_postgresql(articles, terms)
    else:
        articles = _ranked_by_sqlite(articles, terms)
    return articles.order_by("-search_rank", "-published_at", "-id")


def search_query(terms):
    """PostgreSQL's query for the terms in their edition's configuration: web search syntax,
    or in a language matched by prefixes the raw ``to_tsquery`` of the stems."""
    language = terms.search_language
    if language.matches_stems:
        return SearchQuery(terms.tsquery, search_type="raw", config=language.config)
    return SearchQuery(terms.websearch, search_type="websearch", config=language.config)


def tsquery_sql(terms):
    """``search_query`` as SQL with the named parameters ``config`` and ``text``, and their
    values."""
    language = terms.search_language
    function = "to_tsquery" if language.matches_stems else "websearch_to_tsquery"
    text = terms.tsquery if language.matches_stems else terms.websearch
    sql = f"{function}(%(config)s::regconfig, %(text)s)"
    return sql, {"config": language.config, "text": text}


def matching(articles, terms):
    """``articles`` whose stored vector matches the parsed query (PostgreSQL)."""
    query = search_query(terms)
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
    return articles.filter(IsAmong(F("pk"), ArraySubquery(newest_matches))).annotate(
        search_rank=SearchRank(F("search_vector"), query)
    )


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
    """The planner's estimate of the edition's stories matching ``terms``, and of all of the
    edition's stories."""
    quote = connection.ops.quote_name
    table = quote(Article._meta.db_table)
    vector = quote(Article._meta.get_field("search_vector").column)
    language = quote(Article._meta.get_field("language").column)
    query, params = tsquery_sql(terms)
    # Planned, never run: one statement whose two branches carry the two estimates.
    with connection.cursor() as cursor:
        cursor.execute(
            f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {table} "
            f"WHERE {vector} @@ {query} AND {language} = %(language)s "
            f"UNION ALL SELECT 1 FROM {table} WHERE {language} = %(language)s",
            {**params, "language": terms.edition},
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
    status, published_at, embargo, vector, language = (
        quote(meta.get_field(name).column)
        for name in ("status", "published_at", "embargo_until", "search_vector", "language")
    )
    # The visibility test of Article.objects.published(), which the ranking query applies
    # again, in the edition searched.
    visible = (
        f"{language} = %(language)s AND {status} = %(published)s AND {published_at} <= %(now)s "
        f"AND ({embargo} IS NULL OR {embargo} <= %(now)s)"
    )
    in_window = ""
    if window is not None:
        # Where the window starts is read from the index alone (an embargo is in the rows): a
        # story under embargo only makes the window a little shorter.
        in_window = (
            f"AND {published_at} >= (SELECT {published_at} FROM {table} "
            f"WHERE {language} = %(language)s AND {status} = %(published)s "
            f"AND {published_at} <= %(now)s "
            f"ORDER BY {published_at} DESC, {pk} DESC OFFSET %(window_last)s LIMIT 1)"
        )
    query, query_params = tsquery_sql(terms)
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
        "language": terms.edition,
        "candidates": candidates,
        **query_params,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def fts_matches(expression):
    """SQL for the ids of the rows of SQLite's full-text table matching an FTS5 expression."""
    table = connection.ops.quote_name(SEARCH_TABLE)
    return RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [expression])


def _ranked_by_sqlite(articles, terms):
    matches = articles.filter(pk__in=fts_matches(terms.fts5))
    newest_matches = matches.order_by("-published_at", "-id").values("pk")[:SEARCH_CANDIDATES]
    quote = connection.ops.quote_name
    table = quote(SEARCH_TABLE)
    row_id = f"{quote(Article._meta.db_table)}.{quote(Article._meta.pk.column)}"
    weights = ", ".join(str(weight) for weight in SEARCH_TABLE_WEIGHTS)
    # bm25() is lower for a better match, and only exists inside a MATCH: read for each
    # candidate by its rowid, so only the candidates are ranked.
    rank = RawSQL(
        f"SELECT -bm25({table}, {weights}) FROM {table} "
        f"WHERE {table} MATCH %s AND {table}.rowid = {row_id}",
        [terms.fts5],
    )
    return articles.filter(pk__in=newest_matches).annotate(search_rank=rank)


def ranked_fts_matches(terms):
    """SQLite: ids of the newest ``SEARCH_CANDIDATES`` visible matches, most relevant first, in one
    statement (the order of ``search_articles``).

    bm25() is read for every match in one pass over the index, as the matches are found:
    reading it for each candidate by rowid, as ``search_articles`` does, starts the query over
    for each one and costs ten times as much for a common word.
    """
    quote = connection.ops.quote_name
    meta = Article._meta
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    status, published_at, embargo, language = (
        quote(meta.get_field(name).column)
        for name in ("status", "published_at", "embargo_until", "language")
    )
    search_table = quote(SEARCH_TABLE)
    weights = ", ".join(str(weight) for weight in SEARCH_TABLE_WEIGHTS)
    sql = (
        f"WITH matches AS MATERIALIZED (SELECT rowid AS id, bm25({search_table}, {weights}) "
        f"AS rank FROM {search_table} WHERE {search_table} MATCH %s), "
        f"newest AS (SELECT {table}.{pk} AS id, {published_at} AS moment, matches.rank "
        f"FROM {table} INNER JOIN matches ON matches.id = {table}.{pk} "
        # The visibility test of Article.objects.published(), which fetching the page applies
        # again, in the edition searched.
        f"WHERE {language} = %s AND {status} = %s AND {published_at} <= %s "
        f"AND ({embargo} IS NULL OR {embargo} <= %s) "
        f"ORDER BY {published_at} DESC, {table}.{pk} DESC LIMIT %s) "
        "SELECT id FROM newest ORDER BY rank, moment DESC, id DESC"
    )
    now = timezone.now()
    params = [terms.fts5, terms.edition, Article.Status.PUBLISHED, now, now, SEARCH_CANDIDATES]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def desk_search(articles, text):
    """The desk's search box and pickers: every word, as typed so far, anywhere in the story.

    Through the full-text index (PostgreSQL's stored vector, SQLite's FTS5 table), each word a
    prefix of a word in the story ("Pyong" finds Pyongyang, "arriving" finds "arrives"), never
    the body text row by row.
    """
    words = SearchTerms.from_input(text).words
    if not words:
        return articles
    # As PostgreSQL drops them from the query: a search for "the" alone finds nothing.
    prefixes = [word for word in words if not is_stop_word(word)]
    if not prefixes:
        return articles.none()
    if is_postgresql():
        # The desk searches every edition: the English configuration leaves a Cyrillic word as
        # typed, so its prefix matches the Ukrainian vectors' words as well.
        query = " & ".join(f"{word}:*" for word in prefixes)
        return articles.filter(
            search_vector=SearchQuery(query, search_type="raw", config=SEARCH_CONFIG)
        )
    # The words are letters and digits, so each quoted string is one word of FTS5's.
    return articles.filter(pk__in=fts_matches(" AND ".join(f'"{word}" *' for word in prefixes)))


def attach_teasers(articles, query):
    """Give each article of a results page ``search_teaser``: safe HTML with the matches marked."""
    terms = query if isinstance(query, SearchTerms) else SearchTerms.from_input(query)
    stemming = stemming_for(terms.edition, postgresql=is_postgresql())
    for article in articles:
        article.search_teaser = teaser(teaser_text(article.search_document), terms, stemming)
    return articles


class SearchResults:
    """Ranked results as a sequence for ``SearchPaginator``, in two queries whatever the page.

    The first reads the ranked ids of every candidate (at most ``SEARCH_CANDIDATES``): their
    number is the count, so the candidates are found once, not again for a COUNT. The second
    fetches a page's rows by primary key, with ``listing`` applied (e.g. ``for_listing``),
    keeping the ranked order.
    """

    def __init__(self, query, listing=None):
        self.terms = query if isinstance(query, SearchTerms) else SearchTerms.from_input(query)
        self.listing = listing or (lambda articles: articles)

    @cached_property
    def ids(self):
        if not self.terms.alternatives:
            return []
        if not is_postgresql():
            return ranked_fts_matches(self.terms)
        if (ranked := newest_match_ids(self.terms, ranked=True)) is not None:
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
