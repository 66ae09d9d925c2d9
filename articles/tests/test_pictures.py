"""A story's pictures on reader pages: the renditions exist from the moment the image is saved,
so no reader's request ever draws one (no Pillow, no waiting on a new camera original)."""

import pytest
from django.urls import reverse
from PIL import Image as PILImage

from articles.tests.factories import ArticleFactory
from authors.tests.factories import AuthorFactory
from media.models import Rendition
from media.renditions import SOCIAL_CARD
from media.tests.factories import ImageFactory, uploaded_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def forbid_pillow(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a reader's request opened a picture with Pillow")

    return lambda: monkeypatch.setattr(PILImage, "open", refuse)


def test_the_first_view_of_a_story_with_a_new_large_lead_image_draws_nothing(
    client, forbid_pillow, django_assert_num_queries
):
    lead = ImageFactory(file=uploaded_image(width=3000, height=2000))
    article = ArticleFactory(
        lead_image=lead, authors=[AuthorFactory(photo=ImageFactory())], related=[ArticleFactory()]
    )
    renditions = set(Rendition.objects.values_list("pk", flat=True))
    forbid_pillow()

    # The first view costs exactly what the next, warm one does (10 with the newsletters
    # offered under the story and the story's published translations).
    with django_assert_num_queries(10):
        first = client.get(article.get_absolute_url())
    with django_assert_num_queries(10):
        client.get(article.get_absolute_url())
    for url in (reverse("frontpage:front"), reverse("articles:feed_rss")):
        assert client.get(url).status_code == 200

    assert first.status_code == 200
    share = lead.renditions.get(spec=SOCIAL_CARD, format="jpeg")
    assert f'content="http://testserver{share.file.url}"' in first.text
    assert lead.renditions.get(spec="w1600", format="webp").file.url in first.text
    assert set(Rendition.objects.values_list("pk", flat=True)) == renditions


def test_a_story_whose_image_lost_its_renditions_shows_the_original_and_makes_none(
    client, forbid_pillow
):
    lead = ImageFactory(file=uploaded_image(width=900, height=600))
    lead.renditions.all().delete()
    article = ArticleFactory(lead_image=lead)
    forbid_pillow()

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert f'src="{lead.file.url}"' in response.text
    assert not Rendition.objects.exists()
