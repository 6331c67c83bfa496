"""Word fichas for tests: the blank form of a campaign filled in the way a person does it."""

import io

from django.utils import translation
from docx import Document

from surveys.docx.writer import blank_ficha_document


def blank(campaign, language: str = "es") -> Document:
    with translation.override(language):
        return Document(io.BytesIO(blank_ficha_document(campaign)))


def answer(document: Document, question: str, text: str, occurrence: int = 0) -> None:
    """Type an answer where a person would: in the cell beside the question."""
    rows = [row for table in document.tables for row in table.rows if row.cells[0].paragraphs[0].text == question]
    rows[occurrence].cells[1].text = text


def saved(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def filled_ficha(campaign, *, country_institution="Costa Rica – MIDEPLAN", initiatives=1, strengths="Confianza") -> bytes:
    """A Spanish blank form of the campaign with the block and `initiatives` initiatives answered."""
    document = blank(campaign)
    answer(document, "País e institución que completa la ficha", country_institution)
    answer(document, "Punto focal: nombre y correo electrónico", "Ana Solano <ana@mideplan.go.cr>")
    answer(document, "Interés en compartir", "Sí")
    for number in range(initiatives):
        answer(document, "Tipo de iniciativa", "2 - Proyecto", number)
        answer(document, "Nombre de la iniciativa", f"Cosecha de agua {number + 1}", number)
        answer(document, "Actores involucrados", "MAG – Sector público\nUniversidad EARTH (Academia)", number)
        answer(document, "Otros países involucrados", "Guatemala y Honduras", number)
        answer(document, "Fortalezas", strengths, number)
    return saved(document)
