"""Realistic slips in imported data: typos, transliteration, abbreviations, legal forms."""

from __future__ import annotations

import math
import re
from random import Random

from benchmarks.datagen.cities import city_spelling_variants
from benchmarks.datagen.names import LEGAL_FORM_VARIANTS, LEGAL_FORMS
from benchmarks.datagen.text import to_ascii

_KEY_NEIGHBOURS = {
    "a": "sq", "b": "vn", "c": "xv", "d": "sf", "e": "wr", "f": "dg", "g": "fh", "h": "gj",
    "i": "uo", "j": "hk", "k": "jl", "l": "kö", "m": "n", "n": "bm", "o": "ip", "p": "oü",
    "r": "et", "s": "ad", "t": "rz", "u": "zi", "w": "qe", "z": "tu", "ü": "pä", "ö": "lä",
}  # fmt: skip
_FROM_ASCII = (("ae", "ä"), ("oe", "ö"), ("ue", "ü"), ("ss", "ß"))
#: Legal forms longest first, so that "GmbH & Co. KG" wins over "KG".
_FORMS = sorted((form for form, _ in LEGAL_FORMS if form), key=len, reverse=True)


def legal_form_of(name: str) -> str | None:
    for form in _FORMS:
        if name.endswith(" " + form):
            return form
    return None


def typo(rng: Random, text: str) -> str:
    """One keyboard slip in a word of ``text`` that is not a legal form."""
    form = legal_form_of(text)
    body = text[: -len(form) - 1] if form else text
    positions = [i for i, ch in enumerate(body) if ch.isalpha() and i > 0]
    if len(positions) < 3:
        return text
    for _ in range(10):
        i = rng.choice(positions[:-1])
        kind = rng.random()
        ch = body[i]
        if kind < 0.3 and body[i + 1].isalpha():  # swap two letters
            out = body[:i] + body[i + 1] + ch + body[i + 2 :]
        elif kind < 0.55:  # a letter dropped
            out = body[:i] + body[i + 1 :]
        elif kind < 0.75:  # a letter doubled
            out = body[:i] + ch + body[i:]
        else:  # a neighbouring key
            near = _KEY_NEIGHBOURS.get(ch.lower())
            if not near:
                continue
            repl = rng.choice(near)
            out = body[:i] + (repl.upper() if ch.isupper() else repl) + body[i + 1 :]
        if out != body:
            return f"{out} {form}" if form else out
    return text


def has_umlaut(text: str) -> bool:
    return any(ch in text for ch in "äöüÄÖÜß")


def transliterate(text: str) -> str:
    """``ä → ae``, ``ß → ss`` (and the other way round when the text has no umlaut)."""
    if has_umlaut(text):
        return to_ascii(text)
    out = text
    for ascii_form, umlaut in _FROM_ASCII:
        out = out.replace(ascii_form, umlaut)
    return out


def abbreviate_street(rng: Random, street: str) -> str:
    """``Straße`` ↔ ``Str.``/``Strasse``, ``Platz`` → ``Pl.``; the street as is otherwise."""
    for long, shorts in (
        ("straße", ("str.", "strasse", "str")),
        ("Straße", ("Str.", "Strasse")),
        ("platz", ("pl.",)),
    ):
        if long in street:
            return street.replace(long, rng.choice(shorts), 1)
    if "Str." in street:
        return street.replace("Str.", "Straße", 1)
    return street


def vary_house_number(street: str) -> str:
    """``12a`` → ``12 a``, ``3-5`` → ``3 - 5``, ``12`` → ``12,`` before the number."""
    m = re.match(r"^(.*?)\s+(\d+)([a-z]?)(?:-(\d+))?$", street)
    if m is None:
        return street
    name, number, letter, upper = m.groups()
    if letter:
        return f"{name} {number} {letter}"
    if upper:
        return f"{name} {number} - {upper}"
    return f"{name}, {number}"


def vary_legal_form(rng: Random, name: str, drop: bool) -> str:
    form = legal_form_of(name)
    if form is None:
        return name
    body = name[: -len(form) - 1]
    if drop:
        return body
    return f"{body} {rng.choice(LEGAL_FORM_VARIANTS[form])}"


def vary_city(rng: Random, city: str) -> str:
    variants = city_spelling_variants(city)
    if variants:
        return rng.choice(variants)
    return city.upper()


def slip_postal_code(rng: Random, postal_code: str) -> str:
    """One digit of the last three changed (a typing slip that keeps the region)."""
    i = rng.randint(2, len(postal_code) - 1)
    digit = int(postal_code[i])
    new = (digit + rng.choice((1, 9, 3, 7))) % 10
    return postal_code[:i] + str(new) + postal_code[i + 1 :]


def jitter_metres(
    rng: Random, lat: float, lon: float, low: float, high: float
) -> tuple[float, float]:
    r = rng.uniform(low, high)
    a = rng.random() * 2 * math.pi
    dlat = r * math.cos(a) / 111_200.0
    dlon = r * math.sin(a) / (111_200.0 * math.cos(math.radians(lat)))
    return round(lat + dlat, 6), round(lon + dlon, 6)
