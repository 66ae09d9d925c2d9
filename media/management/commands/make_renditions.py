from django.core.management.base import BaseCommand

from delivery.invalidation import invalidate
from delivery.keys import key
from media.models import Image


class Command(BaseCommand):
    help = (
        "Draw the renditions the site shows that images do not have yet: for a database from "
        "before renditions were made on save. Pages serve the nearest stored one meanwhile."
    )

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="only these images (default: all)")

    def handle(self, *args, ids, **options):
        images = Image.objects.order_by("pk")
        if ids:
            images = images.filter(pk__in=ids)
        made = failed = 0
        for image in images.iterator(chunk_size=200):
            try:
                new_renditions = image.make_renditions()
                made += new_renditions
                if new_renditions:
                    # Pages showing the image served a fallback until now.
                    invalidate({key("image", image.pk)})
            except (OSError, ValueError) as error:
                # A missing or broken original must not stop the rest.
                failed += 1
                self.stderr.write(f"Image {image.pk} ({image.file.name}): {error}")
        self.stdout.write(f"{made} renditions made; {failed} images could not be read.")
