from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from decimal import Decimal

from registry.choices import (
    ANSWER_MAX_CHARS, DRAFT_LIST_ITEMS, INITIATIVE_TYPE_DESCRIPTIONS, LIST_ITEM_MAX_CHARS, MAX_ACTORS, ActorType,
    InitiativeType, SegibRole,
)
from registry.ficha import Kind, contact_fields, field_values
from registry.forms import DeclaredQuestionsMixin, InitiativeForm, ItemListField, YesNoField
from registry.models import Country, Institution
from surveys.contributions import ContributionRowsField
from surveys.contributions import form_data as contribution_form_data
from surveys.models import Campaign, Ficha, NoticeFrequency, QuestionKind
from surveys.questionnaire import SHORT_TEXT_MAX_CHARS, AddedQuestion, core, is_answered

# The form field of an added question is named by its key, apart from the model's fields.
ADDED_PREFIX = "added__"


def added_form_field(question: AddedQuestion) -> forms.Field:
    """The input of an added question. None is required here: a draft keeps what is typed, and
    the required ones are asked for on submission (surveys.completeness), as the core's are."""
    common = {"label": question.verbose_label, "help_text": question.help_text, "required": False}
    options = [(option.key, option.label) for option in question.options]
    match question.kind:
        case QuestionKind.SHORT_TEXT:
            return forms.CharField(max_length=SHORT_TEXT_MAX_CHARS, **common)
        case QuestionKind.LONG_TEXT:
            return forms.CharField(
                max_length=ANSWER_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 4, "maxlength": ANSWER_MAX_CHARS}), **common
            )
        case QuestionKind.YES_OR_NO:
            return YesNoField(label=common["label"], help_text=common["help_text"])
        case QuestionKind.ONE_CHOICE:
            return forms.ChoiceField(choices=[("", _("Not answered yet")), *options], widget=forms.RadioSelect, **common)
        case QuestionKind.SEVERAL_CHOICES:
            return forms.MultipleChoiceField(choices=options, widget=forms.CheckboxSelectMultiple, **common)
        case QuestionKind.NUMBER:
            return forms.DecimalField(max_digits=15, decimal_places=4, **common)
        case QuestionKind.YEAR:
            return forms.IntegerField(min_value=1900, max_value=2100, **common)
        case QuestionKind.ITEMS:
            return ItemListField(
                label=common["label"], help_text=common["help_text"] or _("One item per line."),
                max_items=DRAFT_LIST_ITEMS, max_item_length=LIST_ITEM_MAX_CHARS,
            )
        case QuestionKind.COUNTRY_LIST:
            countries = [(country.iso2, country.name) for country in Country.objects.order_by("name_es")]
            return forms.MultipleChoiceField(choices=countries, widget=forms.SelectMultiple(attrs={"size": 8}), **common)
        case QuestionKind.CONTRIBUTIONS:
            return ContributionRowsField(**common)
    raise ValueError(f"An added question of kind {question.kind} has no form field yet.")


def added_value(question: AddedQuestion, cleaned):
    """A cleaned input as the answer is kept (JSON)."""
    if question.kind == QuestionKind.NUMBER and isinstance(cleaned, Decimal):
        return int(cleaned) if cleaned == cleaned.to_integral_value() else float(cleaned)
    if isinstance(cleaned, str):
        return cleaned.strip()
    return cleaned


def added_form_data(question: AddedQuestion, value):
    """A kept answer (or one read from Word) as the online form posts it."""
    if value is None:
        return ""
    match question.kind:
        case QuestionKind.YES_OR_NO:
            return "true" if value else "false"
        case QuestionKind.ITEMS:
            return "\n".join(value)
        case QuestionKind.SEVERAL_CHOICES | QuestionKind.COUNTRY_LIST:
            return list(value)
    return str(value)


class AddedQuestionsMixin:
    """The campaign's added questions, after the core ones of the same block."""

    def add_questions(self, questions, answers: dict) -> None:
        self.added_questions = [question for question in questions if getattr(question, "added", False)]
        for question in self.added_questions:
            name = ADDED_PREFIX + question.key
            self.fields[name] = added_form_field(question)
            if question.key in answers:
                value = answers[question.key]
                self.initial[name] = added_form_data(question, value) if question.kind == QuestionKind.YES_OR_NO else value

    def added_answers(self, kept: dict) -> dict:
        """Every answer to keep: those of this form's questions as typed, and those of questions
        an earlier version asked (nothing typed is lost when the questionnaire changes)."""
        asked = {question.key for question in self.added_questions}
        answers = {key: value for key, value in (kept or {}).items() if key not in asked}
        for question in self.added_questions:
            value = added_value(question, self.cleaned_data.get(ADDED_PREFIX + question.key))
            if is_answered(value):
                answers[question.key] = value
        return answers

    def section_fields(self, question) -> list:
        names = [ADDED_PREFIX + question.key] if getattr(question, "added", False) else question.fields
        return [self[name] for name in names if name in self.fields]

