"""The ficha's questions, each declared once.

The ficha changes every campaign (a Google Form in 2020, a Word file in 2022; new questions on
resources, results and years next). Everything that shows, reads or checks an answer iterates
over these declarations: the online form, the Word blank and filled writers, the Word reader, the
web and command-line import, the upload review, completeness, the initiative page, the API (and
its PostgreSQL-written list), the Excel export, the audit trail and the admin. A question names
the model fields it fills (their verbose names and help texts are its label and help) and its
kind; what a kind means for each of those places is written once, in the place.

Adding a question: docs/adding-a-question.md.

The block questions fill surveys.Ficha, named by its label: the registry never imports the
survey app, it only names the model it declares questions for."""

from dataclasses import dataclass
from enum import StrEnum

from django.apps import apps
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from registry.choices import MAX_LIST_ITEMS


class Kind(StrEnum):
    """How an answer is kept and written; each place that handles answers knows every kind."""

    INITIATIVE_TYPE = "initiative_type"  # a number of InitiativeType, and the kind when it is 4
    TEXT = "text"  # one free text in one field
    LIST = "list"  # up to MAX_LIST_ITEMS short texts in one array field
    ACTORS = "actors"  # the organizations taking part, each with its actor type (Participation)
    COUNTRIES = "countries"  # the other countries involved (InitiativeCountry)
    CONTACT = "contact"  # a person's name and e-mail: personal data (registry.privacy)
    YES_NO = "yes_no"  # yes, no or not answered
    INSTITUTION = "institution"  # the country and institution completing the ficha


@dataclass(frozen=True)
class Question:
    key: str  # its name in the Word reader's output, the import, the review and the API
    kind: Kind
    fields: tuple[str, ...] = ()  # the model fields it fills, in order
    model: str = "registry.Initiative"
    required: bool = False  # needed before the ficha can be submitted
    label_field: str | None = None  # the field whose verbose name labels it (default: the first)
    label: Promise | str | None = None  # a label of its own, where no field's fits
    help: Promise | str | None = None  # a help text of its own, else the field's
    # How the PIFCSS forms distributed before Alianzas printed the question, and how agencies
    # translating them into Portuguese word it, folded (registry.text): the reader recognises
    # these starts in table rows, and in paragraphs when `paragraph`.
    original_labels: tuple[str, ...] = ()
    # The short labels agencies retyping the form give it ("Nombre", "Países", "Resultados"),
    # recognised only as the whole label (followed by nothing but ":", "?" or a parenthesis).
    whole_labels: tuple[str, ...] = ()
    # Whole labels that answers start with too ("Objetivo general: reducir..." in a justification):
    # a question only as a line of their own, never with an answer after their colon.
    line_labels: tuple[str, ...] = ()
    # What one item of a list is called when each has a row of its own ("Fortaleza 1").
    item_labels: tuple[str, ...] = ()
    # The words that tell which question an agency asks in its own sentence ("¿Qué actores
    # participan y de qué tipo es cada uno?"): folded stems; the one written first decides.
    asked_with: tuple[str, ...] = ()
    paragraph: bool = False

    @property
    def model_class(self):
        return apps.get_model(self.model)

    def model_field(self, name: str | None = None):
        return self.model_class._meta.get_field(name or self.label_field or self.fields[0])

    @property
    def verbose_label(self) -> str:
        if self.label is not None:
            return str(self.label)
        return str(capfirst(self.model_field().verbose_name))

    @property
    def help_text(self) -> str:
        if self.help is not None:
            return str(self.help)
        return str(self.model_field().help_text or "")

    @property
    def is_personal(self) -> bool:
        return self.kind == Kind.CONTACT

    @property
    def max_length(self) -> int | None:
        """The limit of a text answer, from its field (ArrayFields: of each item)."""
        field = self.model_field(self.fields[0]) if self.fields else None
        base = getattr(field, "base_field", field)
        return getattr(base, "max_length", None)

    @property
    def needed_to_save(self) -> bool:
        """Whether a draft cannot even be saved without it (its model field is not blank)."""
        return any(not self.model_field(name).blank for name in self.fields)

    @property
    def max_items(self) -> int | None:
        """The ficha's limit ("hasta 3"), held from submission on; a draft may keep more."""
        return MAX_LIST_ITEMS if self.kind == Kind.LIST else None


