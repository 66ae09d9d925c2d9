import json
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import publishing
from articles.models import Article, Correction
from articles.tests.factories import ArticleFactory, SectionFactory, draft
from authors.tests.factories import AuthorFactory
from media.tests.factories import ImageFactory, uploaded_image

pytestmark = pytest.mark.django_db


class HeadParser(HTMLParser):
    """Collects <meta>, <link rel> and JSON-LD from a page the way a crawler reads them."""

    def __init__(self):
        super().__init__()
        self.meta = {}
        self.meta_lists = {}
        self.links = {}
        self.json_ld = []
        self.title = ""
        self._in = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta.setdefault(key, attrs.get("content"))
                self.meta_lists.setdefault(key, []).append(attrs.get("content"))
        elif tag == "link" and attrs.get("rel"):
            self.links.setdefault(attrs["rel"], attrs.get("href"))
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in = "json"
        elif tag == "title":
            self._in = "title"

    def handle_data(self, data):
        if self._in == "json":
            self.json_ld.append(json.loads(data))
        elif self._in == "title":
            self.title += data

    def handle_endtag(self, tag):
        self._in = None


def head_of(response):
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def seed_like_article():
    editor = AuthorFactory(name="Kateryna Hodunova", slug="kateryna-hodunova", role="News Editor")
    desk = AuthorFactory(name="The news desk", slug="news-desk", is_desk=True, role="")
    image = ImageFactory(
        file=uploaded_image(width=2400, height=1350),
        caption="Kim Jong Un walks with Vladimir Putin.",
        credit="Gavriil Grigorov / POOL / AFP",
        alt_text="Two leaders walking",
    )
    return ArticleFactory(
        headline="North Korea sends migrants to Russia",
        dek="About 15,000 labor migrants, the WSJ reports.",
        section=SectionFactory(name="News Feed", slug="news-feed"),
        authors=[editor, desk],
        tags=["North Korea", "Russia"],
        lead_image=image,
    )


class TestArticleMetadata:
    def test_open_graph_and_twitter_tags(self, client, seed_like_article):
        article = seed_like_article
        head = head_of(client.get(article.get_absolute_url()))
        url = f"http://testserver{article.get_absolute_url()}"

        assert head.title == "North Korea sends migrants to Russia — The Newsroom"
        assert head.meta["description"] == "About 15,000 labor migrants, the WSJ reports."
        assert head.links["canonical"] == url
        assert "max-image-preview:large" in head.meta["robots"]
        assert head.meta["og:type"] == "article"
        assert head.meta["og:title"] == article.headline
        assert head.meta["og:url"] == url
        assert re.match(r"^http://testserver/media/renditions/.+\.jpeg$", head.meta["og:image"])
        assert (head.meta["og:image:width"], head.meta["og:image:height"]) == ("1200", "630")
        published_time = timezone.localtime(article.published_at).isoformat(timespec="seconds")
        assert head.meta["article:published_time"] == published_time
        assert head.meta["article:modified_time"] == published_time
        assert head.meta_lists["article:author"] == [
            "http://testserver/authors/kateryna-hodunova/",
            "http://testserver/authors/news-desk/",
        ]
        assert head.meta["article:section"] == "News Feed"
        assert sorted(head.meta_lists["article:tag"]) == ["North Korea", "Russia"]
        assert head.meta["twitter:card"] == "summary_large_image"

    def test_json_ld_has_what_article_rich_results_ask_for(self, client, seed_like_article):
        article = seed_like_article
        Correction.objects.create(article=article, text="An earlier version misspelled a name.")
        head = head_of(client.get(article.get_absolute_url()))
        data, breadcrumbs = head.json_ld
        url = f"http://testserver{article.get_absolute_url()}"

        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "NewsArticle"
        assert data["headline"] == article.headline
        assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
        published_time = timezone.localtime(article.published_at).isoformat(timespec="seconds")
        assert data["datePublished"] == published_time
        assert data["dateModified"] == published_time
        assert data["author"] == [
            {
                "@type": "Person",
                "name": "Kateryna Hodunova",
                "url": "http://testserver/authors/kateryna-hodunova/",
                "jobTitle": "News Editor",
            },
            {
                "@type": "Organization",
                "name": "The news desk",
                "url": "http://testserver/authors/news-desk/",
            },
        ]
        publisher = data["publisher"]
        assert publisher["name"] == "The Newsroom"
        assert publisher["logo"]["url"].startswith("http://testserver/static/img/logo")
        assert (publisher["logo"]["width"], publisher["logo"]["height"]) == (512, 512)
        shapes = [(image["width"], image["height"]) for image in data["image"]]
        assert shapes == [(1200, 675), (1200, 900), (1200, 1200)]
        for image in data["image"]:
            assert image["@type"] == "ImageObject"
            assert image["caption"] == "Kim Jong Un walks with Vladimir Putin."
            assert image["creditText"] == "Gavriil Grigorov / POOL / AFP"
            assert image["url"].startswith("http://testserver/media/")
        assert data["correction"][0]["@type"] == "CorrectionComment"
        assert "misspelled a name" in data["correction"][0]["text"]
        assert [step["name"] for step in breadcrumbs["itemListElement"]] == [
            "Home",
            "News Feed",
            article.headline,
        ]

    def test_json_ld_leaves_out_what_the_article_does_not_have(self, client):
        """No dek, tags, picture or corrections: no description, keywords, image or correction."""
        article = ArticleFactory(dek="", tags=[], lead_image=None)
        json_ld = head_of(client.get(article.get_absolute_url())).json_ld
        (data,) = [node for node in json_ld if node["@type"] == "NewsArticle"]
        assert not {"description", "keywords", "image", "correction"} & set(data)

    def test_json_ld_cannot_be_broken_out_of(self, client):
        article = ArticleFactory(headline="</script><script>alert(1)</script>", dek="a & b")
        content = client.get(article.get_absolute_url()).content.decode()
        assert "</script><script>alert(1)" not in content
        data, breadcrumbs = head_of(client.get(article.get_absolute_url())).json_ld
        assert data["headline"] == "</script><script>alert(1)</script>"
        assert breadcrumbs["itemListElement"][-1]["name"] == data["headline"]

    def test_site_url_setting_makes_canonical_links(self, client, settings, seed_like_article):
        settings.SITE_URL = "https://news.example.org"
        head = head_of(client.get(seed_like_article.get_absolute_url()))
        assert head.links["canonical"] == (
            f"https://news.example.org{seed_like_article.get_absolute_url()}"
        )
        assert head.json_ld[0]["publisher"]["url"] == "https://news.example.org/"


