from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from registry import services
from registry.choices import Status
from demo.dialogues_data import load_dialogues
from demo.registry_data import COMMON, DEMO_PASSWORD, DEMO_USERS, FOCAL_POINTS, INITIATIVES, INSTITUTIONS, MENTOR
from registry.models import Country, Initiative, Institution, Organization, Sector, User
from registry.audit import initiative_snapshot
from profiles.enabling import add_enabling_questions
from surveys import services as survey_services
from surveys.models import Campaign, CampaignQuestion, Ficha, FichaInitiative, FichaStatus, Questionnaire


class Command(BaseCommand):
    help = "Load the 13 initiatives of Table 1 of the PIFCSS report and the demo users (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--print-logins", action="store_true", help="Only print the demo logins.")

    def handle(self, *args, print_logins=False, **options):
        if print_logins:
            self.print_logins()
            return
        created = self.load()
        self.stdout.write(f"Demo data ready ({created} new initiatives, {Initiative.objects.count()} in all).")
        self.stdout.write("Demo logins: python manage.py load_demo --print-logins")

    def print_logins(self):
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, first, last, role, country, _staff in DEMO_USERS:
            where = f", {country}" if country else ""
            self.stdout.write(f"  {username:<10} {first} {last} ({role}{where})")

    @transaction.atomic
    def load(self) -> int:
        institutions = {
            iso2: Institution.objects.get_or_create(
                country=Country.objects.get(pk=iso2), name=name, defaults={"acronym": acronym}
            )[0]
            for iso2, (name, acronym) in INSTITUTIONS.items()
        }
        curator = self.load_users(institutions)
        self.load_campaign(curator)
        sectors = {sector.code: sector for sector in Sector.objects.all()}
        created = 0
        for data in INITIATIVES:
            institution = institutions[data["country"]]
            if Initiative.objects.filter(institution=institution, name=data["name"]).exists():
                continue
            start_year, end_year = data["years"]
            initiative = Initiative(
                institution=institution,
                initiative_type=data["type"],
                name=data["name"],
                objectives=data["objectives"],
                justification=COMMON["justification"],
                strengths=COMMON["strengths"],
                challenges=COMMON["challenges"],
                results=COMMON["results"],
                wants_to_share=True,
                modality=data["modality"],
                sdgs=data["sdgs"],
                phase=COMMON["phase"],
                start_year=start_year,
                end_year=end_year,
                focal_point_name=FOCAL_POINTS[data["country"]][0],
                focal_point_email=FOCAL_POINTS[data["country"]][1],
            )
            services.initiative_save(
                initiative=initiative,
                by=curator,
                actors=[
                    services.ActorInput(name=name, actor_type=actor_type, country=None)
                    for name, actor_type in data["actors"]
                ],
                partner_countries=[
                    services.PartnerCountryInput(country=Country.objects.get(pk=iso2), segib_role=role)
                    for iso2, role in data["partners"]
                ],
                sectors=[sectors[code] for code in data["sectors"]],
            )
            for status in (Status.SUBMITTED, Status.PUBLISHED):
                services.initiative_transition(initiative=initiative, to_status=status, by=curator)
            created += 1
        self.load_2022_campaign(institutions, curator)
        self.load_mentor()
        load_dialogues()
        return created

    def load_2022_campaign(self, institutions, curator) -> None:
        """The 2022 round of the source report, closed: each country's ficha, reviewed, holding its
        Table 1 initiatives as they were submitted. Written as a record of the past: the survey's
        services take fichas while a campaign is open, and this one closed in 2022."""
        campaign, _created = Campaign.objects.get_or_create(
            name="Relevamiento 2022 de Alianzas Multiactor",
            defaults={
                "name_pt": "Levantamento 2022 de Alianças Multiatores", "name_en": "2022 Survey of Multi-actor Alliances",
                "opens_at": timezone.make_aware(timezone.datetime(2022, 6, 1)),
                "closes_at": timezone.make_aware(timezone.datetime(2022, 9, 30)),
                "reminder_days": [],
            },
        )
        submitted_at = timezone.make_aware(timezone.datetime(2022, 9, 15))
        for iso2, institution in institutions.items():
            initiatives = list(Initiative.objects.filter(institution=institution, name__in=[d["name"] for d in INITIATIVES]))
            if not initiatives or Ficha.objects.filter(campaign=campaign, institution=institution).exists():
                continue
            name, email = FOCAL_POINTS[iso2]
            ficha = Ficha.objects.create(
                campaign=campaign, institution=institution, status=FichaStatus.REVIEWED, submitted_at=submitted_at,
                focal_point_name=name, focal_point_email=email, wants_to_share=True,
                institutional_strengths=COMMON["strengths"][0], institutional_weaknesses=COMMON["challenges"][0],
            )
            for initiative in initiatives:
                FichaInitiative.objects.create(ficha=ficha, initiative=initiative, submitted_answers=initiative_snapshot(initiative))

    def load_mentor(self) -> None:
        name, topics, contact = MENTOR
        Organization.objects.filter(name=name, offers_mentoring=False).update(
            offers_mentoring=True, mentoring_topics=topics, mentoring_contact=contact
        )

    def load_campaign(self, curator) -> None:
        """An open campaign, so the demo focal points can fill a ficha online, with the two questions
        the technical unit added for it: the years the initiative ran and what each actor brings."""
        now = timezone.now()
        campaign, _created = Campaign.objects.get_or_create(
            name=f"Relevamiento {now.year} de Alianzas Multiactor",
            defaults={
                "opens_at": now - timedelta(days=30), "closes_at": now + timedelta(days=90),
                "name_pt": f"Levantamento {now.year} de Alianças Multiatores",
                "name_en": f"{now.year} Survey of Multi-actor Alliances",
                "intro_pt": (
                    "Prezado/a, esta breve pesquisa é administrada pelo PIFCSS com o objetivo de identificar "
                    "iniciativas de Alianças Multiatores dos países ibero-americanos e, em seguida, promover o "
                    "intercâmbio de experiências entre os países interessados.\n\n"
                    "Nesta ficha você poderá registrar até três iniciativas.\nAgradecemos desde já as suas contribuições.\n\n"
                    "Atenciosamente,\nEquipe PIFCSS"
                ),
                "intro_en": (
                    "Dear colleague, this short survey is run by PIFCSS to identify multi-actor alliance initiatives "
                    "of the Ibero-American countries and then promote the exchange of experience between interested "
                    "countries.\n\nIn this ficha you can register up to three initiatives.\nThank you in advance "
                    "for your contribution.\n\nKind regards,\nPIFCSS team"
                ),
            },
        )
        if campaign.questionnaires.exists():
            return
        questionnaire = survey_services.questionnaire_save(questionnaire=Questionnaire(campaign=campaign), by=curator)
        years = "\n".join(str(year) for year in range(now.year - 2, now.year + 1))
        for question in (
            CampaignQuestion(
                questionnaire=questionnaire, key="years_active", kind="several_choices", order=1, required=True, choices=years,
                label="Años en que estuvo vigente (en los últimos tres años)",
                label_pt="Anos em que esteve vigente (nos últimos três anos)", label_en="Years it ran (in the last three years)",
            ),
            CampaignQuestion(
                questionnaire=questionnaire, key="contributions", kind="contributions", order=2,
                label="Lo que aporta cada actor", label_pt="O que cada ator aporta", label_en="What each actor brings",
                help="Para cada actor: recursos financieros, en especie, personal técnico, conocimiento o convocatoria.",
                help_pt="Para cada ator: recursos financeiros, em espécie, pessoal técnico, conhecimento ou convocação.",
                help_en="For each actor: money, in-kind resources, technical staff, knowledge or convening.",
            ),
        ):
            survey_services.campaign_question_save(question=question, by=curator)
        add_enabling_questions(questionnaire=questionnaire, by=curator)

    def load_users(self, institutions) -> User:
        curator = None
        for username, first, last, role, country, staff in DEMO_USERS:
            user, was_created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@alianzas.example.org",
                    "is_staff": staff,
                    "institution": institutions.get(country),
                },
            )
            if was_created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            user.groups.add(Group.objects.get(name=role))
            if role == "technical_unit":
                curator = user
        return curator
