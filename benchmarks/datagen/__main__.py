"""``python -m benchmarks.datagen --customers N --items M --seed S --out DIR``."""

from __future__ import annotations

from benchmarks.datagen.cli import main

raise SystemExit(main())
