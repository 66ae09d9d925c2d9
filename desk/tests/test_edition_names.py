"""Names of sections and tags, and authors' roles and bios, in the editions but the default."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from articles.models import Section, SectionName, TagName
from authors.models import Author, AuthorText

pytestmark = pytest.mark.django_db


def rows(prefix, *forms, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(forms)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1",
    }
    for index, form in enumerate(forms):
        data |= {f"{prefix}-{index}-{name}": value for name, value in form.items()}
    return data


def section_form(*names):
    return {
        "name": "Politics",
        "slug": "politics",
        "description": "",
        "position": "0",
        "in_navigation": "on",
        **rows("names", *names),
    }


def test_a_section_is_named_in_the_other_edition(admin_client):
    page = admin_client.get(reverse("admin:articles_section_add")).content.decode()
    assert "Name in another edition" in page
    assert '<option value="uk">Ukrainian</option>' in page
    assert '<option value="en"' not in page

    response = admin_client.post(
        reverse("admin:articles_section_add"),
        section_form({"language": "uk", "name": "Політика", "description": "Влада і вибори."}),
    )

    assert response.status_code == 302
    section = Section.objects.get(slug="politics")
    assert list(SectionName.objects.values_list("section", "language", "name")) == [
        (section.pk, "uk", "Політика")
    ]


@pytest.mark.parametrize(
    "names",
    [
        # The default edition's name is the section's own.
        [{"language": "en", "name": "Politics again"}],
        [{"language": "de", "name": "Politik"}],
        [{"language": "", "name": "Без мови"}],
        [{"language": "uk", "name": "Політика"}, {"language": "uk", "name": "Ще раз"}],
    ],
)
def test_only_the_other_editions_once_each(admin_client, names):
    response = admin_client.post(reverse("admin:articles_section_add"), section_form(*names))

    assert response.status_code == 200
    assert response.context["errors"]
    assert not Section.objects.exists() and not SectionName.objects.exists()


def test_a_tag_is_named_in_the_other_edition(admin_client):
    tag = Tag.objects.create(name="elections", slug="elections")

    response = admin_client.post(
        reverse("admin:taggit_tag_change", args=[tag.pk]),
        {
            "name": "elections",
            "slug": "elections",
            **rows("names", {"language": "uk", "name": "вибори"}),
            # taggit's own inline, empty: this newsroom's tags hang on articles elsewhere.
            **rows("taggit_taggeditem_items"),
        },
    )

    assert response.status_code == 302
    assert list(TagName.objects.values_list("tag", "language", "name")) == [
        (tag.pk, "uk", "вибори")
    ]


def test_an_authors_role_and_bio_in_the_other_edition(admin_client):
    author = Author.objects.create(name="Olena Writer", slug="olena-writer", role="Reporter")
    url = reverse("admin:authors_author_change", args=[author.pk])
    assert "Role and bio in another edition" in admin_client.get(url).content.decode()

    response = admin_client.post(
        url,
        {
            "name": author.name,
            "slug": author.slug,
            "role": "Reporter",
            "bio": "",
            **rows("texts", {"language": "uk", "role": "Кореспондентка", "bio": "Пише про місто."}),
        },
    )

    assert response.status_code == 302
    text = AuthorText.objects.get()
    assert (text.author, text.language, text.role) == (author, "uk", "Кореспондентка")


def test_one_edition_has_no_other_names_to_give(admin_client, settings):
    settings.LANGUAGES = [("en", "English")]

    page = admin_client.get(reverse("admin:articles_section_add")).content.decode()

    assert "another edition" not in page
