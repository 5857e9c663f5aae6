"""``ordinavo-desk match``: map a file of items against a reference file, write results.

Nothing touches the desk's store. Every input is read and validated before the first
result is written, and ``--out`` is written to a temporary file that replaces the target
only when complete, so bad input never leaves a half-written result file.
"""

from __future__ import annotations

import gc
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ordinavo_desk.domain.errors import InputError
from ordinavo_desk.matching.engine import MappingEngine
from ordinavo_desk.matching.index import ReferenceIndex, collector_paused
from ordinavo_desk.services.payload_files import (
    iter_reference,
    read_settings_document,
    read_targets,
    settings_from,
)

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class MatchSummary:
    items: int
    customers: int


def run_match(
    reference: Path,
    items: Path,
    settings_path: Path,
    *,
    out: Path | None,
    stdout: TextIO,
    progress: Progress | None = None,
) -> MatchSummary:
    settings = settings_from(read_settings_document(settings_path), file=str(settings_path))
    index, customers = load_reference_index(reference, settings.tenant)
    parsed = read_targets(items, settings.source_system)
    engine = MappingEngine(index)
    total = len(parsed)

    def write_all(stream: TextIO) -> None:
        for done, entry in enumerate(parsed, start=1):
            outcome = engine.map_and_apply(entry.target, settings)
            stream.write(json.dumps(outcome.result.to_result_json(), ensure_ascii=False))
            stream.write("\n")
            if progress is not None and (done % 500 == 0 or done == total):
                progress(done, total)

    if out is None:
        write_all(stdout)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                write_all(stream)
            os.replace(temp_name, out)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
    return MatchSummary(items=total, customers=customers)


def load_reference_index(path: Path, default_tenant: str) -> tuple[ReferenceIndex, int]:
    """Index a reference file as it is read, customer by customer (JSON Lines never sit
    in memory whole), and say how many customers it held."""
    index = ReferenceIndex()
    count = 0
    with collector_paused():
        for parsed in iter_reference(path, default_tenant):
            try:
                index.add_reference_customer(parsed.customer, parsed.tenant, parsed.prefix)
            except InputError as exc:
                raise InputError(
                    exc.message, file=str(path), line=parsed.line, field=exc.field
                ) from None
            count += 1
    # The index lives for the whole run: move its millions of objects out of the cyclic
    # collector's sight, or every full collection would walk them all (seconds at 1M).
    gc.freeze()
    return index, count
