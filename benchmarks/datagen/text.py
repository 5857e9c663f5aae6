"""Small text helpers: transliteration, slugs, adjectives of places."""

from __future__ import annotations

import re

_TO_ASCII = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ş": "s"}
)
_NON_SLUG = re.compile(r"[^a-z0-9]+")

#: Adjectives of the larger cities ("Kölner Straße", "Bielefelder Gebäudereinigung").
CITY_ADJECTIVES: dict[str, str] = {
    "Berlin": "Berliner", "Hamburg": "Hamburger", "München": "Münchner", "Köln": "Kölner",
    "Frankfurt am Main": "Frankfurter", "Stuttgart": "Stuttgarter",
    "Düsseldorf": "Düsseldorfer", "Leipzig": "Leipziger", "Dortmund": "Dortmunder",
    "Essen": "Essener", "Bremen": "Bremer", "Dresden": "Dresdner", "Hannover": "Hannoversche",
    "Nürnberg": "Nürnberger", "Duisburg": "Duisburger", "Bochum": "Bochumer",
    "Wuppertal": "Wuppertaler", "Bielefeld": "Bielefelder", "Bonn": "Bonner",
    "Münster": "Münsteraner", "Mannheim": "Mannheimer", "Karlsruhe": "Karlsruher",
    "Augsburg": "Augsburger", "Wiesbaden": "Wiesbadener", "Aachen": "Aachener",
    "Braunschweig": "Braunschweiger", "Kiel": "Kieler", "Chemnitz": "Chemnitzer",
    "Magdeburg": "Magdeburger", "Krefeld": "Krefelder", "Mainz": "Mainzer",
    "Lübeck": "Lübecker", "Erfurt": "Erfurter", "Rostock": "Rostocker", "Kassel": "Kasseler",
    "Hagen": "Hagener", "Potsdam": "Potsdamer", "Oldenburg": "Oldenburger",
    "Osnabrück": "Osnabrücker", "Darmstadt": "Darmstädter", "Heidelberg": "Heidelberger",
    "Regensburg": "Regensburger", "Paderborn": "Paderborner", "Ingolstadt": "Ingolstädter",
    "Würzburg": "Würzburger", "Ulm": "Ulmer", "Heilbronn": "Heilbronner",
    "Göttingen": "Göttinger", "Koblenz": "Koblenzer", "Trier": "Trierer", "Siegen": "Siegener",
    "Bamberg": "Bamberger", "Lüneburg": "Lüneburger", "Flensburg": "Flensburger",
}  # fmt: skip


def to_ascii(text: str) -> str:
    """``Müller Straße`` → ``Mueller Strasse``."""
    return text.translate(_TO_ASCII)


def slug(text: str) -> str:
    """A lower-case ASCII slug for e-mail domains: ``Müller & Söhne`` → ``mueller-soehne``."""
    return _NON_SLUG.sub("-", to_ascii(text).lower()).strip("-")
