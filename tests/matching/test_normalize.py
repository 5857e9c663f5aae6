"""Normalisation: examples per rule, and properties (idempotence, invariance, no crash)."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ordinavo_desk.matching.legal_forms import LEGAL_FORM_WORDS
from ordinavo_desk.matching.normalize import (
    StreetParts,
    fold,
    normalize_city,
    normalize_email,
    normalize_house_number,
    normalize_name,
    normalize_person_name,
    normalize_phone,
    normalize_postal_code,
    normalize_street_name,
    split_street,
)

LEGAL_FORMS = [
    "GmbH",
    "G.m.b.H.",
    "mbH",
    "AG",
    "KG",
    "GmbH & Co. KG",
    "GmbH und Co. KG",
    "e.K.",
    "UG (haftungsbeschränkt)",
    "UG",
    "OHG",
    "e.V.",
    "KGaA",
    "AG & Co. KG",
    "gGmbH",
    "Ltd.",
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Müller", "mueller"),
        ("MÜLLER", "mueller"),
        ("Mueller", "mueller"),
        ("Straße", "strasse"),
        ("STRASSE", "strasse"),
        ("Café Zoë", "cafe zoe"),
        ("Łódź", "lodz"),
        ("Rhein-Ruhr  Medical/Supply!", "rhein ruhr medical supply"),
        ("  ", ""),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize("form", LEGAL_FORMS)
def test_legal_forms_are_removed(form: str) -> None:
    assert normalize_name(f"Rhein-Ruhr Medical Supply {form}") == "rhein ruhr medical supply"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Müller & Söhne OHG", "mueller soehne"),
        ("Müller und Söhne", "mueller soehne"),
        ("Schmidt & Co.", "schmidt"),
        ("AG Wohnbau Schmidt", "wohnbau schmidt"),
        ("GmbH", "gmbh"),  # a name that is only a legal form is kept as it is
    ],
)
def test_normalize_name(name: str, expected: str) -> None:
    assert normalize_name(name) == expected


@pytest.mark.parametrize(
    ("street", "name", "number"),
    [
        ("Hachestraße 12", "hachestr", "12"),
        ("Hachestrasse 12", "hachestr", "12"),
        ("Hachestr. 12", "hachestr", "12"),
        ("Hachestr.12", "hachestr", "12"),
        ("Hache Str. 12", "hachestr", "12"),
        ("hachestr 12 a", "hachestr", "12a"),
        ("Hachestraße 12A", "hachestr", "12a"),
        ("Hachestraße 12-14", "hachestr", "12-14"),
        ("Hachestraße 12 – 14", "hachestr", "12-14"),
        ("Berliner Straße 5", "berlinerstr", "5"),
        ("Berliner Str. 5", "berlinerstr", "5"),
        ("Konrad-Adenauer-Straße 3", "konradadenauerstr", "3"),
        ("Straße des 17. Juni 135", "strdes17juni", "135"),
        ("Am Markt", "ammarkt", None),
        ("12 Rue de la Paix", "ruedelapaix", "12"),
    ],
)
def test_split_street(street: str, name: str, number: str | None) -> None:
    assert split_street(street) == StreetParts(name, number)


def test_house_number_forms() -> None:
    assert normalize_house_number("12 a") == normalize_house_number("12A") == "12a"
    assert normalize_house_number("12 - 14") == "12-14"
    assert StreetParts("x", "12a-14").house_base == "12"


@pytest.mark.parametrize(
    ("spellings", "key"),
    [
        (
            [
                "Frankfurt am Main",
                "Frankfurt a. M.",
                "Frankfurt a.M.",
                "Frankfurt/Main",
                "FRANKFURT (MAIN)",
                "Frankfurt",
            ],
            "frankfurt main",
        ),
        (["Frankfurt (Oder)", "Frankfurt an der Oder", "Frankfurt a.d.O."], "frankfurt oder"),
        (
            ["Halle (Saale)", "Halle an der Saale", "Halle/Saale", "Halle a.d.S.", "Halle"],
            "halle saale",
        ),
        (["Freiburg im Breisgau", "Freiburg i. Br.", "Freiburg i.Br."], "freiburg breisgau"),
        (["St. Augustin", "Sankt Augustin"], "sankt augustin"),
        (["München", "Muenchen", "Munich"], "muenchen"),
        (["Köln", "Koeln", "Cologne"], "koeln"),
    ],
)
def test_city_spellings(spellings: list[str], key: str) -> None:
    assert {normalize_city(s) for s in spellings} == {key}


@pytest.mark.parametrize(
    ("raw", "country", "expected"),
    [
        (" 45127 ", None, "45127"),
        ("D-45127", None, "45127"),
        ("DE-45127", "DE", "45127"),
        ("1067", "DE", "01067"),
        ("1012 ab", "NL", "1012AB"),
        ("1067", "AT", "1067"),
    ],
)
def test_postal_codes(raw: str, country: str | None, expected: str) -> None:
    assert normalize_postal_code(raw, country) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (" Anna.Weber@Example.COM ", "anna.weber@example.com"),
        ("mailto:ops@example.com", "ops@example.com"),
        ("<ops@example.com>", "ops@example.com"),
        ("not an address", None),
        ("@example.com", None),
    ],
)
def test_emails(raw: str, expected: str | None) -> None:
    assert normalize_email(raw) == expected


@pytest.mark.parametrize(
    ("raw", "country", "expected"),
    [
        ("+49 201 123456", "DE", "+49201123456"),
        ("0201 123456", "DE", "+49201123456"),
        ("0201/123456", None, "+49201123456"),
        ("0049 201 123456", "DE", "+49201123456"),
        ("+49 (0)201 123456", "DE", "+49201123456"),
        ("+49 201 123456 ext. 12", "DE", "+49201123456"),
        ("01 234 5678", "AT", "+4312345678"),
        ("06 1234 5678", "IT", "+390612345678"),
        ("(212) 555-0100", "US", "+12125550100"),
        ("201 123456", "DE", None),  # a local number without its area code
        ("call me", "DE", None),
        ("0201 123456", "ZZ", None),  # a national number of an unknown country
    ],
)
def test_phones(raw: str, country: str | None, expected: str | None) -> None:
    assert normalize_phone(raw, country) == expected


def test_person_names_ignore_order_and_spelling() -> None:
    assert normalize_person_name("Weber, Anna") == normalize_person_name("anna WEBER")
    assert normalize_person_name("Jürgen Groß") == normalize_person_name("Juergen Gross")


def test_street_suffix_forms_agree() -> None:
    forms = ["Hachestraße", "Hachestrasse", "Hachestr.", "Hachestr", "Hache Str.", "Hache-Straße"]
    assert {normalize_street_name(f) for f in forms} == {"hachestr"}


# -- properties -----------------------------------------------------------------------------

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüßéèçñ", min_size=3, max_size=10)
NAME = st.lists(WORD, min_size=1, max_size=4).map(" ".join)
UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}


@given(st.text())
def test_fold_is_idempotent_and_never_crashes(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    assert once == once.strip()
    assert "  " not in once


@given(st.text())
def test_name_city_street_keys_are_idempotent(text: str) -> None:
    name = normalize_name(text)
    assert normalize_name(name) == name
    city = normalize_city(text)
    assert normalize_city(city) == city
    street = normalize_street_name(text)
    assert normalize_street_name(street) == street


@given(st.text())
def test_other_normalisers_never_crash(text: str) -> None:
    split_street(text)
    normalize_postal_code(text, "DE")
    normalize_email(text)
    normalize_person_name(text)
    phone = normalize_phone(text, "DE")
    assert phone is None or (phone.startswith("+") and phone[1:].isdigit())
    if phone is not None:
        assert normalize_phone(phone, "DE") == phone


@given(NAME)
def test_name_key_ignores_case_and_umlaut_spelling(name: str) -> None:
    spelled_out = name
    for umlaut, spelling in UMLAUTS.items():
        spelled_out = spelled_out.replace(umlaut, spelling)
    assert normalize_name(name.upper()) == normalize_name(name)
    assert normalize_name(spelled_out) == normalize_name(name)
    assert normalize_city(name.title()) == normalize_city(name)


@given(NAME, st.sampled_from(LEGAL_FORMS))
def test_name_key_ignores_legal_forms(name: str, form: str) -> None:
    assume(not set(fold(name).split()) & (LEGAL_FORM_WORDS | {"und", "and", "et"}))
    assert normalize_name(f"{name} {form}") == normalize_name(name)
    assert normalize_name(f"{name.upper()} {form.lower()}") == normalize_name(name)


@given(WORD, st.integers(min_value=1, max_value=999), st.sampled_from(["", "a", "B"]))
def test_street_forms_agree(word: str, number: int, suffix: str) -> None:
    forms = [
        f"{word}straße {number}{suffix}",
        f"{word}strasse {number} {suffix}",
        f"{word}str. {number}{suffix.upper()}",
        f"{word.upper()}STR {number}{suffix}",
    ]
    assert len({split_street(f) for f in forms}) == 1
