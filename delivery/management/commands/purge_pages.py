from django.core.management.base import BaseCommand

from delivery.invalidation import invalidate_everything


class Command(BaseCommand):
    help = (
        "Drop every cached page on every instance and edge, e.g. after rows were written past "
        "Model.save() (bulk_create, QuerySet.update, a restored backup)."
    )

    def handle(self, *args, **options):
        invalidate_everything()
        self.stdout.write("Every cached page is dropped.")
