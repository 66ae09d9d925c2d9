"""Keep ``Article.live_updated_at`` in step with the story's published updates.

Cards, the story's head and its feed entry say "Updated" at the newest update's time. It is
derived here, on every write of an update (the console's services, the admin, the demo), and
written past ``Article.save()``: an update is not an edit of the story, so it must not move the
version an editor's open article form was loaded at (their save would be refused). The update's
own receiver (``live.invalidation``) drops the pages carrying ``article-<pk>``, cards included.
"""

from django.db.models import Max, OuterRef, Subquery
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles.models import Article
from live.models import LiveUpdate


@receiver(post_save, sender=LiveUpdate, dispatch_uid="live_latest_update_saved")
@receiver(post_delete, sender=LiveUpdate, dispatch_uid="live_latest_update_deleted")
def note_latest_update(sender, instance, raw=False, **kwargs):
    if raw or instance.status != LiveUpdate.Status.PUBLISHED:
        return
    newest = (
        LiveUpdate.objects.published()
        .filter(article=OuterRef("pk"))
        .values("article")
        .annotate(newest=Max("published_at"))
        .values("newest")
    )
    Article.objects.filter(pk=instance.article_id).update(live_updated_at=Subquery(newest[:1]))