# The questions about each initiative, in the order of the ficha.
INITIATIVE_QUESTIONS: tuple[Question, ...] = (
    Question(
        "initiative_type", Kind.INITIATIVE_TYPE, ("initiative_type", "initiative_type_other"), required=True, asked_with=("tipo", "modalidad", "naturaleza", "natureza", "clasificacion"),
        original_labels=(
            "tipo de iniciativa", "modalidad de la iniciativa", "tipo de la iniciativa", "type of initiative", "initiative type",
            "de que tipo de iniciativa se trata", "tipo de experiencia", "que tipo de iniciativa", "clasificacion de la iniciativa",
        ),
        whole_labels=("tipo", "modalidad", "modalidade", "type", "tipologia", "tipologia da iniciativa", "tipo de proyecto", "tipo de projeto", "naturaleza", "natureza", "naturaleza de la iniciativa", "natureza da iniciativa", "tipo de intervencion",
                     "clasificacion", "classificacao"),
    ),
    Question("name", Kind.TEXT, ("name",), required=True, asked_with=("nombre de la", "nombre del", "nome da", "nome do", "denominacion", "titulo", "como se llama", "como se chama"), original_labels=("nombre de la iniciativa", "nome da iniciativa", "titulo de la iniciativa", "initiative name", "name of the initiative"),
        whole_labels=("nombre", "nome", "titulo", "name", "title", "designacao", "denominacion", "denominacao", "nombre del proyecto",
                      "nome do projeto", "nombre de la experiencia", "titulo del proyecto", "titulo do projeto", "iniciativa", "denominacion de la iniciativa", "nombre de la accion")),
    Question("objectives", Kind.TEXT, ("objectives",), required=True, asked_with=("objetiv", "proposito", "que busca", "se propone", "se propoe", "finalidad", "pretende"), original_labels=("objetivo", "objectivo", "objective", "goal"),
        line_labels=("objetivo general", "objetivos generales", "objetivo geral", "que busca", "que se propone", "que busca la iniciativa", "o que se propoe", "proposito", "propositos", "finalidad", "objetivo principal")),
    Question(
        "actors", Kind.ACTORS, label_field="organizations", required=True, asked_with=("actor", "atores", "quienes participan", "quem participa", "entidades participa", "instituciones participa", "participantes"),
        original_labels=(
            "tipo/s de actor", "tipos de actor", "tipo de actor", "tipo(s) de ator", "tipo(s) de actor", "tipos de ator",
            "tipo de ator", "actores participantes", "entidades participantes", "instituciones participantes",
            "atores envolvidos", "atores participantes", "actores involucrados y tipo", "actores y tipo", "atores e tipo",
            "stakeholders", "actors involved", "participating organizations", "entidades envolvidas", "instituciones involucradas",
            "instituicoes envolvidas", "organizaciones participantes", "actores involucrados", "atores envolvidos",
            "quienes participan", "quem participa", "actores y su rol",
        ),
        whole_labels=("actores", "atores", "participantes", "actors", "socios", "contrapartes", "aliados", "actores y su rol", "actores y roles", "quienes participan", "quem participa", "parceiros", "actores participantes y rol", "entidades", "instituciones"),
    ),
    Question(
        "other_countries", Kind.COUNTRIES, label_field="partner_countries", asked_with=("otros paises", "outros paises", "paises", "other countries"),
        help=_("Write the names of the countries, one per line."), original_labels=(
            "otros paises involucrados", "outros paises envolvidos", "otros paises participantes", "paises involucrados",
            "paises participantes", "outros paises", "partner countries", "other countries",
            "participan otros paises", "que otros paises", "participam outros paises", "participacion internacional",
            "participacao internacional",
        ),
        whole_labels=("paises", "otros paises", "paises socios", "countries", "paises parceiros", "paises cooperantes", "cooperacion con otros paises", "paises involucrados", "paises participantes", "paises asociados", "paises contraparte", "outros paises envolvidos"),
    ),
    Question(
        "focal_point", Kind.CONTACT, ("focal_point_name", "focal_point_email"), required=True,
        label=_("Focal point of the initiative: name and e-mail"),
    ),
    Question("justification", Kind.TEXT, ("justification",), required=True, asked_with=("por que surg", "porque surg", "justific", "origen", "origem", "razon de ser", "antecedente"), original_labels=("justificacion", "justificacao", "justificativa", "por que surgio", "rationale", "justification", "origen de la iniciativa", "origen y caracter multiactor", "origem e carater multiator", "origen y justificacion", "fundamento", "antecedentes y razon de ser", "razon de ser", "por que surgiu", "origem da iniciativa", "antecedentes de la iniciativa", "antecedentes y justificacion", "contexto y justificacion"), paragraph=True),
    Question("strengths", Kind.LIST, ("strengths",), asked_with=("fortaleza", "pontos fortes", "aprendizaje", "lecciones", "licoes", "aspectos positivos", "factores de exito", "salio bien", "funciono bien", "correu bem", "funcionou bem"), original_labels=("identifique hasta 3 fortalezas", "identifique ate 3 pontos fortes", "identifique ate 3 fortalezas",
                                                            "fortalezas del diseno", "fortalezas do desenho", "pontos fortes do desenho", "hasta tres fortalezas", "hasta 3 fortalezas", "ate tres pontos fortes", "ate 3 pontos fortes",
                                                            "ate 3 fortalezas", "ate tres fortalezas", "up to 3 strengths"),
        whole_labels=("fortalezas", "pontos fortes", "principales fortalezas", "strengths", "lecciones aprendidas", "licoes aprendidas",
                      "aprendizajes", "lessons learned", "principais pontos fortes", "fortalezas identificadas", "pontos fortes identificados", "aprendizajes positivos", "lecciones", "factores de exito", "lo positivo", "lo que funciono", "fatores de sucesso", "licoes", "aspectos positivos", "buenas practicas", "lecciones positivas", "lo que funciono bien", "aprendizajes", "licoes positivas", "o que funcionou", "o que funcionou bem"),
        item_labels=("fortaleza", "forca", "ponto forte", "strength"), paragraph=True),
    Question("challenges", Kind.LIST, ("challenges",), asked_with=("desafio", "cuello", "dificultad", "dificuldade", "obstaculo", "reto", "nudo", "fue dificil", "foi dificil", "costo trabajo"), original_labels=("identifique hasta 3 desafios", "identifique ate 3 desafios",
                                                              "desafios del diseno", "desafios do desenho", "cuellos de botella", "hasta tres desafios", "hasta 3 desafios", "ate tres desafios", "ate 3 desafios", "desafios o cuellos", "desafios (hasta"),
        whole_labels=("desafios", "principales desafios", "retos", "challenges", "dificultades", "dificuldades", "obstaculos",
                      "principales dificultades", "principais dificuldades", "principais desafios", "nudos criticos", "cuellos de botella", "los cuellos de botella", "lo que costo", "limitaciones", "constrangimentos", "areas de oportunidad", "areas de mejora", "oportunidades de mejora", "aspectos a mejorar", "limitaciones identificadas", "estrangulamentos", "dificultades encontradas", "obstaculos encontrados"),
        item_labels=("desafio", "reto", "challenge"), paragraph=True),
    Question(
        "results", Kind.LIST, ("results",), required=True, asked_with=("resultado", "logro", "conquista"),
        original_labels=("indique hasta 3 de los principales resultados", "indique ate 3 dos principais resultados", "resultados alcanzados",
                         "resultados alcancados", "principales resultados alcanzados", "principais resultados alcancados", "hasta tres resultados", "hasta 3 resultados", "ate tres resultados", "indique hasta tres",
                         "hasta 3 principales resultados", "hasta tres principales resultados", "ate 3 principais resultados", "ate tres principais resultados", "up to 3 main results"),
        whole_labels=("resultados", "principales resultados", "principais resultados", "results", "key results", "main results",
                      "logros", "principales logros", "resultados obtenidos", "principales logros alcanzados", "resultados principales",
                      "logros principales", "resultados principais", "resultados a la fecha", "lo logrado", "resultados obtidos", "resultados alcanzados a la fecha", "principales logros obtenidos", "conquistas", "resultados relevantes", "resultados destacados", "logros relevantes", "lo que se logro", "o que se conseguiu"),
        item_labels=("resultado", "result"), paragraph=True,
    ),
)

