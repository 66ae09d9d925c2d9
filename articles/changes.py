"""What differs between two versions of an article, put the way the desk reads it.

A version is a "snapshot": field label → the words a person would compare (names rather than ids,
the body split into one line per paragraph). Revisions, the live article and a form that was just
posted all turn into snapshots, so the history's comparison and the edit-conflict message show
differences the same way.
"""

import datetime
import difflib
import math
import re
from dataclasses import dataclass
from html import unescape

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.timesince import timeuntil
from taggit.models import Tag

from articles.models import Article, ArticleAuthor, RelatedArticle, Section, TaggedArticle
from authors.models import Author
from media.models import Image

BLOCK_END = re.compile(r"(</(?:p|h2|h3|h4|li|blockquote|ul|ol|pre|figure|table|tr)>|<br>|<hr>)")

LABELS = {
    "headline": "Headline",
    "slug": "Slug",
    "section": "Section",
    "dek": "Teaser",
    "body": "Body",
    "tags": "Tags",
    "lead_image": "Lead image",
    "lead_image_caption": "Caption",
    "lead_image_credit": "Photo credit",
    "embargo_until": "Embargoed until",
    "byline": "Byline",
    "picks": "Editor's picks",
}


@dataclass(frozen=True)
class Difference:
    label: str
    lines: list  # (kind, text): kind is "removed", "added", "same" or "gap"

    @property
    def readable_lines(self):
        """The lines as a person reads them: the body's words without its markup."""
        if self.label != LABELS["body"]:
            return self.lines
        return [(kind, readable_line(text)) for kind, text in self.lines]


def display_time(moment):
    if moment is None:
        return ""
    return date_format(timezone.localtime(moment), "D j M Y, H:i T")


def time_until(moment, now=None):
    """How long until ``moment``, the way a clock counts down: "under a minute", "2 minutes".

    Whole minutes are rounded up, so 1 min 59 s reads "2 minutes" and nothing that is still
    ahead reads "0 minutes".
    """
    now = now or timezone.now()
    seconds = (moment - now).total_seconds()
    if seconds <= 0:
        return "now"
    if seconds < 60:
        return "under a minute"
    minutes = math.ceil(seconds / 60)
    return timeuntil(now + datetime.timedelta(minutes=minutes), now)


def readable_line(line):
    """One line of a body's markup as the words a person reads, for showing differences."""
    return unescape(strip_tags(line)).strip() or line


def body_lines(html):
    return [
        line.strip() for line in BLOCK_END.sub(r"\1\n", html or "").splitlines() if line.strip()
    ]


def _name(model, pk):
    if pk is None:
        return ""
    found = model.objects.filter(pk=pk).first()
    return str(found) if found is not None else f"(deleted {model._meta.verbose_name})"


def snapshot(
    *,
    headline,
    slug,
    section,
    dek,
    body,
    lead_image,
    lead_image_caption,
    lead_image_credit,
    embargo_until,
    tags,
    byline=None,
    picks=None,
):
    values = {
        "headline": [headline],
        "slug": [slug],
        "section": [str(section or "")],
        "dek": [dek],
        "body": body_lines(body),
        "tags": sorted(tags, key=str.lower),
        "lead_image": [str(lead_image or "")],
        "lead_image_caption": [lead_image_caption],
        "lead_image_credit": [lead_image_credit],
        "embargo_until": [display_time(embargo_until)],
    }
    if byline is not None:
        values["byline"] = byline
    if picks is not None:
        values["picks"] = picks
    return values


def byline_entry(name, role):
    return f"{name} ({ArticleAuthor.Role(role).label.lower()})"


def snapshot_of_article(article):
    return snapshot(
        headline=article.headline,
        slug=article.slug,
        section=article.section,
        dek=article.dek,
        body=article.body,
        lead_image=article.lead_image,
        lead_image_caption=article.lead_image_caption,
        lead_image_credit=article.lead_image_credit,
        embargo_until=article.embargo_until,
        tags=list(article.tags.names()),
        byline=[
            byline_entry(b.author.name, b.role)
            for b in article.bylines.select_related("author").order_by("position", "id")
        ],
        picks=[
            p.to_article.headline
            for p in article.picks.select_related("to_article").order_by("position", "id")
        ],
    )


def snapshot_of_version(version):
    """A revision of an article (a django-reversion ``Version``) as a snapshot."""
    fields = version.field_dict
    article_id = int(version.object_id)
    in_revision = version.revision.version_set
    bylines = sorted(
        (
            v.field_dict
            for v in in_revision.get_for_model(ArticleAuthor)
            if v.field_dict["article_id"] == article_id
        ),
        key=lambda b: (b["position"], b["id"]),
    )
    authors = dict(
        Author.objects.filter(pk__in=[b["author_id"] for b in bylines]).values_list("pk", "name")
    )
    picks = sorted(
        (
            v.field_dict
            for v in in_revision.get_for_model(RelatedArticle)
            if v.field_dict["from_article_id"] == article_id
        ),
        key=lambda p: (p["position"], p["id"]),
    )
    headlines = dict(
        Article.objects.filter(pk__in=[p["to_article_id"] for p in picks]).values_list(
            "pk", "headline"
        )
    )
    tag_ids = [
        v.field_dict["tag_id"]
        for v in in_revision.get_for_model(TaggedArticle)
        if v.field_dict["content_object_id"] == article_id
    ]
    return snapshot(
        headline=fields["headline"],
        slug=fields["slug"],
        section=_name(Section, fields["section_id"]),
        dek=fields["dek"],
        body=fields["body"],
        lead_image=_name(Image, fields["lead_image_id"]),
        lead_image_caption=fields["lead_image_caption"],
        lead_image_credit=fields["lead_image_credit"],
        embargo_until=fields["embargo_until"],
        tags=list(Tag.objects.filter(pk__in=tag_ids).values_list("name", flat=True)),
        byline=[
            byline_entry(authors.get(b["author_id"], "(deleted author)"), b["role"])
            for b in bylines
        ],
        picks=[headlines.get(p["to_article_id"], "(deleted article)") for p in picks],
    )


def line_diff(before, after):
    """Lines removed and added, with a line of context around each change."""
    lines = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for group in matcher.get_grouped_opcodes(1):
        if lines:
            lines.append(("gap", "…"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(("same", line) for line in before[i1:i2])
                continue
            lines.extend(("removed", line) for line in before[i1:i2])
            lines.extend(("added", line) for line in after[j1:j2])
    return lines


def differences(before, after):
    """What changed from snapshot ``before`` to snapshot ``after``, field by field."""
    return [
        Difference(LABELS[name], line_diff(before[name], after[name]))
        for name in LABELS
        if name in before and name in after and before[name] != after[name]
    ]
