#!/usr/bin/env python3
"""The window's translation files: extract, fill, compile, check.

    python scripts/translations.py            # update the .ts from the sources, fill new
                                              # messages from scripts/translations_de.py,
                                              # compile the .qm
    python scripts/translations.py --refill   # the same, and let the dictionary win over
                                              # translations already in the .ts
    python scripts/translations.py --check    # exit 1 when the .ts is behind the sources,
                                              # a message lacks its translation (or mangles
                                              # a placeholder), or the .qm is stale
    python scripts/translations.py --unfinished   # list what still needs a translation

The messages are every ``self.tr(...)`` and ``QCoreApplication.translate(...)`` of
``ordinavo_desk/ui/**/*.py``, extracted by ``pyside6-lupdate`` (without source locations,
so that editing a file does not churn the .ts; obsolete messages are dropped). The .ts is
the record of the translations: edit it with Qt Linguist or add the German to
``scripts/translations_de.py`` and run this script again.
"""

from __future__ import annotations

import argparse
import filecmp
import importlib.util
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "ordinavo_desk" / "ui"
TRANSLATIONS_DIR = ROOT / "resources" / "translations"
CATALOG = "ordinavo_desk"
#: language → (Qt's language code for the .ts, the number of plural forms).
LANGUAGES = {"de": ("de_DE", 2)}
DICTIONARIES = {"de": Path(__file__).resolve().parent / "translations_de.py"}

_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%n|%L?\d")
_MNEMONIC = re.compile(r"&(?!&)(?=\S)")

Translation = str | tuple[str, ...]


def ts_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"{CATALOG}_{language}.ts"


def qm_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"{CATALOG}_{language}.qm"


def sources() -> list[Path]:
    return sorted(SOURCES.rglob("*.py"))


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    if beside.is_file():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found (it comes with PySide6: pip install pyside6)")
    return found


