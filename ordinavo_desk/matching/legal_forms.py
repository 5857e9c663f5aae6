"""Legal forms of organisations, as folded word sequences (``GmbH & Co. KG`` →
``gmbh co kg``), which name normalisation drops before comparing names."""

from __future__ import annotations

#: Forms removed wherever they stand in a name.
LEGAL_FORMS_ANYWHERE: tuple[tuple[str, ...], ...] = tuple(
    sorted(
        (
            tuple(form.split())
            for form in (
                "gmbh co kgaa",
                "gmbh co kg",
                "gmbh co ohg",
                "ag co kgaa",
                "ag co kg",
                "se co kgaa",
                "se co kg",
                "ug haftungsbeschraenkt co kg",
                "ug haftungsbeschraenkt",
                "gesellschaft mit beschraenkter haftung",
                "mit beschraenkter haftung",
                "g m b h",
                "m b h",
                "co kgaa",
                "co kg",
                "co ohg",
                "e kfm",
                "e kfr",
                "e k",
                "e v",
                "e g",
                "gmbh",
                "ggmbh",
                "gesmbh",
                "mbh",
                "ag",
                "kg",
                "kgaa",
                "ohg",
                "ug",
                "ek",
                "ev",
                "gbr",
                "partg",
                "partgmbb",
                "ltd",
                "inc",
                "llc",
                "plc",
                "corp",
                "sarl",
                "srl",
                "bvba",
            )
        ),
        key=len,
        reverse=True,
    )
)

#: Short forms that are also ordinary words: removed only at the end of a name.
LEGAL_FORMS_TRAILING: tuple[tuple[str, ...], ...] = tuple(
    sorted(
        (
            tuple(form.split())
            for form in (
                "s a r l",
                "s p a",
                "s r l",
                "s a",
                "b v",
                "n v",
                "sa",
                "spa",
                "bv",
                "nv",
                "se",
                "ab",
                "as",
                "aps",
                "oy",
                "co",
                "limited",
                "company",
                "eg",
            )
        ),
        key=len,
        reverse=True,
    )
)

#: Every word that can belong to a legal form (used by tests and blocking).
LEGAL_FORM_WORDS: frozenset[str] = frozenset(
    word for form in (*LEGAL_FORMS_ANYWHERE, *LEGAL_FORMS_TRAILING) for word in form
)
