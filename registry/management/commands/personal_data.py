import json

from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.core.exceptions import ValidationError

from registry.models import User
from registry.personal_data import person_erase, person_export


class Command(BaseCommand):
    help = (
        "A person's data, for their requests under data protection laws: `export EMAIL` prints "
        "everything held about them as JSON; `erase EMAIL` replaces their name and address "
        "everywhere with a pseudonym (audited, in one transaction)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("email")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")
        parser.add_argument("--by", help="User name of the person of the technical unit handling the request (audit trail).")

    def handle(self, *args, action: str, email: str, interactive: bool, by: str | None, **options):
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{email!r} is not an e-mail address.") from None
        if action == "export":
            self.stdout.write(json.dumps(person_export(email), ensure_ascii=False, indent=2))
            return
        handler = None
        if by:
            handler = User.objects.filter(username=by).first()
            if handler is None:
                raise CommandError(f"No user named {by!r}.")
        found = person_export(email)
        if not found["records"]:
            raise CommandError(f"Nothing is held about {email}; nothing was changed.")
        if interactive:
            answer = input(
                f"This replaces the name and address of {email} in {len(found['records'])} records with a pseudonym, "
                "for good. Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Erasure cancelled; nothing was changed.")
        erasure = person_erase(email, by=handler)
        self.stdout.write(f"Erased {email} from {len(erasure.records)} records; they now read {erasure.pseudonym}.")
        for note in erasure.notes:
            self.stdout.write(f"  {note}")
