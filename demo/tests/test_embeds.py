"""The demo's embeds: resolved from its data file, with local thumbnails, loaded twice alike."""

import io
import re

import pytest
from django.core.management import call_command

from articles.models import Article
from embeds.models import Embed

pytestmark = pytest.mark.django_db

ALLIES_URL = "/news/who-are-russias-allies-and-can-kremlins-war-machine-survive-without-them/"


def load():
    call_command("load_demo", "--articles", "0", "--no-logins", stdout=io.StringIO())


def test_the_allies_story_shows_a_video_a_chart_and_a_post(client):
    load()

    response = client.get(ALLIES_URL)

    page = response.content.decode()
    assert response.status_code == 200
    kinds = re.findall(r'data-embed-provider="(\w+)"', page)
    assert kinds == ["youtube", "datawrapper", "telegram"]
    for label in ("YouTube", "Datawrapper", "Telegram"):
        assert f"Load from {label}" in page
    assert all(
        embed.status == Embed.Status.RESOLVED and embed.thumbnail.renditions.exists()
        for embed in Embed.objects.all()
    )
    frame_src = response["Content-Security-Policy"].split("frame-src ")[1].split(";")[0]
    assert (
        frame_src == "https://datawrapper.dwcdn.net https://t.me https://www.youtube-nocookie.com"
    )


def test_loading_again_keeps_one_of_each_embed():
    load()
    body = Article.objects.get(slug__startswith="who-are-russias-allies").body
    embeds = list(Embed.objects.values_list("url", "thumbnail_id").order_by("url"))

    load()

    assert Article.objects.get(slug__startswith="who-are-russias-allies").body == body
    assert list(Embed.objects.values_list("url", "thumbnail_id").order_by("url")) == embeds
    assert body.count("<p><a href=") >= 3
