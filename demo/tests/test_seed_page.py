"""The demo reproduces the seed page (shared/seeds/000_403746959bcb0950.txt) as readers see it."""

import html
import io
import re

import pytest
from django.core.management import call_command
from django.utils.html import strip_tags

from demo.tests.test_load_demo import assert_different_stories

pytestmark = pytest.mark.django_db

SEED_URL = (
    "/news/north-korea-sends-nearly-15000-migrants-to-russia-to-cover-labor-market-shortage-"
    "wsj-reports/"
)


@pytest.fixture
def demo():
    call_command("load_demo", "--articles", "45", "--no-logins", stdout=io.StringIO())


def visible_text(response):
    return re.sub(r"\s+", " ", html.unescape(strip_tags(response.content.decode())))


def test_seed_article_and_feed_read_like_the_seed(client, demo):
    response = client.get(SEED_URL)
    text = visible_text(response)

    assert response.status_code == 200
    assert (
        "North Korea sends nearly 15,000 migrants to Russia to cover labor market shortage, "
        "WSJ reports" in text
    )
    assert "2 min read" in text
    assert (
        "Putin's arrival in Pyongyang, North Korea early on June 19, 2024. "
        "(Gavriil Grigorov / POOL / AFP)" in text
    )
    assert "South Korean lawmaker Lee Seong-kweun said on April 30" in text
    author_box = re.search(
        r'<aside class="author-box".*?</aside>', response.content.decode(), re.S
    ).group()
    assert "Kateryna Hodunova" in author_box
    assert "News Editor" in author_box
    assert "deputy chief editor at Suspilne Sport" in author_box
    assert 'href="/authors/kateryna-hodunova/"' in author_box
    assert "Who are Russia’s allies, and can Kremlin’s war machine survive without them?" in text
    # Read more lists different stories, not one story with its numbers changed.
    listed = [story.headline for story in response.context["read_more"].listed]
    assert len(listed) == 4
    assert_different_stories(listed)
    assert "Russia’s defense industry has adapted to a new normal" in text

    # One demo load serves both pages: loading it is the slow part.
    response = client.get("/")
    text = visible_text(response)
    # The demo places the seed story as lead and its related story first among the top stories;
    # the newest story, Nikopol, comes next, where the seed page's feed begins.
    assert response.context["lead"].headline.startswith("North Korea sends nearly 15,000")
    # The seed story has no dek (nor has its page): its opening paragraph introduces it.
    assert "North Korea sent about 15,000 labor migrants to Russia to cover" in text
    assert "Nikopol" in response.context["top_stories"][1].headline
    assert "Ignatius Ivlev-Yorke spent a day with a mobile team" in text
    assert "Show more" in text