# The questions about the institution completing the ficha (surveys.Ficha).
BLOCK_QUESTIONS: tuple[Question, ...] = (
    Question(
        "country_institution", Kind.INSTITUTION, model="surveys.Ficha", label_field="institution", asked_with=("institucion y pais", "pais e institucion", "que institucion", "instituicao e pais", "pais e instituicao", "que pais", "entidad que responde",
                                                                                                           "pais e a instituicao", "pais y la institucion", "instituicao que preenche", "institucion que completa"),
        label=_("Country and institution completing the form"), original_labels=(
            "pais e institucion", "pais e instituicao", "pais / institucion", "entidad que cumplimenta", "entidad que completa",
            "que pais e institucion", "institucion que responde", "entidad que responde", "instituicao que responde",
            "entidad que diligencia", "institucion que diligencia", "entidad que reporta", "institucion que reporta",
            "institucion que completa", "country / institution", "country and institution", "entidad y pais", "entidade e pais",
            "organismo y pais", "institucion y pais", "instituicao e pais",
        ),
        whole_labels=("pais", "institucion", "country", "institution", "instituicao", "entidad", "entidade", "institucion responsable",
                      "entidad responsable", "instituicao responsavel", "organismo", "orgao respondente", "organo informante", "orgao informante",
                      "entidade respondente", "instituicao respondente", "institucion que responde", "entidad informante", "entidad remitente", "institucion informante", "entidade informante", "entidade remetente", "dependencia", "organismo informante"),
    ),
    Question(
        "focal_point", Kind.CONTACT, ("focal_point_name", "focal_point_email"), model="surveys.Ficha", required=True, asked_with=("punto focal", "ponto focal", "persona de contacto", "persona designada", "pessoa de contato", "correo", "e-mail", "enlace", "referente", "contacto",
                                                                                                            "quien la coordina", "quien lo coordina", "quien coordina", "quem coordena"),
        label=_("Focal point: name and e-mail"),
        # Forms rebuilt by the agencies shorten it ("Punto focal (nombre y correo)").
        original_labels=(
            "nombre e email de punto focal", "nombre de punto focal y email", "punto focal",
            "nome e e-mail do ponto focal", "nome e email do ponto focal", "nome do ponto focal", "ponto focal",
            "persona de contacto", "persona responsable", "nombre del punto focal", "datos del punto focal",
            "punto focal de la iniciativa", "responsable de la iniciativa", "responsable del reporte", "responsable del informe", "responsavel pelo relatorio", "enlace de la iniciativa", "enlace de la experiencia",
            "enlace del proyecto", "contacto de la iniciativa", "responsable de la experiencia", "responsable del proyecto", "responsavel pela iniciativa", "focal point", "contact person", "nombre y correo del punto focal",
            "nombre y correo electronico del punto focal", "responsable de la informacion", "nome e correio eletronico do ponto focal",
            "referente de la experiencia", "referente de la iniciativa", "persona enlace", "persona de enlace",
            "enlace tecnico", "contacto tecnico", "contato tecnico", "responsable tecnico", "responsavel tecnico", "persona a cargo", "punto de enlace", "nombre del enlace", "nombre de enlace",
        ),
        # In rows or lines of their own, the focal point's e-mail after the name ("Correo: ...").
        whole_labels=("contacto", "responsable", "correo", "correo electronico", "e-mail", "email", "endereco eletronico",
                      "correio eletronico", "endereco de e-mail", "endereco de email", "enlace institucional", "persona de enlace", "enlace", "punto de contacto", "ponto de contato", "referente", "referente institucional", "contacto institucional", "contato institucional", "punto focal institucional", "ponto focal institucional", "email del punto focal", "correo del punto focal", "e-mail del punto focal", "e-mail do ponto focal", "email do ponto focal", "correo electronico del punto focal"),
    ),
    Question(
        "institution_strengths", Kind.TEXT, ("institutional_strengths",), model="surveys.Ficha", required=True,
        original_labels=(
            "identifica fortalezas en su institucion", "identifica pontos fortes", "identifica fortalezas na sua instituicao",
            "fortalezas institucionales", "fortalezas de la institucion", "fortalezas da instituicao", "fortalezas de la entidad", "fortalezas de su institucion", "fortalezas de nuestra institucion",
            "que fortalezas identifica", "pontos fortes da instituicao", "institutional strengths", "fortalezas para alianzas", "fortalezas para las alianzas", "fortalezas para la alianza",
            "fortalezas para desarrollar", "fortalezas para promover", "fortalezas para impulsar", "pontos fortes para", "strengths for multi-actor", "a instituicao identifica fortalezas",
            "a instituicao identifica pontos fortes", "la institucion identifica fortalezas", "su institucion tiene fortalezas",
            "sua instituicao tem pontos fortes", "identifica fortalezas",
            "capacidades institucionales", "capacidades de la institucion", "sobre nuestras capacidades", "fortalezas para el trabajo",
            "capacidades de la entidad", "capacidades de la agencia", "capacidades do orgao", "capacidades da instituicao",
            "que fortalezas tiene", "que fortalezas", "quais pontos fortes", "quais as fortalezas",
            "pontos fortes do", "pontos fortes da", "capacidades institucionais",
        ),
    ),
    Question(
        "institution_weaknesses", Kind.TEXT, ("institutional_weaknesses",), model="surveys.Ficha", required=True, asked_with=("debilidad", "fragilidad", "pontos fracos", "limitacion", "limitacoes"),
        original_labels=(
            "identifica debilidades en su institucion", "identifica fragilidades", "identifica pontos fracos",
            "identifica debilidades na sua instituicao", "debilidades institucionales", "debilidades de la institucion", "debilidades da instituicao",
            "debilidades de la entidad", "debilidades de su institucion", "debilidades de nuestra institucion", "que debilidades identifica", "y debilidades",
            "fragilidades da instituicao", "institutional weaknesses", "pontos fracos da instituicao", "debilidades para alianzas", "debilidades para las alianzas",
            "debilidades para desarrollar", "fragilidades para", "pontos fracos para", "weaknesses for multi-actor", "e fragilidades",
            "e pontos fracos", "a instituicao identifica fragilidades", "la institucion identifica debilidades", "identifica debilidades",
            "limitaciones identificadas", "limitaciones institucionales", "sobre nuestras limitaciones", "limitaciones de la institucion",
            "y que debilidades", "que debilidades", "y cuales son sus principales debilidades", "cuales son sus debilidades", "e quais fragilidades",
            "constrangimentos", "limitacoes institucionais",
        ),
        whole_labels=("debilidades", "fragilidades", "weaknesses", "pontos fracos", "debilidades identificadas", "fragilidades identificadas"),
    ),
    Question(
        "wants_to_share", Kind.YES_NO, ("wants_to_share",), model="surveys.Ficha", required=True, asked_with=("compart", "partilh", "difund", "divulg"),
        original_labels=(
            "le interesa compartir", "disposicion para compartir", "disposicao para compartilhar", "disponibilidade para compartilhar",
            "disponibilidade para partilhar", "tem interesse em partilhar", "tem interesse em compartilhar", "interes en compartir",
            "le interesaria compartir", "desea compartir", "quiere compartir", "interesse em partilhar", "interesse em compartilhar",
            "interested in sharing", "interest in sharing", "compartir experiencias", "compartir la experiencia",
            "compartir experiencia", "interesa compartir", "les interesa compartir", "ha interesse em compartilhar", "ha interesse em partilhar",
            "compartilhar experiencia", "partilhar experiencia", "partilhar a experiencia", "compartilhar a experiencia",
            "disposicion a compartir", "autoriza compartir", "sobre la difusion",
            "desea que sus experiencias se compartan", "esta de acuerdo en compartir", "autoriza que se compartan", "autoriza la difusion",
            "difusion de las iniciativas", "compartilhamento de experiencias", "compartir las iniciativas", "difusion de las experiencias", "difusion de la experiencia", "divulgacao das experiencias",
        ),
        whole_labels=("comparte", "partilha de experiencias", "compartilhamento", "difusion", "divulgacao"),
    ),
)


