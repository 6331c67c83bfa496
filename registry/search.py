"""Full-text search in the registry's three languages at once.

Initiatives are written in Spanish or Portuguese and read in any of the site's languages: the
stored vector holds the words as the Spanish, Portuguese and English stemmers each cut them, and a
query asks the three, so a word finds its other forms whichever language it was written in.

Text reaches PostgreSQL folded (registry.text: the embedded server has no `unaccent`), and folded
cognates of the commonest family in cooperation texts still differ by their ending, which no
stemmer removes from folded text: "cooperacion", "cooperacao", "cooperation". Those endings are
first spelled the Spanish way, in the stored text and in the query alike.
"""

from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db.models import F, Func, TextField, Value

SEARCH_CONFIGS = ("spanish", "portuguese", "english")
# A search matching more initiatives than this is too broad to rank: the catalog lists the first
# of them in its order and the API lists them all by key. Ranking every match of a common word
# grew with the registry (three quarters of a second at 100,000 for two common words).
SEARCH_RANKING_LIMIT = 1000

# Portuguese -ção/-ções, -são/-sões and English -tion(s), folded, as Spanish -ción(es),
# -sión(es) fold. After a letter only ("São Paulo" stays), and not -stion, which Spanish writes
# too ("gestión", "cuestión").
COGNATE_ENDINGS = (
    (r"([a-z])([cs])ao\M", r"\1\2ion"),
    (r"([a-z])([cs])oes\M", r"\1\2iones"),
    (r"([a-rt-z])tion\M", r"\1cion"),
    (r"([a-rt-z])tions\M", r"\1ciones"),
)


def with_cognate_endings(expression):
    """Folded text (an SQL expression) with COGNATE_ENDINGS spelled the Spanish way."""
    for pattern, replacement in COGNATE_ENDINGS:
        expression = Func(
            expression, Value(pattern), Value(replacement), Value("g"),
            function="regexp_replace", output_field=TextField(),
        )
    return expression


def search_vector(field: str) -> SearchVector:
    """The stored vector of a folded text column: its words as each language stems them."""
    text = with_cognate_endings(F(field))
    return reduce(lambda vector, other: vector + other, (SearchVector(text, config=config) for config in SEARCH_CONFIGS))


def search_query(folded: str) -> SearchQuery:
    """A search-engine query (quotes, OR, -word) matching its words in any of the languages."""
    text = with_cognate_endings(Value(folded))
    return reduce(
        lambda query, other: query | other,
        (SearchQuery(text, config=config, search_type="websearch") for config in SEARCH_CONFIGS),
    )
