"""A new focal point redraws the picture's crops in the worker, and the pages showing it follow.

The desk's save only records the point and puts ``redraw_crops_task`` on the queue (committed
with the save). The task draws every crop again around the point, under new file names, swaps
them for the old ones in one transaction and purges every page that shows the picture, in the
page cache and at the edge; the old files go once that has committed. It does nothing for an
image that is gone, for a point that has changed again since (the newer point's own task draws
that), or for crops already drawn for the point, so a retried or repeated task is harmless.
"""

import logging

from django.db import transaction
from django_tasks import task
from django_tasks_db import DatabaseBackend

from delivery.invalidation import invalidate
from delivery.keys import key
from media.models import (
    Image,
    Rendition,
    rendition_file_name,
    rendition_index_held,
    save_to_storage,
)
from media.renditions import Spec, draw_renditions, open_for_renditions, site_specs

logger = logging.getLogger(__name__)

GONE = "gone"
STALE = "stale"
DONE_ALREADY = "done already"
REDRAWN = "redrawn"


def redraw_crops_later(*, image):
    """Queue the redraw of ``image``'s crops when the stored ones do not follow its focal point.

    Returns whether it did. Asks the row which point the crops follow: a desk form loaded before
    a redraw holds an older answer. The task commits with the caller's transaction (or follows
    its commit), so a worker never looks before the point is saved.
    """
    stored = list(Image.objects.filter(pk=image.pk).values_list("crops_focal_point", flat=True))
    point = image.focal_point_key()
    if not stored or stored[0] == point:
        return False  # drawn for it already: a new upload's save draws around the point
    enqueue(redraw_crops_task, image.pk, point)
    return True


def enqueue(task_, *args):
    # As newsletters/queue.py (which media may not import): in the database queue the task
    # commits with the change, or not at all; any other backend gets it after the commit.
    if isinstance(task_.get_backend(), DatabaseBackend):
        task_.enqueue(*args)
    else:
        transaction.on_commit(lambda: task_.enqueue(*args))


@task()
def redraw_crops_task(image_pk, focal_point_key):
    return redraw_crops(image_pk, focal_point_key)


class Outdated(Exception):
    """What the crops were drawn for is no longer what the image asks for."""


def redraw_crops(image_pk, focal_point_key):
    """Draw ``image_pk``'s crops around ``focal_point_key`` if that is still its focal point.

    Returns what happened: REDRAWN, or GONE, STALE, DONE_ALREADY when there was nothing to do.
    Pillow runs outside the transaction; the swap locks the image row and checks again.
    """
    image = Image.objects.filter(pk=image_pk).first()
    if image is None:
        return GONE
    if image.focal_point_key() != focal_point_key:
        return STALE
    if image.crops_focal_point == focal_point_key:
        return DONE_ALREADY
    specs = [(spec, image_format) for spec, image_format in site_specs(image) if spec.crop]
    drawn = []
    try:
        with image.file.open("rb") as handle:
            picture, full_size = open_for_renditions(handle, specs)
            with picture:
                for spec, image_format, content, (width, height) in draw_renditions(
                    picture, specs, full_size, image.focal_point
                ):
                    rendition = Rendition(
                        spec=spec.name, format=image_format, width=width, height=height
                    )
                    rendition.image = image
                    save_to_storage(
                        rendition, "file", rendition_file_name(spec, image_format), content
                    )
                    drawn.append(rendition)
        with transaction.atomic():
            _swap_crops(image, focal_point_key, drawn)
    except Outdated:
        _delete_files(drawn)
        return STALE
    except BaseException:
        _delete_files(drawn)
        raise
    return REDRAWN


def _swap_crops(image, focal_point_key, drawn):
    locked = Image.objects.select_for_update().filter(pk=image.pk).first()
    if (
        locked is None
        or locked.file.name != image.file.name
        or locked.focal_point_key() != focal_point_key
        or locked.crops_focal_point == focal_point_key
    ):
        # Deleted, replaced (its save drew every rendition anew) or changed again meanwhile,
        # or another worker has just done this very redraw.
        raise Outdated
    with rendition_index_held(locked):
        old_crops = [r.pk for r in locked.renditions.all() if Spec.parse(r.spec).crop]
        # Their files go once this commits (media.models.delete_rendition_file).
        Rendition.objects.filter(pk__in=old_crops).delete()
        for rendition in drawn:
            rendition.image = locked
            rendition.save()
    Image.objects.filter(pk=locked.pk).update(crops_focal_point=focal_point_key)
    # The new crops have new addresses: every page showing the picture is dropped, at the edge
    # too, and asks for them when it is next rendered.
    invalidate({key("image", locked.pk)})


def _delete_files(renditions):
    for rendition in renditions:
        try:
            rendition.file.storage.delete(rendition.file.name)
        except OSError:
            logger.exception("Could not delete %s after an abandoned redraw", rendition.file.name)