def answered_in(question: Question, parsed: dict) -> bool:
    """Whether an answer of the import contract (what the Word reader gives) answers the question."""
    match question.kind:
        case Kind.INITIATIVE_TYPE:
            return parsed.get(question.fields[0]) is not None
        case Kind.INSTITUTION:
            return bool(parsed.get("country"))
        case Kind.CONTACT:
            return all((parsed.get(question.key) or {}).values())
        case Kind.YES_NO:
            return parsed.get(question.key) is not None
    value = parsed.get(question.key)
    return bool(value.strip() if isinstance(value, str) else value)


def field_values(questions, answers: dict) -> dict:
    """The model field values of answers in the import contract (what the Word reader gives),
    for the questions that fill fields; actors, countries and the institution have rows or
    records of their own, which the importer writes."""
    values = {}
    for question in questions:
        match question.kind:
            case Kind.INITIATIVE_TYPE:
                values.update({name: answers.get(name) for name in question.fields})
                values[question.fields[1]] = values[question.fields[1]] or ""
            case Kind.TEXT:
                values[question.fields[0]] = answers.get(question.key) or ""
            case Kind.LIST:
                values[question.fields[0]] = list(answers.get(question.key) or [])
            case Kind.CONTACT:
                contact = answers.get(question.key) or {}
                values.update(zip(question.fields, (contact.get("name", ""), contact.get("email", "")), strict=True))
            case Kind.YES_NO:
                values[question.fields[0]] = answers.get(question.key)
    return values


def initiative_questions() -> tuple[Question, ...]:
    """Read at the moment of use, never copied at import: a campaign (or a test) may declare
    other questions."""
    return INITIATIVE_QUESTIONS


def block_questions() -> tuple[Question, ...]:
    return BLOCK_QUESTIONS


def initiative_fields() -> tuple[str, ...]:
    """The Initiative fields the ficha fills, in its order (forms, the admin, the audit trail)."""
    return tuple(name for question in initiative_questions() for name in question.fields)


def contact_fields(questions=None) -> tuple[str, ...]:
    """The fields that hold a person (registry.privacy)."""
    return tuple(name for question in (questions or initiative_questions()) if question.is_personal for name in question.fields)
