"""Benchmark: the review window on a queue of 100,000 pending items.

    python -m benchmarks.review_window [--items 100000] [--runs 5] [--steps 300]

Set-up (not timed): the store that ``python -m benchmarks.decisions`` pulled from the
sandbox (about 100,000 customers, 10,000 items waiting for review, each with its stored
candidates), copied and its items repeated under new external IDs until the profile has
``--items`` pending items. Run ``benchmarks.decisions`` once first.

The package's bytecode is compiled first, as installing it does (pip compiles what it
installs; an environment with PYTHONDONTWRITEBYTECODE set, such as this project's
development machine, would otherwise compile every module from source at each start).
``--no-compile`` measures that case.

Timed, each run in a fresh process (``--runs``):

1. cold start: from starting the process to a usable window (the queue's first page on
   screen and the first item shown with its candidates, comparison and map), and the
   process's peak RSS at that moment. Targets: under 2 s, under 400 MB;
2. moving to the next item (J), ``--steps`` times: from the key to the item on screen
   (its view read in the background from the stored candidates, shown in the panel with
   the comparison and the map without tiles, and the window's pending layout and paint
   done). Target p95 under 50 ms. ``--pause-ms`` is the time spent on each item before
   the next key (0: keys back to back). The steps begin once the window has settled
   (its services loaded and the sync strip up, nothing left running in the background),
   so that they time moving through the queue, not the end of the start.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

TARGET_START_S = 2.0
TARGET_RSS_MB = 400.0
TARGET_NEXT_P95_MS = 50.0
READY = "usable"


def prepare_store(work: Path, items: int) -> Path:
    from benchmarks.sandbox_setup import log  # noqa: PLC0415 - not in the measured child

    source = work / "pull" / "desk-decisions-pulled.sqlite"
    if not source.exists():
        raise SystemExit(f"{source} is missing: run `python -m benchmarks.decisions` first")
    target = work / "review-window" / f"desk-{items}.sqlite"
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, partial)
    from ordinavo_desk.store.database import Store  # noqa: PLC0415

    Store(f"sqlite:///{partial}").dispose()  # brings the schema up to date
    connection = sqlite3.connect(partial)
    try:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(import_items)")]
        copied = [c for c in columns if c != "id"]
        (original,) = connection.execute(
            "SELECT count(*) FROM import_items WHERE review_state = 'pending'"
        ).fetchone()
        (last_id,) = connection.execute("SELECT max(id) FROM import_items").fetchone()
        round_ = 1
        total = original
        while total < items:
            wanted = min(original, items - total)
            values = [
                f"external_id || '-r{round_}'"
                if c == "external_id"
                else f"server_item_id || '-r{round_}'"
                if c == "server_item_id"
                else c
                for c in copied
            ]
            connection.execute(
                f"INSERT INTO import_items ({', '.join(copied)}) "
                f"SELECT {', '.join(values)} FROM import_items "
                f"WHERE id <= ? AND review_state = 'pending' ORDER BY id LIMIT ?",
                (last_id, wanted),
            )
            total += wanted
            round_ += 1
        connection.commit()
    finally:
        connection.close()
    partial.rename(target)
    log(f"prepared {target} with {total:,} pending items")
    return target


def _forget_position(db: Path) -> None:
    """Every run starts at the top of the queue (the desk resumes where it stopped)."""
    connection = sqlite3.connect(db)
    try:
        connection.execute("DELETE FROM desk_state WHERE key LIKE 'queue_position:%'")
        connection.commit()
    finally:
        connection.close()


def cpu_loop_s() -> float:
    """A fixed pure-Python loop: how fast the machine runs the interpreter just now (the
    development machine's virtual CPUs vary by up to twice between hours)."""
    began = time.perf_counter()
    total = 0
    for number in range(3_000_000):
        total += number
    return time.perf_counter() - began


def run_once(db: Path, steps: int, pause_ms: int) -> dict[str, Any]:
    _forget_position(db)
    loop_s = cpu_loop_s()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.review_window", "--child", str(db),
         "--steps", str(steps), "--pause-ms", str(pause_ms)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )  # fmt: skip
    assert child.stdout is not None
    first = child.stdout.readline().strip()
    usable = time.perf_counter() - started
    if first != READY:
        child.kill()
        raise SystemExit(f"the window did not come up: {first!r}")
    rest = child.stdout.read()
    if child.wait() != 0:
        raise SystemExit(f"the benchmark window failed (exit {child.returncode})")
    result: dict[str, Any] = json.loads(rest)
    result["cold_start_s"] = usable
    result["cpu_loop_s"] = loop_s
    return result


