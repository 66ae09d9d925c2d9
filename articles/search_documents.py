"""What full-text search reads, written when what it is made of changes.

Each article keeps two derived columns. ``search_document`` is plain text in parts: the dek, the
body text, the tag names, the byline and the lead image's caption and credit (see
``compose_document``). On PostgreSQL ``search_vector`` stores the weighted ``tsvector`` made from
them once, at write time, with the text search configuration of the story's language
(``articles.search_languages``): headline A, dek and tags B, body C, byline and lead-image
caption and credit D, so ranking reads the stored vector instead of parsing every matching body
again. On SQLite the FTS5 table ``articles_search`` (made by the articles migration) holds the
headline and each part in a column of its own, rewritten in the same statement batch as the
document, and a deleted article's row goes with it (``forget_search_documents``).

Tags, bylines and images are saved apart from the article, so ``articles.signals`` refreshes the
columns whenever the article, its tags or bylines, its lead image's words, or an author's or
tag's name change. Rows written without save() (bulk_create, as ``load_demo`` does) need
``refresh_search_documents()``.
"""

import html
import re

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction

from articles.models import Article, ArticleAuthor, TaggedArticle
from articles.search_languages import config_sql
from media.galleries import gallery_words, gallery_words_of

# The default edition's text search configuration; each story's vector is made with its own
# language's (articles.search_languages), and each query with its edition's.
SEARCH_CONFIG = "english"
REFRESH_CHUNK_SIZE = 1000

# Separates the parts of the document (dek, body text, tags, byline, lead-image words), so a
# teaser never runs on into a list of names and each part gets its own weight. It is the ASCII
# record separator, which text search parsers treat as a blank and which is removed from
# everything that goes in.
PART_SEPARATOR = "\x1e"
DOCUMENT_PARTS = ("dek", "body", "tags", "byline", "lead_image")
# SQLite's full-text table: the headline, then the document's parts, each weighted for bm25() as
# the vector's parts are for ts_rank (A 1.0, B 0.4, C 0.2, D 0.1). It keeps its own copy of the
# text: an external-content table must be told a row's old text to take it out of the index,
# and by the time a post_save receiver runs, the article's row already holds the new headline;
# a contentless one too (deleting by rowid alone needs SQLite 3.43). On a development
# database the copy's size does not matter.
SEARCH_TABLE = "articles_search"
SEARCH_TABLE_COLUMNS = ("headline", *DOCUMENT_PARTS)
SEARCH_TABLE_WEIGHTS = (10, 4, 2, 4, 1, 1)
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BLOCK_TAG = re.compile(
    r"<(?:br|hr|img|/?(?:p|li|ul|ol|h[1-6]|blockquote|pre|figure|figcaption|table|tr|td|th))\b"
    r"[^>]*>",
    re.IGNORECASE,
)
ANY_TAG = re.compile(r"<[^>]*>")


def is_postgresql():
    return connection.vendor == "postgresql"


def plain_text(value):
    """Readable text of an HTML fragment: tags removed, entities decoded, spaces collapsed.

    Bodies are cleaned on save, so every ``<`` left in their text is written ``&lt;`` and a
    pattern finds the tags. The result is only ever shown escaped, so nothing here is trusted.
    """
    text = ANY_TAG.sub("", BLOCK_TAG.sub(" ", value or ""))
    return single_spaced(html.unescape(text))


def single_spaced(text):
    return " ".join(CONTROL_CHARACTERS.sub(" ", text or "").split())


def compose_document(dek, body, tag_names, author_names, caption="", credit="", pictures=""):
    """The document's parts, in ``DOCUMENT_PARTS`` order, joined by ``PART_SEPARATOR``.

    ``pictures`` is the captions and credits of the body's galleries: they weigh as the lead
    image's words do.
    """
    # The dek, tags, names, caption and credit are plain text; only the body is HTML.
    parts = [
        single_spaced(dek),
        plain_text(body),
        single_spaced(", ".join(tag_names)),
        single_spaced(", ".join(author_names)),
        single_spaced(" ".join(part for part in (caption, credit, pictures) if part)),
    ]
    return PART_SEPARATOR.join(parts)


def teaser_text(document):
    """The dek and body text of a document: what a search result quotes."""
    dek, body = (document.split(PART_SEPARATOR) + ["", ""])[:2]
    return " ".join(part for part in (dek, body) if part)


def document_parts(document):
    """The document's parts, in ``DOCUMENT_PARTS`` order, empty where it has fewer."""
    return (document.split(PART_SEPARATOR) + [""] * len(DOCUMENT_PARTS))[: len(DOCUMENT_PARTS)]


def _part_sql(document_sql, number):
    return f"split_part({document_sql}, E'\\x1e', {number})"


def _weighted_sql(text_sql, weight, config_sql):
    return f"setweight(to_tsvector({config_sql}, {text_sql}), '{weight}')"


def vector_sql(headline_sql, document_sql, config_sql=f"'{SEARCH_CONFIG}'::regconfig"):
    """SQL for the weighted vector of a headline and a document (both SQL expressions) in a
    text search configuration (an SQL expression; English, as the first migrations made it)."""
    dek, body, tags, byline, lead_image = (
        _part_sql(document_sql, number) for number in range(1, len(DOCUMENT_PARTS) + 1)
    )
    return " || ".join(
        [
            _weighted_sql(f"COALESCE({headline_sql}, '')", "A", config_sql),
            _weighted_sql(dek, "B", config_sql),
            _weighted_sql(tags, "B", config_sql),
            _weighted_sql(body, "C", config_sql),
            _weighted_sql(f"{byline} || ' ' || {lead_image}", "D", config_sql),
        ]
    )


