from articles.editions import fixed_page_versions
from articles.list_pages import PAGE_SIZE, StoryList
from delivery.keys import FRONT, key
from frontpage.invalidation import slot_key
from frontpage.placing import POSITIONS, compose_front
from website.structured_data import site_structured_data


class FrontPage(StoryList):
    """The lead story, the top stories, then the news feed, continued by ?before=<cursor>."""

    template_name = "frontpage/front.html"
    only_if_visible = False

    def page(self, cursor):
        self.front = compose_front(cursor=cursor, size=PAGE_SIZE)
        return self.front.page

    def cards(self, page):
        return self.front.articles

    def list_key(self):
        return FRONT

    def extra_keys(self):
        return (
            *(slot_key(position) for position in POSITIONS),
            *(key("article", pk) for pk in self.front.placed_ids),
        )

    def context(self, page):
        return {
            "edition_versions": fixed_page_versions("frontpage:front"),
            "lead": self.front.lead,
            "top_stories": self.front.top_stories,
            # Who publishes the site and how to search it; said once, on the page search
            # engines index.
            "structured_data": (
                None if self.request.GET.get("before") else site_structured_data(self.request)
            ),
        }
