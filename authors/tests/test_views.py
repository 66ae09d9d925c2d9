import pytest
from django.urls import reverse

from articles.tests.factories import ArticleFactory, draft, embargoed, in_review, scheduled
from authors.tests.factories import AuthorFactory
from media.tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


def test_author_page_shows_profile_and_only_published_articles(client):
    author = AuthorFactory(
        name="Kateryna Hodunova",
        role="News Editor",
        bio="Kateryna Hodunova is a News Editor.",
        photo=ImageFactory(alt_text="Portrait of Kateryna Hodunova"),
        x_handle="khodunova",
    )
    ArticleFactory(headline="Her published story", authors=[author])
    ArticleFactory(headline="Someone else's story")
    draft(headline="Her draft", authors=[author])
    in_review(headline="Her story in review", authors=[author])
    scheduled(headline="Her scheduled story", authors=[author])
    embargoed(headline="Her embargoed story", authors=[author])

    response = client.get(author.get_absolute_url())

    assert response.status_code == 200
    assert [a.headline for a in response.context["page"].items] == ["Her published story"]
    content = response.content.decode()
    assert '<h1 class="page-title">Kateryna Hodunova</h1>' in content
    assert "News Editor" in content
    assert 'alt="Portrait of Kateryna Hodunova"' in content
    assert 'href="https://x.com/khodunova"' in content
    for hidden in (
        "Her draft",
        "Her story in review",
        "Her scheduled story",
        "Her embargoed story",
        "Someone else",
    ):
        assert hidden not in content


def test_desk_author_page(client):
    desk = AuthorFactory(name="The news desk", is_desk=True, role="")
    ArticleFactory(headline="Desk brief", authors=[desk])
    content = client.get(desk.get_absolute_url()).content.decode()
    assert "From the desk" in content
    assert "Desk brief" in content


def test_author_articles_continue_from_a_cursor(client):
    author = AuthorFactory()
    articles = [ArticleFactory(authors=[author]) for _ in range(23)]
    first = client.get(author.get_absolute_url())
    second = client.get(author.get_absolute_url(), {"before": first.context["page"].next_cursor})
    listed = [a.headline for a in first.context["page"].items + second.context["page"].items]
    assert listed == [a.headline for a in articles]
    assert client.get(author.get_absolute_url(), {"before": "bad"}).status_code == 400


def test_unknown_author_answers_404(client):
    assert client.get(reverse("authors:detail", args=["nobody"])).status_code == 404


def test_query_count_stays_flat_as_the_author_writes_more(client, django_assert_num_queries):
    author = AuthorFactory(photo=ImageFactory())
    co_author = AuthorFactory()

    def write(count):
        for _ in range(count):
            ArticleFactory(
                authors=[author, co_author], tags=["war", "energy"], lead_image=ImageFactory()
            )

    write(3)
    client.get(author.get_absolute_url())  # the first view makes and stores the renditions
    # navigation, the banner, author with photo, articles, bylines (each image's row indexes
    # its renditions), whether the other edition lists the author too
    with django_assert_num_queries(6):
        client.get(author.get_absolute_url())
    write(30)
    client.get(author.get_absolute_url())
    with django_assert_num_queries(6):
        response = client.get(author.get_absolute_url())
    assert len(response.context["page"].items) == 20


def test_author_page_carries_profile_page_json_ld(client):
    import json
    import re

    author = AuthorFactory(
        name="Kateryna Hodunova",
        slug="kateryna-hodunova",
        role="News Editor",
        bio="Covers breaking news.",
        photo=ImageFactory(),
        x_handle="khodunova",
    )
    ArticleFactory(authors=[author])
    content = client.get(author.get_absolute_url()).content.decode()
    payloads = re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    data, breadcrumbs = (json.loads(payload) for payload in payloads)

    assert data["@type"] == "ProfilePage"
    assert breadcrumbs["@type"] == "BreadcrumbList"
    person = data["mainEntity"]
    assert person["@type"] == "Person"
    assert person["name"] == "Kateryna Hodunova"
    assert person["jobTitle"] == "News Editor"
    assert person["url"] == "http://testserver/authors/kateryna-hodunova/"
    assert person["sameAs"] == ["https://x.com/khodunova"]
    assert person["image"].startswith("http://testserver/media/renditions/")
