import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article
from demo.live import BLOG
from live.models import LiveUpdate

pytestmark = pytest.mark.django_db


def load_demo():
    call_command("load_demo", "--articles", "5", "--no-logins", stdout=io.StringIO())


def test_demo_has_a_live_blog_with_a_day_of_updates_and_key_events(client):
    load_demo()
    story = Article.objects.published().get(slug=BLOG.slug)
    assert story.is_live is True
    updates = LiveUpdate.objects.published().filter(article=story)
    assert updates.count() == len(BLOG.updates) >= 10
    assert updates.filter(is_key_event=True).count() >= 3
    first, last = updates.order_by("published_at")[0], updates.order_by("published_at").last()
    assert (last.published_at - first.published_at).total_seconds() > 6 * 3600
    assert story.live_updated_at == last.published_at
    html = client.get(reverse("articles:detail", args=[BLOG.slug])).content.decode()
    assert "Key events" in html
    assert "Russian forces open fire on Nikopol" in html
    assert "She is 59." in html
    assert updates.filter(image__isnull=False).count() == 1
    allies = Article.objects.get(slug__startswith="who-are-russias-allies")
    link = f'<a href="{allies.get_absolute_url()}" rel="noopener noreferrer">Read our explainer</a>'
    assert link in html
    front = client.get(reverse("frontpage:front")).content.decode()
    assert '<span class="live-mark">Live</span>' in front
    # The front's demo steers readers to the live story from a top slot.
    assert story in client.get(reverse("frontpage:front")).context["top_stories"]


def test_loading_the_demo_again_adds_nothing():
    load_demo()
    before = list(LiveUpdate.objects.order_by("pk").values_list("pk", "title", "published_at"))
    load_demo()
    after = list(LiveUpdate.objects.order_by("pk").values_list("pk", "title", "published_at"))
    assert after == before
    assert Article.objects.filter(slug=BLOG.slug).count() == 1
