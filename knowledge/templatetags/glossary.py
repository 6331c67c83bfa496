from django import template

from knowledge.glossary import TermLinker

register = template.Library()


@register.filter
def glossary_links(text, request):
    """`{{ field.help_text|glossary_links:request }}`: the text, escaped, with the first mention
    of each glossary term on the page linked to its definition."""
    if not text:
        return text
    if request is None:
        from django.utils.html import conditional_escape

        return conditional_escape(text)
    return TermLinker.for_request(request).link(text)