def lupdate(ts: Path, language: str) -> None:
    """Merge the messages of the sources into ``ts`` (made when missing)."""
    code, _forms = LANGUAGES[language]
    files = [str(path.relative_to(ROOT)) for path in sources()]
    command = [
        _tool("pyside6-lupdate"),
        "-silent",
        "-no-obsolete",
        "-locations",
        "none",
        "-source-language",
        "en",
        "-target-language",
        code,
        *files,
        "-ts",
        str(ts),
    ]
    subprocess.run(command, cwd=ROOT, check=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run(
        [_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], cwd=ROOT, check=True
    )


# -- reading and filling the .ts ---------------------------------------------------------------


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    comment: str | None
    numerus: bool
    #: The translation (one form, or each plural form); empty strings where missing.
    forms: tuple[str, ...]
    #: "unfinished", "vanished", "obsolete" or None (finished).
    state: str | None


def _messages(root: ET.Element) -> Iterator[tuple[str, ET.Element]]:
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            yield name, message


def read_messages(ts: Path) -> list[Message]:
    found = []
    for context, element in _messages(ET.parse(ts).getroot()):
        translation = element.find("translation")
        numerus = element.get("numerus") == "yes"
        if translation is None:
            forms: tuple[str, ...] = ()
            state: str | None = "unfinished"
        else:
            state = translation.get("type")
            if numerus:
                forms = tuple(f.text or "" for f in translation.findall("numerusform"))
            else:
                forms = (translation.text or "",)
        found.append(
            Message(
                context,
                element.findtext("source") or "",
                element.findtext("comment"),
                numerus,
                forms,
                state,
            )
        )
    return found


def load_dictionary(
    language: str,
) -> tuple[dict[str, Translation], dict[tuple[str, str], Translation]]:
    """The dictionary of ``scripts/translations_<language>.py``: by source text, and by
    (context, source text) where one context needs other words."""
    path = DICTIONARIES[language]
    spec = importlib.util.spec_from_file_location(f"translations_{language}", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return dict(module.TRANSLATIONS), dict(getattr(module, "BY_CONTEXT", {}))


def fill(
    ts: Path,
    by_source: Mapping[str, Translation],
    by_context: Mapping[tuple[str, str], Translation],
    *,
    refill: bool,
) -> int:
    """Put the dictionary's words into the messages that lack a translation (every
    message it knows with ``refill``); returns how many messages were filled."""
    _code, plural_forms = LANGUAGES[_language_of(ts)]
    tree = ET.parse(ts)
    filled = 0
    for context, element in _messages(tree.getroot()):
        source = element.findtext("source") or ""
        words = by_context.get((context, source), by_source.get(source))
        if words is None:
            continue
        translation = element.find("translation")
        if translation is None:
            translation = ET.SubElement(element, "translation")
        finished = translation.get("type") is None and bool("".join(translation.itertext()).strip())
        if finished and not refill:
            continue
        numerus = element.get("numerus") == "yes"
        forms = (words,) * plural_forms if isinstance(words, str) and numerus else words
        for child in list(translation):
            translation.remove(child)
        if numerus:
            assert isinstance(forms, tuple), f"{context}: {source!r} needs plural forms"
            if len(forms) != plural_forms:
                raise SystemExit(f"{context}: {source!r} needs {plural_forms} plural forms")
            translation.text = None
            for form in forms:
                ET.SubElement(translation, "numerusform").text = form
        else:
            if not isinstance(words, str):
                raise SystemExit(f"{context}: {source!r} takes one translation, not forms")
            translation.text = words
        translation.attrib.pop("type", None)
        filled += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


def _language_of(ts: Path) -> str:
    return ts.stem.rsplit("_", 1)[1]


# -- checking ----------------------------------------------------------------------------------


def _placeholders(text: str) -> list[str]:
    return sorted(set(_PLACEHOLDER.findall(text)))


def problems(messages: Sequence[Message], plural_forms: int) -> list[str]:
    """What is wrong with the translations: unfinished, empty, a placeholder or an
    accelerator (&) lost or added."""
    found = []
    for message in messages:
        where = f"{message.context}: {message.source!r}"
        if message.state is not None:
            found.append(f"{where}: {message.state}")
            continue
        if message.numerus and len(message.forms) != plural_forms:
            found.append(f"{where}: {len(message.forms)} plural forms, not {plural_forms}")
        expected = _placeholders(message.source)
        for form in message.forms:
            if not form.strip():
                found.append(f"{where}: empty translation")
                continue
            if _placeholders(form) != expected:
                found.append(
                    f"{where}: placeholders {_placeholders(form)} in {form!r}, not {expected}"
                )
            if bool(_MNEMONIC.search(message.source)) != bool(_MNEMONIC.search(form)):
                found.append(f"{where}: the accelerator (&) of {form!r} does not match")
    return found


def check(language: str) -> list[str]:
    ts, qm = ts_path(language), qm_path(language)
    if not ts.is_file():
        return [f"{ts.relative_to(ROOT)} is missing: run python scripts/translations.py"]
    failures = []
    with tempfile.TemporaryDirectory(prefix="ordinavo-desk-ts-") as temp:
        fresh = Path(temp) / ts.name
        shutil.copyfile(ts, fresh)
        lupdate(fresh, language)
        if not filecmp.cmp(ts, fresh, shallow=False):
            failures.append(
                f"{ts.relative_to(ROOT)} is behind the sources (messages were added, changed "
                "or removed): run python scripts/translations.py"
            )
        _code, plural_forms = LANGUAGES[language]
        failures += problems(read_messages(fresh), plural_forms)
        compiled = Path(temp) / qm.name
        lrelease(ts, compiled)
        if not qm.is_file():
            failures.append(
                f"{qm.relative_to(ROOT)} is missing: run python scripts/translations.py"
            )
        elif not filecmp.cmp(qm, compiled, shallow=False):
            failures.append(
                f"{qm.relative_to(ROOT)} is not what the .ts compiles to: run "
                "python scripts/translations.py"
            )
    return failures


def update(language: str, *, refill: bool) -> int:
    ts, qm = ts_path(language), qm_path(language)
    ts.parent.mkdir(parents=True, exist_ok=True)
    lupdate(ts, language)
    by_source, by_context = load_dictionary(language)
    filled = fill(ts, by_source, by_context, refill=refill)
    lupdate(ts, language)  # back into lupdate's own layout (what --check compares)
    lrelease(ts, qm)
    messages = read_messages(ts)
    missing = [m for m in messages if m.state is not None or not any(f.strip() for f in m.forms)]
    print(
        f"{ts.relative_to(ROOT)}: {len(messages)} messages, {filled} filled from "
        f"{DICTIONARIES[language].name}, {len(missing)} without a translation"
    )
    for message in missing:
        print(f"  {message.context}: {message.source!r}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="check only; exit 1 on problems")
    mode.add_argument("--refill", action="store_true", help="the dictionary wins over the .ts")
    mode.add_argument("--unfinished", action="store_true", help="list untranslated messages")
    parser.add_argument("--language", default="de", choices=sorted(LANGUAGES))
    args = parser.parse_args(argv)
    if args.check:
        failures = check(args.language)
        for failure in failures:
            print(failure, file=sys.stderr)
        if failures:
            print(f"{len(failures)} problem(s) with the translations", file=sys.stderr)
            return 1
        print("translations are up to date and complete")
        return 0
    if args.unfinished:
        _code, plural_forms = LANGUAGES[args.language]
        for problem in problems(read_messages(ts_path(args.language)), plural_forms):
            print(problem)
        return 0
    return update(args.language, refill=args.refill)


if __name__ == "__main__":
    raise SystemExit(main())