def search_document_for(article):
    """What search matches besides the headline, from ``article`` and its tags and byline."""
    tag_names, author_names = [], []
    if article.pk:
        tag_names = list(article.tags.order_by("name").values_list("name", flat=True))
        author_names = list(
            article.bylines.order_by("position", "id").values_list("author__name", flat=True)
        )
    return compose_document(
        article.dek,
        article.body,
        tag_names,
        author_names,
        caption=article.lead_caption,
        credit=article.lead_credit,
        pictures=gallery_words(article.body),
    )


def refresh_search_document(article, document=None):
    """Store ``article``'s search document and vector, without save() and its side effects."""
    if document is None:
        document = search_document_for(article)
    _store_documents([(document, article.pk)])
    article.search_document = document


def refresh_search_documents(queryset, *, chunk_size=REFRESH_CHUNK_SIZE, force=False):
    """Recompute the documents of every article in ``queryset``; return how many changed.

    Works through the articles by primary key, ``chunk_size`` at a time, with one query each for
    the articles, their tags and their bylines, and writes only the documents that differ
    (every one with ``force``, e.g. after a headline changed or to fill the vectors).
    """
    articles = queryset.order_by().values_list("pk", flat=True)
    changed_total = 0
    last_pk = None
    while True:
        chunk = Article.objects.filter(pk__in=articles).order_by("pk")
        if last_pk is not None:
            chunk = chunk.filter(pk__gt=last_pk)
        rows = list(
            chunk.values_list(
                "pk",
                "dek",
                "body",
                "search_document",
                "lead_image_caption",
                "lead_image_credit",
                "lead_image__caption",
                "lead_image__credit",
            )[:chunk_size]
        )
        if not rows:
            return changed_total
        last_pk = rows[-1][0]
        pks = [row[0] for row in rows]
        tag_names = {pk: [] for pk in pks}
        for pk, name in (
            TaggedArticle.objects.filter(content_object_id__in=pks)
            .order_by("tag__name")
            .values_list("content_object_id", "tag__name")
        ):
            tag_names[pk].append(name)
        author_names = {pk: [] for pk in pks}
        for pk, name in (
            ArticleAuthor.objects.filter(article_id__in=pks)
            .order_by("position", "id")
            .values_list("article_id", "author__name")
        ):
            author_names[pk].append(name)
        pictures = gallery_words_of([row[2] for row in rows])
        changed = []
        for pk, dek, body, stored, caption, credit, image_caption, image_credit in rows:
            document = compose_document(
                dek,
                body,
                tag_names[pk],
                author_names[pk],
                # As Article.lead_caption and lead_credit: the article's own words win.
                caption=caption or image_caption or "",
                credit=credit or image_credit or "",
                pictures=pictures.get(body, ""),
            )
            if force or document != stored:
                changed.append((document, pk))
        _store_documents(changed)
        changed_total += len(changed)
        if len(rows) < chunk_size:
            return changed_total


def _store_documents(documents_and_pks):
    # One prepared UPDATE run for every row: bulk_update() would spend seconds per 10,000 rows
    # building its CASE expression in Python. Like update(), it skips save() and its signals.
    if not documents_and_pks:
        return
    quote = connection.ops.quote_name
    meta = Article._meta
    table = quote(meta.db_table)
    document = quote(meta.get_field("search_document").column)
    pk = quote(meta.pk.column)
    if is_postgresql():
        # The vector is made from the new document in the same statement, so the two never
        # disagree; the headline and the language (which names the configuration) are the
        # row's own.
        vector = quote(meta.get_field("search_vector").column)
        headline = quote(meta.get_field("headline").column)
        language = quote(meta.get_field("language").column)
        made = vector_sql(f"{table}.{headline}", "new.document", config_sql(f"{table}.{language}"))
        sql = (
            f"UPDATE {table} SET {document} = new.document, {vector} = {made} "
            f"FROM (SELECT %s::text AS document) AS new WHERE {table}.{pk} = %s"
        )
        with transaction.atomic(savepoint=False), connection.cursor() as cursor:
            cursor.executemany(sql, documents_and_pks)
        return
    sql = f"UPDATE {table} SET {document} = %s WHERE {pk} = %s"
    # REPLACE writes the row whether the article had one or not (a new one, a bulk-created one).
    search_table = quote(SEARCH_TABLE)
    columns = ", ".join(quote(column) for column in SEARCH_TABLE_COLUMNS)
    headline = quote(meta.get_field("headline").column)
    placeholders = ", ".join(["%s"] * len(DOCUMENT_PARTS))
    index_sql = (
        f"INSERT OR REPLACE INTO {search_table} (rowid, {columns}) "
        f"SELECT {pk}, {headline}, {placeholders} FROM {table} WHERE {pk} = %s"
    )
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.executemany(sql, documents_and_pks)
        cursor.executemany(
            index_sql, [(*document_parts(text), row) for text, row in documents_and_pks]
        )


def forget_search_documents(pks):
    """Take deleted articles out of SQLite's full-text table (a vector goes with its row)."""
    if is_postgresql() or not pks:
        return
    table = connection.ops.quote_name(SEARCH_TABLE)
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {table} WHERE rowid = %s", [(pk,) for pk in pks])


def forget_deleted_articles(using=DEFAULT_DB_ALIAS):
    """Empty SQLite's full-text table of rows whose article is gone (after a flush, say)."""
    database = connections[using]
    if database.vendor != "sqlite":
        return
    quote = database.ops.quote_name
    meta = Article._meta
    with database.cursor() as cursor:
        if SEARCH_TABLE not in database.introspection.table_names(cursor):
            return  # migrated back before the table
        cursor.execute(
            f"DELETE FROM {quote(SEARCH_TABLE)} WHERE rowid NOT IN "
            f"(SELECT {quote(meta.pk.column)} FROM {quote(meta.db_table)})"
        )
