"""The cache keys of what article pages and lists show (see delivery.keys).

The receivers in ``articles/invalidation.py`` invalidate the same names, so what a page declares
here and what a change drops stay one vocabulary.
"""

from delivery.keys import NAVIGATION, key
from media.galleries import gallery_image_ids


def card_keys(article):
    """A card, a feed item: the story, its section, lead image and byline."""
    yield key("article", article.pk)
    yield key("section", article.section_id)
    if article.lead_image_id:
        yield key("image", article.lead_image_id)
    for byline in article.byline_links():
        yield key("author", byline.author_id)


def list_keys(articles, *list_names):
    """A page of cards under the site's chrome, for lists named e.g. ``front``, ``tag-7``."""
    keys = {NAVIGATION, *list_names}
    for article in articles:
        keys.update(card_keys(article))
    return keys


def article_page_keys(article, read_more):
    keys = list_keys([article], NAVIGATION)
    # Read more is ranked over the story's tags: a story joining or leaving one changes it.
    keys.update(key("tag", tag.pk) for tag in article.tags.all())
    # A picture's words or file changing purges the pages whose galleries show it.
    keys.update(key("image", pk) for pk in gallery_image_ids(article.body))
    for byline in article.byline_links():
        if byline.author.photo_id:
            keys.add(key("image", byline.author.photo_id))
    related = [read_more.inline, *read_more.listed] if read_more.inline else read_more.listed
    for other in related:
        keys.update((key("article", other.pk), key("section", other.section_id)))
    return keys


def feed_item_keys(articles, *list_names):
    keys = set(list_names)
    for article in articles:
        keys.update(card_keys(article))
        keys.update(key("tag", tag.pk) for tag in article.tags.all())
        keys.update(key("image", pk) for pk in gallery_image_ids(article.body))
    return keys
