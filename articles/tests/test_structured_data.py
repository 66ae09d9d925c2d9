"""The JSON-LD of every indexed kind of page, read from the HTML as a crawler reads it and checked
against what Google's rich results ask of each type."""

import pytest
from django.urls import reverse

from articles.tests.factories import ArticleFactory, SectionFactory
from articles.tests.test_metadata import head_of
from authors.tests.factories import AuthorFactory
from media.tests.factories import ImageFactory

pytestmark = pytest.mark.django_db
ORIGIN = "http://testserver"


def nodes(response):
    """Every typed node of the page's JSON-LD, ``@graph`` members included."""
    assert response.status_code == 200
    found = []
    for document in head_of(response).json_ld:
        assert document["@context"] == "https://schema.org"
        found += document.get("@graph", [document])
    return found


def of_type(response, kind):
    (node,) = [node for node in nodes(response) if node["@type"] == kind]
    return node


def empty_properties(value, path="$"):
    """Where the JSON-LD says nothing: an empty string, list or object, or a null."""
    if value is None or value in ("", [], {}):
        return [path]
    if isinstance(value, dict):
        return [p for name, item in value.items() for p in empty_properties(item, f"{path}.{name}")]
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in empty_properties(item, f"{path}[{i}]")]
    return []


def assert_breadcrumbs(response, names, last_url):
    trail = of_type(response, "BreadcrumbList")["itemListElement"]
    assert [step["@type"] for step in trail] == ["ListItem"] * len(names)
    assert [step["position"] for step in trail] == list(range(1, len(names) + 1))
    assert [step["name"] for step in trail] == names
    assert trail[0]["item"] == f"{ORIGIN}/"
    assert trail[-1]["item"] == f"{ORIGIN}{last_url}"
    assert all(step["item"].startswith(f"{ORIGIN}/") for step in trail)


@pytest.fixture
def story():
    author = AuthorFactory(name="Kateryna Hodunova", slug="kateryna-hodunova", bio="")
    return ArticleFactory(
        headline="North Korea sends migrants to Russia",
        dek="",
        section=SectionFactory(name="News Feed", slug="news-feed"),
        authors=[author],
        tags=["North Korea"],
        lead_image=ImageFactory(caption="", credit="AFP"),
    )


def test_the_front_page_names_the_publisher_and_how_to_search_the_site(client, settings, story):
    settings.SITE_SOCIAL_URLS = ["https://x.com/newsroom", "https://t.me/newsroom"]
    response = client.get(reverse("frontpage:front"))

    publisher = of_type(response, "NewsMediaOrganization")
    assert publisher["name"] == "The Newsroom"
    assert publisher["url"] == f"{ORIGIN}/"
    assert publisher["logo"]["@type"] == "ImageObject"
    assert publisher["logo"]["url"].startswith(f"{ORIGIN}/static/img/logo")
    # Google asks for a logo of at least 112 × 112 pixels.
    assert min(publisher["logo"]["width"], publisher["logo"]["height"]) >= 112
    assert publisher["sameAs"] == ["https://x.com/newsroom", "https://t.me/newsroom"]

    site = of_type(response, "WebSite")
    assert site["url"] == f"{ORIGIN}/"
    assert site["name"] == "The Newsroom"
    assert site["publisher"] == {"@id": publisher["@id"]}
    search = site["potentialAction"]
    assert search["@type"] == "SearchAction"
    assert search["target"]["urlTemplate"] == f"{ORIGIN}/search/?q={{search_term_string}}"
    assert search["query-input"] == "required name=search_term_string"
    assert empty_properties(head_of(response).json_ld) == []


def test_a_search_from_the_site_s_search_action_finds_the_story(client, story):
    template = of_type(client.get("/"), "WebSite")["potentialAction"]["target"]["urlTemplate"]
    url = template.replace("{search_term_string}", "migrants").removeprefix(ORIGIN)
    response = client.get(url)
    assert response.status_code == 200
    assert story.headline in response.content.decode()


def test_a_continuation_of_the_front_page_repeats_no_site_description(client):
    for _ in range(26):
        ArticleFactory()
    first = client.get("/")
    second = client.get("/", {"before": first.context["page"].next_cursor})
    assert head_of(second).json_ld == []


def test_an_article_is_a_news_article_with_a_breadcrumb_trail(client, story):
    response = client.get(story.get_absolute_url())

    article = of_type(response, "NewsArticle")
    for required in ("headline", "datePublished", "dateModified", "author", "publisher", "image"):
        assert article[required], required
    assert "description" not in article
    assert all(author["@type"] == "Person" and author["name"] for author in article["author"])
    assert "caption" not in article["image"][0]
    assert article["image"][0]["creditText"] == "AFP"
    assert article["publisher"]["logo"]["width"] >= 112
    assert_breadcrumbs(response, ["Home", "News Feed", story.headline], story.get_absolute_url())
    assert empty_properties(head_of(response).json_ld) == []


def test_the_article_page_shows_the_breadcrumb_it_describes(client, story):
    content = client.get(story.get_absolute_url()).content.decode()
    assert (
        '<nav class="breadcrumb" aria-label="Breadcrumb"><ol>'
        '<li><a href="/">Home</a></li>'
        '<li><a href="/sections/news-feed/">News Feed</a></li>'
        "</ol></nav>"
    ) in content


@pytest.mark.parametrize("page", ["section", "tag", "author"])
def test_list_pages_carry_their_breadcrumb_trail(client, story, page):
    url, name = {
        "section": ("/sections/news-feed/", "News Feed"),
        "tag": ("/tags/north-korea/", "North Korea"),
        "author": ("/authors/kateryna-hodunova/", "Kateryna Hodunova"),
    }[page]
    response = client.get(url)
    assert_breadcrumbs(response, ["Home", name], url)
    assert empty_properties(head_of(response).json_ld) == []


def test_an_author_without_a_bio_or_profiles_has_no_empty_properties(client, story):
    response = client.get("/authors/kateryna-hodunova/")
    person = of_type(response, "ProfilePage")["mainEntity"]
    assert person["name"] == "Kateryna Hodunova"
    assert not {"description", "sameAs"} & set(person)
