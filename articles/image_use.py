"""What the articles app says about images its published stories show (see media/usage.py).

Nobody deletes the lead image of a published (live or scheduled) story, and only editors change
or replace it: journalists edit only their own unpublished work, and an image is part of the
story readers see. Each change an editor makes is written into the history of every such story.
"""

from django.dispatch import receiver
from reversion import add_to_revision, create_revision, set_comment, set_user

from articles import publishing
from articles.models import Article
from media import usage


def stories_showing(image):
    return Article.objects.filter(lead_image=image, status=Article.Status.PUBLISHED)


@receiver(usage.image_action_asked, dispatch_uid="articles_guard_images_of_published_stories")
def guard_images_of_published_stories(sender, *, user, image, action, **kwargs):
    headlines = list(stories_showing(image).values_list("headline", flat=True)[:3])
    if not headlines:
        return None
    shown_by = ", ".join(f"“{headline}”" for headline in headlines)
    if action == usage.DELETE:
        return (
            f"This image is the lead image of {shown_by}, which readers see or will see, so it "
            "cannot be deleted. Pick another lead image for the story first."
        )
    if not publishing.can_publish(user):
        return (
            f"This image is the lead image of {shown_by}, which is published: only editors can "
            "change or replace it. Ask an editor."
        )
    return None


@receiver(usage.image_changed, dispatch_uid="articles_image_changed")
def note_image_change_in_story_history(sender, image, user, changed, **kwargs):
    for article in stories_showing(image):
        with create_revision():
            set_user(user)
            set_comment(f"Lead image changed in the image library: {', '.join(changed)}")
            add_to_revision(article)
