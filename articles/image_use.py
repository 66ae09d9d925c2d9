"""What the articles app says about images its published stories show (see media/usage.py).

Nobody deletes the lead image of a published (live or scheduled) story, or a picture in one of
its galleries, and only editors change or replace them: journalists edit only their own
unpublished work, and an image is part of the story readers see. Each change an editor makes is
written into the history of every such story.
"""

from django.db.models import Q
from django.dispatch import receiver
from reversion import add_to_revision, create_revision, set_comment, set_user

from articles import publishing
from articles.models import Article
from media import usage


def stories_showing(image):
    """Published stories with ``image`` as their lead image or in a gallery."""
    shown = Q(lead_image=image) | Q(pk__in=galleries_showing(image))
    return Article.objects.filter(shown, status=Article.Status.PUBLISHED)


def galleries_showing(image):
    return Article.gallery_images.through.objects.filter(image=image).values("article_id")


def how_shown(image):
    """“the lead image of “A”” or “in a gallery of “B””, for up to three published stories."""
    stories = list(stories_showing(image).values_list("headline", "lead_image_id")[:3])
    leads = [f"“{headline}”" for headline, lead in stories if lead == image.pk]
    galleries = [f"“{headline}”" for headline, lead in stories if lead != image.pk]
    parts = []
    if leads:
        parts.append(f"the lead image of {', '.join(leads)}")
    if galleries:
        parts.append(f"in a gallery of {', '.join(galleries)}")
    return " and ".join(parts)


@receiver(usage.image_action_asked, dispatch_uid="articles_guard_images_of_published_stories")
def guard_images_of_published_stories(sender, *, user, image, action, **kwargs):
    shown = how_shown(image)
    if not shown:
        return None
    if action == usage.DELETE:
        return (
            f"This image is {shown}, which readers see or will see, so it cannot be deleted. "
            "Pick another lead image or take it out of the gallery first."
        )
    if not publishing.can_publish(user):
        return (
            f"This image is {shown}, which is published: only editors can change or replace "
            "it. Ask an editor."
        )
    return None


@receiver(usage.image_changed, dispatch_uid="articles_image_changed")
def note_image_change_in_story_history(sender, image, user, changed, **kwargs):
    for article in stories_showing(image):
        with create_revision():
            set_user(user)
            role = "Lead image" if article.lead_image_id == image.pk else "Gallery picture"
            set_comment(f"{role} changed in the image library: {', '.join(changed)}")
            add_to_revision(article)
