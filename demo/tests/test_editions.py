"""The demo's Ukrainian edition: loaded when the site runs it, and only then."""

import html
import io
import json
import re

import pytest
from django.core.management import call_command
from django.utils.html import strip_tags

from articles.models import Article, ArticleAuthor, Section, SectionName, TaggedArticle, TagName
from authors.models import Author, AuthorText
from demo import content, datafiles, editions
from demo.editions import EDITIONS
from frontpage.models import FrontSlot
from website.transliteration import latin_slug

UK = EDITIONS["uk"]
UK_SEED = UK.translations["seed"]
UK_SEED_HEADLINE = (
    "Північна Корея відправила до Росії майже 15 тисяч мігрантів, щоб покрити нестачу робочої "
    "сили, — WSJ"
)


def load_demo():
    output = io.StringIO()
    call_command("load_demo", "--articles", "3", "--no-logins", stdout=output)
    return output.getvalue()


def edition_snapshot():
    return {
        "articles": list(
            Article.objects.order_by("slug").values_list(
                "slug",
                "language",
                "translation_key",
                "headline",
                "body",
                "status",
                "published_at",
                "lead_image_id",
                "lead_image_caption",
                "lead_image_credit",
            )
        ),
        "bylines": sorted(
            ArticleAuthor.objects.values_list("article__slug", "author__slug", "language")
        ),
        "tags": sorted(
            TaggedArticle.objects.values_list("content_object__slug", "tag__name", "language")
        ),
        "section_names": sorted(
            SectionName.objects.values_list("section__slug", "language", "name", "description")
        ),
        "tag_names": sorted(TagName.objects.values_list("tag__name", "language", "name")),
        "author_texts": sorted(
            AuthorText.objects.values_list("author__slug", "language", "role", "bio")
        ),
    }


@pytest.mark.django_db
class TestLoaded:
    def test_the_ukrainian_edition_holds_the_seed_translation_and_its_own_stories(self):
        output = load_demo()

        ukrainian = Article.objects.published().filter(language="uk")
        assert ukrainian.count() == 1 + len(UK.stories) == 6
        english_seed = Article.objects.get(slug=content.STORIES.seed.slug)
        translation = ukrainian.get(slug=UK_SEED.slug)
        assert english_seed.language == "en"
        assert translation.translation_key == english_seed.translation_key
        assert translation.headline == UK_SEED_HEADLINE
        assert translation.get_absolute_url() == f"/uk/news/{UK_SEED.slug}/"
        assert f"Edition uk: 6 stories, the first at /uk/news/{UK_SEED.slug}/" in output
        assert translation.lead_image == english_seed.lead_image
        assert translation.lead_caption_with_credit == (
            "Лідер Північної Кореї Кім Чен Ин (ліворуч) іде поруч із президентом Росії "
            "Володимиром Путіним невдовзі після прибуття Путіна до Пхеньяна, КНДР, рано-вранці "
            "19 червня 2024 року. (Гавриїл Григоров / POOL / AFP)"
        )
        assert set(translation.tags.names()) == set(english_seed.tags.names())
        # Every Ukrainian story keeps a key of its own: no English story claims it.
        own = ukrainian.exclude(pk=translation.pk).values_list("translation_key", flat=True)
        assert not Article.objects.filter(language="en", translation_key__in=own).exists()

    def test_the_ukrainian_stories_are_in_the_ukrainian_lists_of_their_authors_and_tags(self):
        load_demo()

        hodunova = Author.objects.get(slug="kateryna-hodunova")
        in_uk = Article.objects.published().listed_under("bylines", author=hodunova, edition="uk")
        in_en = Article.objects.published().listed_under("bylines", author=hodunova, edition="en")
        assert list(in_uk.values_list("slug", flat=True)) == [UK_SEED.slug]
        assert UK_SEED.slug not in in_en.values_list("slug", flat=True)
        assert set(
            ArticleAuthor.objects.filter(article__language="uk").values_list("language", flat=True)
        ) == {"uk"}
        assert set(
            TaggedArticle.objects.filter(content_object__language="uk").values_list(
                "language", flat=True
            )
        ) == {"uk"}

    def test_sections_tags_and_authors_have_their_ukrainian_words(self):
        load_demo()

        names = dict(SectionName.objects.filter(language="uk").values_list("section__slug", "name"))
        assert set(names) == set(Section.objects.values_list("slug", flat=True))
        assert names["news-feed"] == "Стрічка новин"
        tags = dict(TagName.objects.filter(language="uk").values_list("tag__name", "name"))
        assert tags["North Korea"] == "Північна Корея"
        for article in Article.objects.filter(language="uk"):
            assert set(article.tags.names()) <= set(tags)
        hodunova = AuthorText.objects.get(author__slug="kateryna-hodunova", language="uk")
        assert hodunova.role == "Редакторка новин"
        assert hodunova.bio.startswith("Катерина Годунова — редакторка новин Kyiv Independent.")
        assert AuthorText.objects.filter(language="uk").count() == len(content.AUTHORS)

    def test_each_edition_has_its_own_front_page_led_by_its_seed_story(self, client):
        load_demo()

        english_front = client.get("/").content.decode()
        ukrainian_front = client.get("/uk/").content.decode()
        leads = FrontSlot.objects.filter(position=FrontSlot.Position.LEAD)
        assert dict(leads.values_list("language", "article__slug")) == {
            "en": content.STORIES.seed.slug,
            "uk": UK_SEED.slug,
        }
        ukrainian_top = FrontSlot.objects.get(language="uk", position=FrontSlot.Position.TOP_1)
        assert ukrainian_top.article.language == "uk"
        assert ukrainian_top.article.headline in ukrainian_front
        assert UK_SEED_HEADLINE in ukrainian_front
        assert UK_SEED_HEADLINE not in english_front
        # Loading again leaves each edition's front as it was.
        load_demo()
        assert FrontSlot.objects.filter(language="uk").count() == 2

    def test_some_english_stories_stay_untranslated(self):
        load_demo()

        for name in ("allies", "nikopol"):
            story = Article.objects.get(slug=content.STORIES.named()[name].slug)
            assert (
                Article.objects.filter(translation_key=story.translation_key)
                .exclude(pk=story.pk)
                .count()
                == 0
            )

    def test_loading_again_changes_nothing(self):
        load_demo()
        first = edition_snapshot()

        load_demo()

        assert edition_snapshot() == first

    def test_a_one_language_site_loads_no_ukrainian_word(self, settings):
        settings.LANGUAGES = [("en", "English")]
        settings.LANGUAGE_CODE = "en"

        output = load_demo()

        assert Article.objects.exclude(language="en").count() == 0
        assert not Article.objects.filter(slug=UK_SEED.slug).exists()
        assert not SectionName.objects.exists()
        assert not TagName.objects.exists()
        assert not AuthorText.objects.exists()
        assert "Edition" not in output