class VersionedFormMixin:
    """Carries the version the editor loaded, so a save over a newer one is detected; marks the
    contact questions, which link to the privacy notice."""

    def mark_contact_fields(self, questions) -> None:
        for name in contact_fields(questions):
            if name in self.fields:
                self.fields[name].personal_data = True

    def answer_names(self) -> list[str]:
        """The model fields the form fills (the added questions' answers are kept apart)."""
        return [name for name in self.fields if name != "version" and not name.startswith(ADDED_PREFIX)]

    def add_version_field(self, version: int) -> None:
        # New records have nothing to conflict with; existing ones must say which version was read.
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput, initial=version, required=self.instance.pk is not None, min_value=1
        )


class FichaBlockForm(VersionedFormMixin, AddedQuestionsMixin, DeclaredQuestionsMixin, forms.ModelForm):
    """The ficha's questions about the institution, as its campaign asks them (surveys.questionnaire)."""

    class Meta:
        model = Ficha
        fields = "__all__"  # narrowed to the block's questions when the form is made

    def __init__(self, *args, questions=None, **kwargs):
        super().__init__(*args, **kwargs)
        block = (questions or core()).block
        self.keep_fields([name for question in block for name in question.fields])
        self.shape_questions(block)
        self.add_questions(block, self.instance.answers)
        self.add_version_field(self.instance.version)
        self.mark_contact_fields(block)


def as_form_data(questions, answers: dict) -> dict[str, str]:
    """Answers of the import contract (what the Word reader gives) as the online form posts them,
    so a ficha from Word is validated by the same form as one typed online."""
    values, data = field_values([q for q in questions if not getattr(q, "added", False)], answers), {}
    added = answers.get("added") or {}
    for question in questions:
        if getattr(question, "added", False):
            name, value = ADDED_PREFIX + question.key, added.get(question.key)
            if question.kind == QuestionKind.CONTRIBUTIONS:
                data.update(contribution_form_data(name, value))  # a table's rows, as its widget posts them
            else:
                data[name] = added_form_data(question, value)
            continue
        for name in question.fields:
            value = values.get(name)
            if question.kind == Kind.LIST:
                value = "\n".join(value or [])
            elif question.kind == Kind.YES_NO:
                value = "" if value is None else ("true" if value else "false")
            data[name] = "" if value is None else str(value)
    return data


def form_problems(form, where: str) -> list[str]:
    """A form's errors as sentences that say where: "Initiative 2: Objectives: ..."."""
    problems = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        problems.extend(f"{where}: {label}: {error}" if label else f"{where}: {error}" for error in errors)
    return problems


def form_sections(questions, form, rows: dict | None = None) -> list[dict]:
    """The form in the order of the declaration: each question with its bound fields, or the rows
    of a table (actors, countries) for the kinds that have one."""
    rows = rows or {}
    return [
        {"question": question, "fields": form.section_fields(question), "rows": None if getattr(question, "added", False) else rows.get(question.kind)}
        for question in questions
    ]


def initiative_type_choices():
    return [(value, f"{value} – {label}: {INITIATIVE_TYPE_DESCRIPTIONS[value]}") for value, label in InitiativeType.choices]


class FichaInitiativeForm(VersionedFormMixin, AddedQuestionsMixin, InitiativeForm):
    """The ficha's questions about one initiative, as its campaign asks them, with the ficha's own
    help texts. `answers`: the entry's answers to the added questions."""

    def form_fields(self) -> list[str]:
        return [name for question in self.questions.initiative for name in question.fields]

    def __init__(self, *args, questions=None, answers: dict | None = None, **kwargs):
        self.questions = questions or core()
        super().__init__(*args, **kwargs)
        self.add_questions(self.questions.initiative, answers or {})
        for question in self.questions.initiative:
            if question.kind == Kind.INITIATIVE_TYPE:
                number = self.fields[question.fields[0]]
                number.widget = forms.RadioSelect(choices=initiative_type_choices())
                number.choices = initiative_type_choices()
        for question in self.questions.initiative:
            if question.kind == Kind.LIST:
                # A draft keeps every item typed; the ficha's limit is checked on submission.
                for name in question.fields:
                    self.fields[name].max_items = DRAFT_LIST_ITEMS
        self.add_version_field(self.instance.version)
        self.mark_contact_fields(self.questions.initiative)


