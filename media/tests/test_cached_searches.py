"""Search reads a lead picture's caption: its changes reach the cached searches."""

import pytest

from articles.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def story_led_by_a_picture(caption):
    from media.tests.factories import ImageFactory

    picture = ImageFactory(caption=caption)
    ArticleFactory(headline="Summit ends without a deal", lead_image=picture)
    return picture


def cached_search(client, terms):
    client.get("/search/", {"q": terms})
    cached = client.get("/search/", {"q": terms})
    assert cached["X-Cache"] == "hit"
    return cached.content.decode()


def test_a_lead_pictures_new_caption_reaches_cached_searches(client, page_cache):
    """Search reads the lead picture's caption: rewording it can add a story to any search."""
    picture = story_led_by_a_picture("Delegates arrive in Vladivostok.")
    assert "Summit ends without a deal" not in cached_search(client, "Kim Jong Un")

    picture.caption = "Kim Jong Un arrives in Vladivostok."
    picture.save()

    response = client.get("/search/", {"q": "Kim Jong Un"})
    assert response["X-Cache"] == "miss"
    assert "Summit ends without a deal" in response.content.decode()


def test_deleting_a_lead_picture_reaches_cached_searches(client, page_cache):
    picture = story_led_by_a_picture("Kim Jong Un arrives in Vladivostok.")
    assert "Summit ends without a deal" in cached_search(client, "Vladivostok")

    picture.delete()

    response = client.get("/search/", {"q": "Vladivostok"})
    assert response["X-Cache"] == "miss"
    assert "Summit ends without a deal" not in response.content.decode()
