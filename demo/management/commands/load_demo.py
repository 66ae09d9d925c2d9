import time

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Section
from authors.models import Author
from delivery.invalidation import invalidate_everything
from demo.loader import DEMO_LOGINS, FILLER_BATCH_SIZE, load_demo_newsroom


class Command(BaseCommand):
    help = (
        "Load the demo newsroom: the seed page's stories, filler articles, a desk queue and, in "
        "debug mode, an editor and a journalist login. Safe to run again: it restores the demo "
        "instead of duplicating it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            default=60,
            metavar="N",
            help="How many filler articles the feed should have besides the seed stories "
            "(default: 60, three pages of the feed).",
        )
        parser.add_argument(
            "--no-logins",
            action="store_true",
            help="Don't create or reset the demo logins.",
        )

    def handle(self, *args, articles, no_logins, **options):
        if articles < 0:
            raise CommandError("--articles cannot be negative.")
        self.verbosity = options["verbosity"]
        started = time.monotonic()
        summary = load_demo_newsroom(
            filler_count=articles,
            with_logins=settings.DEBUG and not no_logins,
            progress=self.report_progress if articles > FILLER_BATCH_SIZE else None,
        )
        elapsed = time.monotonic() - started
        # Filler rows are bulk-created, past the signals that invalidate cached pages.
        invalidate_everything()

        visible = Article.objects.published().count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo newsroom loaded in {elapsed:.1f} s: {Section.objects.count()} sections, "
                f"{Author.objects.count()} authors, {Tag.objects.count()} tags, "
                f"{visible} articles visible to readers."
            )
        )
        self.stdout.write(
            f"Filler articles: {summary.filler_created} added, "
            f"{summary.filler_found} already there."
        )
        self.stdout.write(f"Seed story: {summary.seed_article.get_absolute_url()}")
        for language, stories in summary.edition_stories.items():
            self.stdout.write(
                f"Edition {language}: {len(stories)} stories, the first at "
                f"{stories[0].get_absolute_url()}"
            )
        self.stdout.write("Desk queue:")
        for article in summary.queue:
            self.stdout.write(f"  {self.describe_state(article):<26} {article.headline}")
        self.report_logins(summary, no_logins=no_logins)

    def report_progress(self, done, total):
        if self.verbosity >= 1:
            self.stdout.write(f"  filler articles: {done}/{total}")

    def report_logins(self, summary, *, no_logins):
        if no_logins:
            self.stdout.write("Demo logins left alone (--no-logins).")
            return
        if not settings.DEBUG:
            self.stdout.write(
                self.style.WARNING(
                    "No demo logins created: they are only created in debug mode "
                    "(DJANGO_DEBUG=1), because their passwords are printed here. "
                    "Use createsuperuser for a real account."
                )
            )
            return
        desk_url = reverse("admin:index")
        self.stdout.write(f"Demo logins for the desk at {desk_url} (new passwords on every run):")
        for login in DEMO_LOGINS:
            password = summary.passwords[login.username]
            self.stdout.write(f"  {login.label}: {login.username} / {password}")
        groups = [login.group for login in DEMO_LOGINS]
        for group in Group.objects.filter(name__in=groups, permissions__isnull=True):
            self.stdout.write(
                self.style.WARNING(
                    f"The {group.name} group grants no permissions, so its demo login will "
                    "see an empty desk; has every migration run?"
                )
            )

    @staticmethod
    def describe_state(article):
        if article.is_scheduled():
            return f"scheduled for {timezone.localtime(article.published_at):%b %d %H:%M}"
        return article.get_status_display().lower()
