"""Regenerate countries.csv from the pycountry package (a development-time tool only).

    pip install pycountry && python registry/data/build_countries.py

The short common name is preferred where ISO has a long official one ("Bolivia" rather than
"Bolivia, Plurinational State of"), because that is what focal points write in fichas.
"""

import csv
import gettext
from pathlib import Path

import pycountry

# Member countries of the Ibero-American Programme for Strengthening South-South Cooperation.
IBERO_AMERICAN = {
    "AD", "AR", "BO", "BR", "CL", "CO", "CR", "CU", "DO", "EC", "ES", "GT", "HN", "MX",
    "NI", "PA", "PE", "PT", "PY", "SV", "UY", "VE",
}

# Corrections to the upstream translations.
OVERRIDES = {("CI", "name_es"): "Costa de Marfil"}


def main() -> None:
    translations = {
        language: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        for language in ("es", "pt")
    }
    rows = []
    for country in pycountry.countries:
        english = getattr(country, "common_name", None) or country.name
        rows.append(
            {
                "iso2": country.alpha_2,
                "iso3": country.alpha_3,
                "name_en": english,
                "name_es": translations["es"].gettext(english),
                "name_pt": translations["pt"].gettext(english),
                "ibero_american": int(country.alpha_2 in IBERO_AMERICAN),
            }
        )
    for row in rows:
        for (iso2, column), value in OVERRIDES.items():
            if row["iso2"] == iso2:
                row[column] = value
    target = Path(__file__).with_name("countries.csv")
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(sorted(rows, key=lambda row: row["iso2"]))


if __name__ == "__main__":
    main()