class NumberedRowForm(forms.Form):
    """A row of a table of inputs: the column header is not a label, so each input names its
    column and row for screen readers ("Organization, row 2")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        number = int(self.prefix.rsplit("-", 1)[-1]) + 1 if self.prefix and self.prefix[-1].isdigit() else 1
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = _("%(column)s, row %(number)d") % {"column": field.label, "number": number}


class ActorRowForm(NumberedRowForm):
    name = forms.CharField(label=_("Organization"), max_length=300, required=False)
    actor_type = forms.ChoiceField(label=_("Actor type"), choices=[("", "—"), *ActorType.choices], required=False)
    role = forms.CharField(label=_("Role (optional)"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["list"] = "organization-suggestions"

    def clean(self):
        cleaned = super().clean()
        name, actor_type = (cleaned.get("name") or "").strip(), cleaned.get("actor_type")
        if name and not actor_type:
            self.add_error("actor_type", _("Choose the type of actor of “%(name)s”.") % {"name": name})
        if actor_type and not name:
            self.add_error("name", _("Write the name of the organization."))
        return cleaned


class PartnerCountryRowForm(NumberedRowForm):
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.all(), to_field_name="iso2", required=False, empty_label="—"
    )
    segib_role = forms.ChoiceField(label=_("Role (optional)"), choices=[("", "—"), *SegibRole.choices], required=False)


class BaseRowFormSet(forms.BaseFormSet):
    def rows(self) -> list[dict]:
        """The filled rows, in order; blank rows are ignored rather than refused."""
        return [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and any(form.cleaned_data.values()) and not form.cleaned_data.get("DELETE")
        ]


class ActorFormSet(BaseRowFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        names = [" ".join(row["name"].casefold().split()) for row in self.rows()]
        if len(names) != len(set(names)):
            raise forms.ValidationError(_("The same organization is listed twice."))


class PartnerCountryFormSet(BaseRowFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        countries = [row["country"].pk for row in self.rows() if row.get("country")]
        if len(countries) != len(set(countries)):
            raise forms.ValidationError(_("The same country is listed twice."))


ActorRows = forms.formset_factory(ActorRowForm, formset=ActorFormSet, extra=3, max_num=MAX_ACTORS, validate_max=True)
PartnerCountryRows = forms.formset_factory(
    PartnerCountryRowForm, formset=PartnerCountryFormSet, extra=2, max_num=40, validate_max=True
)


class ReturnFichaForm(forms.Form):
    comment = forms.CharField(
        label=_("Comments for the focal points"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say what to complete or correct; they will read it on the ficha and by e-mail."),
    )


class DecisionForm(forms.Form):
    DECISIONS = [
        ("publish", _("Accept and publish")),
        ("review", _("Accept and keep in review")),
        ("reject", _("Reject")),
    ]
    initiative = forms.IntegerField(widget=forms.HiddenInput)
    # No decision is preselected: publishing must be chosen, never the result of one careless click.
    decision = forms.ChoiceField(
        choices=DECISIONS, label=_("Decision"), error_messages={"required": _("Choose a decision first.")}
    )
    reason = forms.CharField(label=_("Reason (needed to reject)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "reject" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Write the reason for rejecting the initiative."))
        return cleaned


class InvitationForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))
    institution = forms.ModelChoiceField(label=_("Institution"), queryset=Institution.objects.select_related("country"))


class ExtensionForm(forms.Form):
    """A later closing for one institution, on the technical unit member's own clock."""

    closes_at = forms.DateTimeField(
        label=_("New closing"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class NoticesForm(forms.Form):
    frequency = forms.ChoiceField(label=_("E-mails about fichas and Word files received"), choices=NoticeFrequency.choices,
                                  widget=forms.RadioSelect)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FichaFilesField(forms.FileField):
    """One or several .docx files; the form's `multiple` decides which."""

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        if not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        # Each file gets its own verdict, under its own name (surveys.intake): an empty or odd file
        # among several must not refuse the others without saying which it was.
        return files


class FichaUploadForm(forms.Form):
    campaign = forms.ModelChoiceField(
        label=_("Campaign"),
        queryset=None,
        required=False,
        empty_label=_("The one named in the file"),
        help_text=_("Only needed when the file was not downloaded from Alianzas: the form's reference says it."),
    )
    files = FichaFilesField(label=_("Filled ficha (.docx)"))

    def __init__(self, *args, multiple: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.multiple = multiple
        now = timezone.now()
        self.fields["campaign"].queryset = Campaign.objects.filter(opens_at__lte=now, closes_at__gt=now)
        widget_class = MultipleFileInput if multiple else forms.ClearableFileInput
        self.fields["files"].widget = widget_class(
            attrs={"accept": ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
        )
        if multiple:
            self.fields["files"].label = _("Filled fichas (.docx, several at once)")

    def clean_files(self):
        files = self.cleaned_data["files"]
        # A single-file widget reads only the last of several posted files; count what was sent.
        if not self.multiple and len(self.files.getlist(self.add_prefix("files"))) > 1:
            raise forms.ValidationError(_("Upload one file at a time."))
        return files


class UploadConfirmForm(forms.Form):
    replace = forms.BooleanField(
        label=_("Replace what the ficha holds now with what was read from this file"), required=False
    )