@pytest.mark.django_db
def test_the_ukrainian_seed_page_reads_in_ukrainian(client):
    load_demo()

    response = client.get(f"/uk/news/{UK_SEED.slug}/")

    assert response.status_code == 200
    text = re.sub(r"\s+", " ", html.unescape(strip_tags(response.content.decode())))
    assert UK_SEED_HEADLINE in text
    assert (
        "Північна Корея відправила до Росії близько 15 тисяч трудових мігрантів, щоб покрити "
        "нестачу робочої сили в країні" in text
    )
    assert "заявив 30 квітня південнокорейський депутат Лі Сон Гвон" in text
    assert "(Гавриїл Григоров / POOL / AFP)" in text
    assert "North Korea sent about 15,000 labor migrants" not in text


class TestData:
    def test_the_seed_translation_keeps_every_paragraph_and_the_original_facts(self):
        seed = content.STORIES.seed
        spec = UK_SEED.story
        assert len(spec.paragraphs) == len(seed.paragraphs) == 11
        assert (spec.section, spec.byline, spec.tags, spec.picture) == (
            seed.section,
            seed.byline,
            seed.tags,
            seed.picture,
        )
        # The figures of each paragraph, as Ukrainian writes them: "2,4" for 2.4, "12 тисяч"
        # for 12,000.
        for english, ukrainian in zip(seed.paragraphs, spec.paragraphs, strict=True):
            figures = re.findall(r"\d+(?:[.,]\d+)?", english)
            for figure in figures:
                if "," in figure and figure.endswith("000"):
                    figure = figure.split(",")[0]
                assert figure.replace(",", "").replace(".", ",") in ukrainian, (figure, ukrainian)

    def test_ukrainian_slugs_are_the_desks_transliteration_of_the_headline(self):
        # What the desk would make of the headline (website.transliteration, KMU 2010).
        for item in UK.all_stories():
            assert item.slug == latin_slug(item.story.headline)

    def test_every_section_is_named_and_every_tag_of_a_story_too(self, tmp_path, monkeypatch):
        data = json.loads((datafiles.DATA_DIR / "edition-uk.json").read_text(encoding="utf-8"))
        monkeypatch.setattr(datafiles, "DATA_DIR", tmp_path)
        del data["sections"]["culture"]
        del data["tags"]["Odesa"]
        data["stories"][0]["slug"] = "Росія-вночі"
        (tmp_path / "edition-uk.json").write_text(json.dumps(data), encoding="utf-8")

        with pytest.raises(datafiles.DemoDataError) as error:
            editions.read_editions()

        message = str(error.value)
        assert "no name for section(s) ['culture']" in message
        assert "tags without a name in this edition: ['Odesa']" in message
        assert "slugs must be lowercase Latin words" in message

    def test_a_file_must_be_named_after_its_language(self, tmp_path, monkeypatch):
        source = datafiles.DATA_DIR / "edition-uk.json"
        monkeypatch.setattr(datafiles, "DATA_DIR", tmp_path)
        (tmp_path / "edition-pl.json").write_text(source.read_text(encoding="utf-8"), "utf-8")

        with pytest.raises(datafiles.DemoDataError, match="edition-pl.json: its language is 'uk'"):
            editions.read_editions()
