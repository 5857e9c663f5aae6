"""Normalisation of names, addresses, emails and phone numbers for comparison.

Every function is pure and idempotent: normalising a normalised value changes nothing.
The forms produced here are comparison keys, never shown to a person.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ordinavo_desk.matching.legal_forms import (
    LEGAL_FORM_WORDS,
    LEGAL_FORMS_ANYWHERE,
    LEGAL_FORMS_TRAILING,
)
from ordinavo_desk.matching.phone_codes import CALLING_CODES

# -- text folding -------------------------------------------------------------------------

#: Letters that Unicode does not decompose, spelled the way German data spells them.
_TRANSLITERATION = str.maketrans(
    {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "ħ": "h",
    }
)
_NON_WORD = re.compile(r"[\W_]+")
#: Combining marks of the blocks Latin, Greek and Cyrillic text use.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def _fold_once(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_TRANSLITERATION)
    stripped = _COMBINING.sub("", unicodedata.normalize("NFKD", folded))
    if not stripped.isascii():
        stripped = "".join(ch for ch in stripped if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", stripped).split())


def _latin_table() -> dict[int, str]:
    """Latin-1 and Latin Extended-A letters that fold to plain ASCII, folded one by one
    (a shortcut for the common case; the full path gives the same result)."""
    table: dict[int, str] = {}
    for code in range(0xC0, 0x180):
        folded = _fold_once(chr(code))
        if folded.isascii() and folded.isalpha() and _fold_once(f"a{chr(code)}a") == f"a{folded}a":
            table[code] = folded
    return table


#: The shortcut as a translation table (other characters are left as they are).
_LATIN = _latin_table()


def fold(text: str) -> str:
    """Lower-case words separated by single spaces: umlauts spelled out (ä → ae, ß → ss),
    other accents dropped, punctuation turned into spaces."""
    if not text.isascii():
        shortcut = text.translate(_LATIN)
        if shortcut.isascii():
            text = shortcut
    if text.isascii():
        return " ".join(_NON_WORD.sub(" ", text.lower()).split())
    current = _fold_once(text)
    for _ in range(8):  # a fixpoint is reached after one or two rounds
        if current.isascii():  # plain lower-case words: folding changes nothing more
            break
        nxt = _fold_once(current)
        if nxt == current:
            break
        current = nxt
    return current


# -- organisation names -------------------------------------------------------------------

#: Words that join parts of a name and carry no identity ("Müller & Söhne", "Müller und Söhne").
_NAME_CONNECTORS = frozenset({"und", "and", "et"})


def _by_edge(
    forms: tuple[tuple[str, ...], ...], edge: int
) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Forms keyed by their first (edge 0) or last (edge -1) word, longest first."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for form in forms:
        out.setdefault(form[edge], []).append(form)
    return {word: tuple(found) for word, found in out.items()}


_ANYWHERE_BY_FIRST = _by_edge(LEGAL_FORMS_ANYWHERE, 0)
_TRAILING_BY_LAST = _by_edge(LEGAL_FORMS_TRAILING, -1)


def _drop_legal_forms_once(tokens: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    n = len(tokens)
    while i < n:
        forms = _ANYWHERE_BY_FIRST.get(tokens[i])
        if forms is not None:
            for form in forms:
                if tuple(tokens[i : i + len(form)]) == form:
                    i += len(form)
                    break
            else:
                out.append(tokens[i])
                i += 1
        else:
            out.append(tokens[i])
            i += 1
    while out:
        forms = _TRAILING_BY_LAST.get(out[-1])
        if forms is None:
            break
        for form in forms:
            if len(out) > len(form) and tuple(out[-len(form) :]) == form:
                del out[-len(form) :]
                break
        else:
            break
    return out


def name_tokens(name: str) -> list[str]:
    """The words of an organisation name without legal forms and connectors."""
    tokens = [t for t in fold(name).split() if t not in _NAME_CONNECTORS]
    while not LEGAL_FORM_WORDS.isdisjoint(tokens):
        reduced = _drop_legal_forms_once(tokens)
        if len(reduced) == len(tokens):
            break
        tokens = reduced
    if not tokens:  # the name is nothing but a legal form: compare it as it is
        return fold(name).split()
    return tokens


def normalize_name(name: str) -> str:
    """Comparison key of an organisation name: folded, legal forms (GmbH, G.m.b.H., AG,
    GmbH & Co. KG, e.K., UG (haftungsbeschränkt), …) and connectors (&, und) removed."""
    return " ".join(name_tokens(name))


# -- streets and house numbers ------------------------------------------------------------

_HOUSE_NUMBER = r"\d+\s*[a-z]?(?:\s*[-–—/]\s*(?:\d+\s*[a-z]?|[a-z]))?"
_TRAILING_NUMBER = re.compile(
    rf"^(?P<street>.*?[^\d\s,.;-][.]?)[\s,;]*(?:nr\.?\s*|no\.?\s*)?(?P<number>{_HOUSE_NUMBER})\s*$"
)
_LEADING_NUMBER = re.compile(rf"^\s*(?P<number>{_HOUSE_NUMBER})\s*[,\s]\s*(?P<street>\D.*)$")
_STREET_WORDS = {"str": "str", "strasse": "str", "pl": "platz"}


@dataclass(frozen=True, slots=True)
class StreetParts:
    """A street split into a comparison key of its name and a canonical house number."""

    name: str
    house_number: str | None

    @property
    def house_base(self) -> str | None:
        """The leading digits of the house number ("12" of "12a-14")."""
        if self.house_number is None:
            return None
        digits = re.match(r"\d+", self.house_number)
        return digits.group(0) if digits else None


def normalize_house_number(number: str) -> str:
    """``12 a`` → ``12a``, ``12 - 14`` → ``12-14``; dashes unified, spaces removed."""
    text = fold_dashes(unicodedata.normalize("NFKC", number).casefold())
    return re.sub(r"\s+", "", text)


def fold_dashes(text: str) -> str:
    return text.replace("–", "-").replace("—", "-")


def normalize_street_name(street: str) -> str:
    """Comparison key of a street name: folded, ``Straße``/``Strasse``/``Str.`` → ``str``
    (also when attached, as in ``Hachestr.``), written without spaces so that
    ``Berliner Str.``, ``Berliner Straße`` and ``Berlinerstr`` agree."""
    out: list[str] = []
    for token in fold(street).split():
        if token in _STREET_WORDS:
            out.append(_STREET_WORDS[token])
        elif token.endswith("strasse"):
            out.append(token[: -len("strasse")] + "str")
        else:
            out.append(token)
    return "".join(out)


@lru_cache(maxsize=200_000)
def split_street(street: str) -> StreetParts:
    """Split ``Hachestraße 12 a`` into ``StreetParts("hachestr", "12a")``.

    The house number is taken from the end of the street (German order) or, failing
    that, from its start (``12 Rue de la Paix``).
    """
    text = unicodedata.normalize("NFKC", street).casefold().strip()
    match = _TRAILING_NUMBER.match(text) or _LEADING_NUMBER.match(text)
    if match is None:
        return StreetParts(normalize_street_name(text), None)
    name = normalize_street_name(match.group("street"))
    if not name:
        return StreetParts(normalize_street_name(text), None)
    return StreetParts(name, normalize_house_number(match.group("number")))


# -- cities and postal codes --------------------------------------------------------------

#: Abbreviated qualifiers at the end of a city name, after folding.
_CITY_ABBREVIATIONS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("a", "d", "o"), ("oder",)),
    (("a", "d", "s"), ("saale",)),
    (("a", "d", "d"), ("donau",)),
    (("i", "d", "opf"), ("oberpfalz",)),
    (("a", "m"), ("main",)),
    (("a", "rh"), ("rhein",)),
    (("i", "br"), ("breisgau",)),
    (("i", "opf"), ("oberpfalz",)),
    (("i", "allg"), ("allgaeu",)),
    (("i", "westf"), ("westfalen",)),
    (("westf",), ("westfalen",)),
)
#: Words that join a city and its qualifier ("am Main", "an der Saale", "im Breisgau").
_CITY_CONNECTORS = frozenset(
    {"a", "am", "an", "d", "der", "den", "dem", "ad", "i", "im", "in", "b", "bei", "ob", "o"}
)
_CITY_WORDS = {"st": "sankt"}
#: A bare name that means one city in everyday use, and exonyms.
_CITY_ALIASES = {
    "frankfurt": "frankfurt main",
    "halle": "halle saale",
    "munich": "muenchen",
    "cologne": "koeln",
    "nuremberg": "nuernberg",
    "hanover": "hannover",
    "brunswick": "braunschweig",
    "vienna": "wien",
    "zurich": "zuerich",
}


@lru_cache(maxsize=100_000)
def normalize_city(city: str) -> str:
    """Comparison key of a city: ``Frankfurt am Main``, ``Frankfurt a. M.``,
    ``Frankfurt/Main`` and ``Frankfurt`` → ``frankfurt main``; ``Halle (Saale)`` and
    ``Halle an der Saale`` → ``halle saale``; ``St.`` → ``sankt``."""
    tokens = [_CITY_WORDS.get(t, t) for t in fold(city).split()]
    for short, full in _CITY_ABBREVIATIONS:
        if len(tokens) > len(short) and tuple(tokens[-len(short) :]) == short:
            tokens = tokens[: -len(short)] + list(full)
            break
    kept = [t for t in tokens if t not in _CITY_CONNECTORS] if len(tokens) > 1 else tokens
    key = " ".join(kept or tokens)
    return _CITY_ALIASES.get(key, key)


_COUNTRY_PREFIX = re.compile(r"^[A-Z]{1,2}\s*-\s*(?=\d)")


def normalize_postal_code(postal_code: str, country: str | None = None) -> str:
    """Trimmed, upper-case, without spaces, dashes and a ``D-``/``DE-`` prefix; a German
    code that lost its leading zero (``1067``) is padded when the country is DE."""
    text = postal_code.strip().upper()
    text = _COUNTRY_PREFIX.sub("", text)
    text = re.sub(r"[\s\-.]", "", text)
    if country == "DE" and text.isdigit() and len(text) == 4:
        text = "0" + text
    return text


# -- people, emails, phones ---------------------------------------------------------------


def normalize_person_name(name: str) -> str:
    """Comparison key of a person's name: folded words in sorted order, so that
    ``Weber, Anna`` and ``Anna Weber`` agree."""
    return " ".join(sorted(fold(name).split()))


def normalize_email(email: str) -> str | None:
    """Trimmed and lower-cased, without ``mailto:`` and angle brackets; ``None`` when the
    text is not an address."""
    text = email.strip()
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:") :]
    text = text.strip().strip("<>").strip().lower()
    local, at, domain = text.rpartition("@")
    if not at or not local or not domain or " " in text:
        return None
    return text


_EXTENSION = re.compile(r"(?:ext\.?|x|durchwahl|dw\.?)\s*\d+\s*$", re.IGNORECASE)
_TRUNK_ZERO = re.compile(r"\(\s*0\s*\)")


def normalize_phone(phone: str, default_country: str | None = "DE") -> str | None:
    """The number in E.164 (``+492011234567``), or ``None`` when it cannot be read.

    International forms (``+49 …``, ``0049 …``) keep their country code; a national form
    (``0201 123456``) takes the default country's code (DE when none is given) after
    dropping the national trunk prefix. ``(0)`` after a country code is dropped.
    """
    text = unicodedata.normalize("NFKC", phone).strip()
    text = _EXTENSION.sub("", text)
    text = _TRUNK_ZERO.sub("", text)
    if re.search(r"[^\d\s+()\-./]", text):
        return None
    plus = text.lstrip().startswith("+")
    digits = re.sub(r"\D", "", text)
    if not digits:
        return None
    if plus:
        number = digits
    elif digits.startswith("00"):
        number = digits[2:]
    else:
        country = (default_country or "DE").upper()
        code = CALLING_CODES.get(country)
        if code is None:
            return None
        calling, trunk = code
        if trunk and digits.startswith(trunk):
            digits = digits[len(trunk) :]
        elif trunk and calling != "1":
            return None  # a national number without its trunk prefix is a local number
        number = calling + digits
    if not 8 <= len(number) <= 15 or number.startswith("0"):
        return None
    return "+" + number
