"""Publish or schedule a story from a script or a timer, as an editor would from the desk.

    python manage.py publish the-story-slug --editor night-editor
    python manage.py publish the-story-slug --editor night-editor --at 2027-02-01T09:00

It goes through the same service as the desk's "Publish now" and "Schedule…": the editor's
rights, the byline, the embargo and the time are checked the same way.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from articles import publishing
from articles.models import Article


class Command(BaseCommand):
    help = "Publish (or, with --at, schedule) a story as the named editor."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The story's address, e.g. dam-breached-in-kherson")
        parser.add_argument("--editor", required=True, help="The desk user who publishes it")
        parser.add_argument(
            "--at", help="When it goes live, ISO 8601 in the newsroom's time zone unless given"
        )
        parser.add_argument(
            "--staff-byline", action="store_true", help="Credit it to the staff byline"
        )

    def handle(self, *args, slug, editor, at=None, staff_byline=False, **options):
        article = Article.objects.filter(slug=slug).first()
        if article is None:
            raise CommandError(f"No story at {slug!r}.")
        user = get_user_model().objects.filter(username=editor, is_active=True).first()
        if user is None:
            raise CommandError(f"No active desk user named {editor!r}.")
        moment = None
        if at:
            moment = parse_datetime(at)
            if moment is None:
                raise CommandError(f"{at!r} is not a time: write it as 2027-02-01T09:00.")
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
        try:
            publishing.publish_article(
                article=article, editor=user, at=moment, staff_byline=staff_byline
            )
        except (PermissionDenied, ValidationError) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from error
        if article.is_published():
            self.stdout.write(f"Published: {article.get_absolute_url()}")
        else:
            when = publishing.local_time(article.goes_live_at)
            self.stdout.write(f"Scheduled for {when}: {article.get_absolute_url()}")