class TestEveryPublicPage:
    @pytest.mark.parametrize("page", ["feed", "section", "tag", "author"])
    def test_has_title_description_canonical_and_social_tags(self, client, page):
        author = AuthorFactory(slug="someone", bio="Writes about energy.")
        article = ArticleFactory(tags=["Energy"], authors=[author])
        url = {
            "feed": reverse("frontpage:front"),
            "section": article.section.get_absolute_url(),
            "tag": reverse("articles:tag", args=["energy"]),
            "author": author.get_absolute_url(),
        }[page]

        head = head_of(client.get(url))

        assert head.title.strip()
        assert head.meta["description"]
        assert head.links["canonical"] == f"http://testserver{url}"
        assert head.meta["og:title"] and head.meta["og:image"] and head.meta["og:url"]
        assert head.meta["twitter:card"] == "summary_large_image"

    def test_continuation_pages_are_not_indexed(self, client):
        for _ in range(26):  # the front's top five, then a page of twenty and more
            ArticleFactory()
        first = client.get(reverse("frontpage:front"))
        second = client.get(
            reverse("frontpage:front"), {"before": first.context["page"].next_cursor}
        )
        assert "noindex" not in head_of(first).meta["robots"]
        assert head_of(second).meta["robots"] == "noindex, follow"
        assert head_of(second).links["canonical"] == "http://testserver/"

    def test_error_pages_are_not_indexed(self, client):
        head = head_of(client.get("/news/nothing-here/"))
        assert head.meta["robots"] == "noindex, follow"


class TestStableUrls:
    def test_every_old_slug_answers_301_to_the_current_address(self, client):
        article = ArticleFactory(slug="first-slug")
        for new_slug in ("second-slug", "third-slug"):
            article.slug = new_slug
            article.save()

        for old in ("first-slug", "second-slug"):
            response = client.get(reverse("articles:detail", args=[old]))
            assert response.status_code == 301
            assert response["Location"] == "/news/third-slug/"
        assert client.get("/news/third-slug/").status_code == 200

    def test_old_slug_of_an_unpublished_article_stays_hidden(self, client):
        article = draft(slug="draft-slug")
        article.slug = "renamed-draft"
        article.save()
        assert client.get("/news/draft-slug/").status_code == 404

    def test_withdrawn_article_answers_410_gone(self, client, django_user_model):
        editor = django_user_model.objects.create_superuser("chief", "chief@example.org", "pw")
        article = ArticleFactory(headline="A story we took down")
        publishing.unpublish_article(article=article, editor=editor)

        response = client.get(article.get_absolute_url())

        assert response.status_code == 410
        assert "This story has been withdrawn" in response.content.decode()
        assert "A story we took down" not in response.content.decode()
        assert Article.objects.get(pk=article.pk).withdrawn_at is not None

    def test_a_draft_that_was_never_published_is_a_plain_404(self, client):
        assert client.get(draft().get_absolute_url()).status_code == 404

    def test_republished_article_is_served_again(self, client, django_user_model):
        editor = django_user_model.objects.create_superuser("chief", "chief@example.org", "pw")
        article = ArticleFactory(authors=[AuthorFactory()])
        publishing.unpublish_article(article=article, editor=editor)
        publishing.publish_article(article=article, editor=editor)
        assert client.get(article.get_absolute_url()).status_code == 200
