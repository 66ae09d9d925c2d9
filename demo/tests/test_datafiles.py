"""The demo's data files read into its dataclasses, and a mistake in one is named, not loaded."""

import dataclasses
import datetime
import json
import re
import zoneinfo

import pytest

from demo import content, datafiles, filler
from demo.content import AuthorSpec, Newsroom, Stories, StorySpec

KYIV = zoneinfo.ZoneInfo("Europe/Kyiv")
STORY = {
    "headline": "Grid repairs are behind schedule",
    "section": "business",
    "byline": ["iryna-kravets"],
    "paragraphs": ["Repairs are running late."],
    "published_ago_minutes": 30,
}


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(datafiles, "DATA_DIR", tmp_path)
    return tmp_path


def write(data_dir, name, data):
    (data_dir / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def read_story(data_dir, **changes):
    write(data_dir, "story.json", {**STORY, **changes})
    return datafiles.read("story.json", StorySpec)


def test_the_seed_stories_keep_their_words_and_times():
    seed, allies, nikopol = content.STORIES.seed, content.STORIES.allies, content.STORIES.nikopol
    assert seed.published_at == datetime.datetime(2025, 5, 5, 14, 47, tzinfo=KYIV)
    assert seed.paragraphs[2].startswith("North Korea has been one of Russia's staunchest")
    assert allies.headline == (
        "Who are Russia’s allies, and can Kremlin’s war machine survive without them?"
    )
    assert nikopol.published_ago == datetime.timedelta(minutes=20)
    assert nikopol.published_at is None
    scheduled = [spec.scheduled_in for spec in content.STORIES.desk_queue if spec.scheduled_in]
    assert scheduled == [datetime.timedelta(hours=3), datetime.timedelta(days=1)]
    assert all(isinstance(spec.byline, tuple) for spec in content.STORIES.desk_queue)


def test_a_story_reads_into_its_dataclass(data_dir):
    story = read_story(data_dir, tags=["Energy"], scheduled_in_hours=None)

    assert story == StorySpec(
        headline="Grid repairs are behind schedule",
        section="business",
        byline=("iryna-kravets",),
        paragraphs=("Repairs are running late.",),
        tags=("Energy",),
        published_ago_minutes=30,
    )
    assert story.slug == "grid-repairs-are-behind-schedule"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"subtitle": "x"}, "story.json: unknown field(s) subtitle"),
        ({"byline": "iryna-kravets"}, "story.json: byline: expected a list"),
        ({"paragraphs": ["One.", 2]}, "story.json: paragraphs[1]: expected str, found 2"),
        ({"published_ago_minutes": True}, "story.json: published_ago_minutes: expected int"),
        ({"published_ago_minutes": "30"}, "published_ago_minutes: expected int, found '30'"),
        ({"published_at": "2025-05-05T14:47:00"}, "needs its UTC offset"),
        ({"published_at": "5 May 2025"}, "is not an ISO 8601 date and time"),
        ({"published_at": "2025-05-05T14:47:00+03:00"}, "a published story has one timing"),
        ({"status": "draft"}, "a draft story has no timing"),
        ({"status": "archived"}, "no status 'archived'"),
    ],
)
def test_a_mistake_in_a_story_is_named_with_its_place(data_dir, changes, message):
    with pytest.raises(datafiles.DemoDataError, match=re.escape(message)):
        read_story(data_dir, **changes)


def test_a_missing_field_is_named(data_dir):
    write(data_dir, "story.json", {key: STORY[key] for key in ("headline", "section")})

    with pytest.raises(datafiles.DemoDataError, match=r"missing field\(s\) byline, paragraphs"):
        datafiles.read("story.json", StorySpec)


def test_a_colour_needs_three_values_and_a_flag_a_boolean(data_dir):
    author = {"name": "Olena Marchenko", "role": "Reporter", "bio": "Reports."}
    write(data_dir, "author.json", {**author, "portrait_color": [150, 72]})
    with pytest.raises(datafiles.DemoDataError, match="portrait_color: expected 3 items"):
        datafiles.read("author.json", AuthorSpec)

    write(data_dir, "author.json", {**author, "portrait_color": [1, 2, 3], "is_desk": 1})
    with pytest.raises(datafiles.DemoDataError, match="is_desk: expected bool, found 1"):
        datafiles.read("author.json", AuthorSpec)


def test_a_file_that_is_not_json_is_named(data_dir):
    (data_dir / "broken.json").write_text('{"headline": ', encoding="utf-8")

    with pytest.raises(datafiles.DemoDataError, match="broken.json: not valid JSON"):
        datafiles.read("broken.json", StorySpec)


def test_a_story_naming_an_unknown_author_or_tag_is_refused():
    story = dataclasses.replace(content.STORIES.seed, byline=("nobody",), tags=("War", "Peace"))
    stories = dataclasses.replace(content.STORIES, seed=story)

    with pytest.raises(datafiles.DemoDataError, match="seed names unknown") as refused:
        content.check_references(content.NEWSROOM, stories)
    assert "'nobody'" in str(refused.value) and "'Peace'" in str(refused.value)


def test_filler_naming_an_unknown_picture_is_refused():
    [template, *others] = filler.WORDS.templates["culture"]
    odd = dataclasses.replace(template, pictures=("mural",))
    templates = {**filler.WORDS.templates, "culture": (odd, *others)}

    with pytest.raises(datafiles.DemoDataError, match=r"'pictures': \['mural'\]"):
        filler.check_references(dataclasses.replace(filler.WORDS, templates=templates))


def test_every_filler_template_is_filled_in():
    """Round 0 of the pool tells every story once; none keeps a placeholder unfilled."""
    spring = datetime.datetime(2026, 4, 1, tzinfo=datetime.UTC)
    stories = [filler.filler_story(n, published_at=spring) for n in range(len(filler.POOL))]

    assert len({(story.section, story.dek) for story in stories}) == len(filler.POOL)
    for story in stories:
        assert "{" not in story.headline + story.dek + story.body, story.slug


def test_the_newsroom_file_has_the_seed_pages_people():
    newsroom = datafiles.read("newsroom.json", Newsroom)
    stories = datafiles.read("stories.json", Stories)

    kateryna = next(author for author in newsroom.authors if author.slug == stories.seed.byline[0])
    assert (kateryna.name, kateryna.role) == ("Kateryna Hodunova", "News Editor")
    assert [author.is_desk for author in newsroom.authors].count(True) == 1
