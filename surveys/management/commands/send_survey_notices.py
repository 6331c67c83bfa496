from django.conf import settings
from django.core.management.base import BaseCommand

from surveys.notifications import send_digests
from surveys.reminders import send_due_reminders


class Command(BaseCommand):
    help = (
        "E-mails the reminders due before each campaign closes and the technical unit's daily digests "
        "(run daily; a second run the same day sends nothing twice)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url", default=settings.SITE_URL,
            help="The site's address, for the links in the e-mails.",
        )

    def handle(self, *args, base_url: str, **options):
        reminded = send_due_reminders(base_url=base_url)
        digests = send_digests()
        self.stdout.write(f"Reminders sent to {reminded} institution(s); {digests} daily digest(s) sent.")
