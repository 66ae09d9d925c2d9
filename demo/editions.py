"""The demo's other editions: ``data/edition-<language>.json``, loaded when the site runs that
edition (``NEWSROOM_LANGUAGES``), left out otherwise, so a one-language demo stays as it was.

An edition's file holds the names of the demo's sections and tags and the authors' roles and
bios in its language (``SectionName``, ``TagName``, ``AuthorText``), translations of the seed
page's stories (each its own row sharing the original's translation key) and stories of its own.
Its stories name sections, tags, authors and pictures by the default edition's keys; slugs are
written in the file, since a headline in another alphabet gives ``slugify()`` nothing to use.
"""

import re
from dataclasses import dataclass

from articles.models import SectionName, TagName
from authors.models import AuthorText
from demo import content, datafiles
from website.editions import edition_languages

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class SectionText:
    name: str
    description: str


@dataclass(frozen=True)
class AuthorWords:
    role: str
    bio: str


@dataclass(frozen=True)
class EditionStory:
    slug: str
    story: content.StorySpec
    # The lead picture is shared with the default edition; its words are this edition's.
    lead_caption: str = ""
    lead_credit: str = ""


@dataclass(frozen=True)
class Edition:
    language: str
    sections: dict[str, SectionText]
    # The default edition's tag name → this edition's.
    tags: dict[str, str]
    authors: dict[str, AuthorWords]
    # The seed page's story it translates ("seed", "allies", "nikopol") → its translation.
    translations: dict[str, EditionStory]
    stories: tuple[EditionStory, ...]

    def all_stories(self):
        return [*self.translations.values(), *self.stories]


def check_edition(edition, *, name):
    """Every name an edition's file uses exists, and every section and tag it shows is named."""
    sections = {section.slug for section in content.SECTIONS}
    authors = {author.slug for author in content.AUTHORS}
    pictures = {picture.key for picture in content.PICTURES}
    problems = []
    if missing := sorted(sections - set(edition.sections)):
        problems.append(f"no name for section(s) {missing}")
    if unknown := sorted(set(edition.sections) - sections):
        problems.append(f"unknown section(s) {unknown}")
    if unknown := sorted(set(edition.tags) - set(content.TAG_NAMES)):
        problems.append(f"unknown tag(s) {unknown}")
    if unknown := sorted(set(edition.authors) - authors):
        problems.append(f"unknown author(s) {unknown}")
    if unknown := sorted(set(edition.translations) - set(content.STORIES.named())):
        problems.append(f"translations of unknown stories {unknown}")
    slugs = [story.slug for story in edition.all_stories()]
    if bad := [slug for slug in slugs if not SLUG.match(slug)]:
        problems.append(f"slugs must be lowercase Latin words joined by hyphens: {bad}")
    if len(set(slugs)) != len(slugs):
        problems.append("two stories share a slug")
    for item in edition.all_stories():
        spec = item.story
        unknown = [
            *({spec.section} - sections),
            *(set(spec.byline) - authors),
            *({spec.picture} - pictures - {""}),
            *({entry.picture for entry in content.gallery_of(spec)} - pictures),
        ]
        if unknown:
            problems.append(f"{item.slug} names unknown {unknown}")
        if unnamed := sorted(set(spec.tags) - set(edition.tags)):
            problems.append(f"{item.slug} has tags without a name in this edition: {unnamed}")
    if problems:
        raise datafiles.DemoDataError(f"{name}: {'; '.join(problems)}")


def read_editions():
    """Every edition the demo has words for, by language."""
    editions = {}
    for path in sorted(datafiles.DATA_DIR.glob("edition-*.json")):
        edition = datafiles.read(path.name, Edition)
        if path.name != f"edition-{edition.language}.json":
            raise datafiles.DemoDataError(f"{path.name}: its language is {edition.language!r}")
        check_edition(edition, name=path.name)
        editions[edition.language] = edition
    return editions


EDITIONS = read_editions()


def add_demo_editions(build, *, originals):
    """Write the editions the site runs; returns ``{language: [its stories]}``.

    ``originals`` are the seed page's stories by name, as their translations point at them.
    """
    written = {}
    for language in edition_languages():
        edition = EDITIONS.get(language)
        if edition is None:
            continue
        name_sections(edition, build.sections)
        name_tags(edition, build.tags)
        describe_authors(edition, build.authors)
        stories = [
            write_story(build, edition, item, translation_key=originals[name].translation_key)
            for name, item in edition.translations.items()
        ]
        stories += [write_story(build, edition, item) for item in edition.stories]
        written[language] = stories
    return written


def write_story(build, edition, item, *, translation_key=None):
    return build.story(
        item.story,
        slug=item.slug,
        language=edition.language,
        translation_key=translation_key,
        lead_caption=item.lead_caption,
        lead_credit=item.lead_credit,
    )


def name_sections(edition, sections):
    for slug, text in edition.sections.items():
        SectionName.objects.update_or_create(
            section=sections[slug],
            language=edition.language,
            defaults={"name": text.name, "description": text.description},
        )


def name_tags(edition, tags):
    for name, translated in edition.tags.items():
        TagName.objects.update_or_create(
            tag=tags[name], language=edition.language, defaults={"name": translated}
        )


def describe_authors(edition, authors):
    for slug, words in edition.authors.items():
        AuthorText.objects.update_or_create(
            author=authors[slug],
            language=edition.language,
            defaults={"role": words.role, "bio": words.bio},
        )
