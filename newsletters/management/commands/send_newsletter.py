from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from newsletters import sending
from newsletters.models import Edition, Newsletter


class Command(BaseCommand):
    help = (
        "Assemble a digest of what was published since the newsletter's last edition (stories "
        "placed on the front page first, then the newest) and send it now, or say why not. For "
        "cron or a timer, each morning: python manage.py send_newsletter the-daily-briefing"
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The newsletter's slug, e.g. the-daily-briefing.")
        parser.add_argument("--subject", default="", help="Instead of “Name: date”.")
        parser.add_argument("--intro", default="", help="A few lines above the stories.")

    def handle(self, *args, slug, subject, intro, **options):
        newsletter = Newsletter.objects.filter(slug=slug).first()
        if newsletter is None:
            known = ", ".join(Newsletter.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"No newsletter {slug!r} (there are: {known}).")
        if newsletter.kind != Newsletter.Kind.DIGEST:
            raise CommandError(f"{newsletter.name} sends breaking alerts with their stories.")
        in_flight = newsletter.editions.filter(
            status__in=[Edition.Status.QUEUED, Edition.Status.SENDING]
        ).first()
        if in_flight is not None:
            raise CommandError(
                f"“{in_flight.subject}” is still being sent: not starting another on top of it."
            )
        try:
            sending.check_mail()
            edition = sending.compose_digest(newsletter=newsletter)
            if subject:
                edition.subject = subject
            if intro:
                edition.intro = intro
            edition.full_clean()
            edition.save()
            sending.send_now(edition=edition, editor=None)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        stories = len(edition.ordered_stories())
        self.stdout.write(
            self.style.SUCCESS(
                f"Queued “{edition.subject}” with {stories} stor{'y' if stories == 1 else 'ies'}: "
                "a worker sends it (make worker)."
            )
        )
