"""Country calling codes and national trunk prefixes for phone normalisation.

Only the countries a European dispatch desk meets; a national number of another country
cannot be converted and is left unmatched.
"""

from __future__ import annotations

#: ISO 3166-1 alpha-2 → (calling code, national trunk prefix or "" when none is dialled).
CALLING_CODES: dict[str, tuple[str, str]] = {
    "DE": ("49", "0"),
    "AT": ("43", "0"),
    "CH": ("41", "0"),
    "LI": ("423", ""),
    "LU": ("352", ""),
    "NL": ("31", "0"),
    "BE": ("32", "0"),
    "FR": ("33", "0"),
    "MC": ("377", ""),
    "IT": ("39", ""),
    "SM": ("378", ""),
    "VA": ("39", ""),
    "ES": ("34", ""),
    "PT": ("351", ""),
    "GB": ("44", "0"),
    "IE": ("353", "0"),
    "DK": ("45", ""),
    "NO": ("47", ""),
    "SE": ("46", "0"),
    "FI": ("358", "0"),
    "IS": ("354", ""),
    "PL": ("48", ""),
    "CZ": ("420", ""),
    "SK": ("421", "0"),
    "HU": ("36", "06"),
    "SI": ("386", "0"),
    "HR": ("385", "0"),
    "RO": ("40", "0"),
    "BG": ("359", "0"),
    "GR": ("30", ""),
    "CY": ("357", ""),
    "MT": ("356", ""),
    "EE": ("372", ""),
    "LV": ("371", ""),
    "LT": ("370", "8"),
    "TR": ("90", "0"),
    "RS": ("381", "0"),
    "BA": ("387", "0"),
    "UA": ("380", "0"),
    "US": ("1", "1"),
    "CA": ("1", "1"),
}