def child(db: Path, steps: int, pause_ms: int) -> int:
    """In the measured process: open the window, say when it is usable, then step."""
    # what `ordinavo-desk` imports and does before its window shows (cli.window_commands)
    import ordinavo_desk.cli  # noqa: F401, PLC0415 - the console script's module
    from ordinavo_desk.cli.window_commands import desk_context  # noqa: PLC0415
    from ordinavo_desk.services.data_key import install_data_key  # noqa: PLC0415
    from ordinavo_desk.store.database import Store  # noqa: PLC0415

    install_data_key()
    store = Store(f"sqlite:///{db}")
    context = desk_context(store)
    from PySide6.QtCore import QEventLoop, QTimer  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from ordinavo_desk.ui import preferences  # noqa: PLC0415
    from ordinavo_desk.ui.app import configure_application  # noqa: PLC0415
    from ordinavo_desk.ui.main_window import MainWindow  # noqa: PLC0415
    from ordinavo_desk.ui.theme import apply_theme  # noqa: PLC0415
    from ordinavo_desk.ui.translation import install_translations  # noqa: PLC0415

    app = QApplication(sys.argv[:1])
    configure_application(app)
    install_translations(app, preferences.language())
    apply_theme(app, preferences.theme())
    window = MainWindow(context=context)
    window.resize(1500, 900)
    workspace = window.workspace
    assert workspace is not None
    loop = QEventLoop()

    def until(condition: Any, timeout_ms: int = 30_000) -> None:
        if condition():
            return
        timer = QTimer()
        timer.setInterval(1)
        deadline = time.monotonic() + timeout_ms / 1000

        def check() -> None:
            if condition() or time.monotonic() > deadline:
                loop.quit()

        timer.timeout.connect(check)
        timer.start()
        loop.exec()
        timer.stop()

    def next_item_shown() -> None:
        # the window's own signal: polling would take the interpreter from the worker
        # that reads the item
        workspace.item_shown.connect(loop.quit)
        loop.exec()
        workspace.item_shown.disconnect(loop.quit)

    window.show()
    if workspace.views_shown == 0:
        next_item_shown()
    until(lambda: workspace.queue_model.is_loaded(0))
    app.processEvents()  # painted
    print(READY, flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    until(lambda: window.sync_bar is not None and window.background.pending == 0)
    rows = workspace.queue_model.rowCount()
    times: list[float] = []

    def wait_ms(ms: int) -> None:
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    for _ in range(steps):
        if pause_ms:
            wait_ms(pause_ms)  # the reviewer reads the item (the window runs meanwhile)
        shown = workspace.views_shown
        began = time.perf_counter()
        workspace.step_queue(1)
        if workspace.views_shown == shown:  # not shown from memory at once
            next_item_shown()
        app.processEvents()  # the layout and paint the new item asked for
        times.append((time.perf_counter() - began) * 1000)
    window.close()
    window.background.wait()
    store.dispose()
    print(json.dumps({"peak_rss_mb": peak, "rows": rows, "next_item_ms": times}))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument(
        "--pause-ms",
        type=int,
        default=0,
        help="time spent on each item before the next key (0: keys back to back)",
    )
    parser.add_argument(
        "--no-compile",
        action="store_true",
        help="do not compile the package's bytecode first (each start compiles its modules)",
    )
    parser.add_argument("--work", type=Path)
    parser.add_argument("--json", type=Path, help="write the figures here as well")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        return child(args.child, args.steps, args.pause_ms)
    # (the measured child imports none of this: it would count against the window's start)
    from benchmarks.sandbox_setup import DEFAULT_WORK, machine, percentile  # noqa: PLC0415

    if args.work is None:
        args.work = DEFAULT_WORK
    db = prepare_store(args.work, args.items)
    if not args.no_compile:
        import compileall  # noqa: PLC0415

        import ordinavo_desk  # noqa: PLC0415

        compileall.compile_dir(Path(ordinavo_desk.__file__).parent, quiet=1)
    runs = [run_once(db, args.steps, args.pause_ms) for _ in range(args.runs)]
    starts = sorted(run["cold_start_s"] for run in runs)
    peaks = sorted(run["peak_rss_mb"] for run in runs)
    steps = [t for run in runs for t in run["next_item_ms"]]
    figures = {
        "machine": machine(),
        "pending_items": runs[0]["rows"],
        "runs": len(runs),
        "bytecode_compiled": not args.no_compile,
        "cpu_loop_s": sorted(run["cpu_loop_s"] for run in runs)[len(runs) // 2],
        "cold_start_s": {"median": starts[len(starts) // 2], "max": starts[-1]},
        "peak_rss_mb": {"median": peaks[len(peaks) // 2], "max": peaks[-1]},
        "next_item_ms": {
            "pause_ms": args.pause_ms,
            "steps": len(steps),
            "p50": percentile(steps, 0.50),
            "p95": percentile(steps, 0.95),
            "p99": percentile(steps, 0.99),
            "max": max(steps),
        },
    }
    print(json.dumps(figures, indent=2))
    print(
        f"cold start to a usable window ({figures['pending_items']:,} pending items): "
        f"median {figures['cold_start_s']['median']:.2f} s, worst "
        f"{figures['cold_start_s']['max']:.2f} s (target < {TARGET_START_S} s); peak RSS "
        f"median {figures['peak_rss_mb']['median']:.0f} MB, worst "
        f"{figures['peak_rss_mb']['max']:.0f} MB (target < {TARGET_RSS_MB:.0f} MB)"
    )
    print(f"(a fixed loop of 3 million additions took {figures['cpu_loop_s']:.2f} s: median)")
    step = figures["next_item_ms"]
    print(
        f"next item over {step['steps']} steps ({args.pause_ms} ms on each item): "
        f"p50 {step['p50']:.1f} ms, p95 {step['p95']:.1f} ms, p99 {step['p99']:.1f} ms "
        f"(target p95 < {TARGET_NEXT_P95_MS} ms)"
    )
    if args.json is not None:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
