"""Shared set-up of the benchmarks that run against a sandbox: generated data, a keys file,
a prepared sandbox data file (cached, since mapping thousands of items takes minutes) and
a sandbox server process on loopback.

Nothing here is timed; the benchmarks time what they do against the running server.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from ordinavo_desk.domain.enums import Scope
from ordinavo_desk.sandbox.key_registry import KeyGrant, RateLimitSpec, keys_file_entry

BENCH_KEY = "fio_test_benchmark_0001"
BENCH_TENANT = "acme"
BENCH_SOURCE = "sap-erp"
DEFAULT_WORK = Path(os.environ.get("ORDINAVO_BENCH_WORK", "/tmp/ordinavo-bench"))


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def generate_world(work: Path, customers: int, items: int, seed: str = "7") -> Path:
    """``python -m benchmarks.datagen`` into ``work`` (once per size and seed)."""
    out = work / f"world-{customers}-{items}-{seed}"
    if (out / "items.jsonl").exists():
        return out
    log(f"generating {customers:,} customers and {items:,} items into {out} ...")
    subprocess.run(
        [sys.executable, "-m", "benchmarks.datagen", "--customers", str(customers),
         "--items", str(items), "--seed", seed, "--out", str(out)],
        check=True,
    )  # fmt: skip
    return out


def write_keys(path: Path, settings: dict[str, Any]) -> Path:
    """A keys file with the benchmark key: every scope, no practical rate limit."""
    grant = KeyGrant.create(
        name="bench",
        key=BENCH_KEY,
        tenant=BENCH_TENANT,
        source_system=BENCH_SOURCE,
        scopes=list(Scope),
        settings=settings,
        rate_limit=RateLimitSpec(limit=100_000_000, window_seconds=60),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"keys": [keys_file_entry(grant)]}), encoding="utf-8")
    return path


def reviewable_targets(items: Path, count: int, out: Path, *, repeat: bool = False) -> Path:
    """The first ``count`` targets of ``items`` that carry mapping data and are no cancel
    (so that each one waits for a person under ManualOnly). With ``repeat`` the file is
    read again (external ids suffixed) until there are enough."""
    written = 0
    round_number = 0
    with out.open("w", encoding="utf-8") as stream:
        while written < count:
            with items.open(encoding="utf-8") as source:
                for line in source:
                    target = json.loads(line)
                    has_data = any(target.get(k) for k in ("customer", "location", "contact"))
                    if not has_data or target.get("operation") == "cancel":
                        continue
                    if round_number:
                        target["externalId"] = f"{target['externalId']}-r{round_number}"
                    stream.write(json.dumps(target, ensure_ascii=False) + "\n")
                    written += 1
                    if written >= count:
                        break
            round_number += 1
            if not repeat and written < count:
                raise SystemExit(f"{items} has only {written} usable targets, {count} wanted")
    return out


def prepare_sandbox_data(
    data: Path, keys: Path, reference: Path | None, items: Path, *, key_name: str = "bench"
) -> Path:
    """The sandbox data file with the reference data and the items imported (once)."""
    if data.exists():
        return data
    partial = data.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    command = [sys.executable, "-m", "ordinavo_desk.sandbox", "--data", str(partial),
               "--keys", str(keys), "--items", str(items), "--items-key", key_name,
               "--prepare-only"]  # fmt: skip
    if reference is not None:
        command += ["--reference", str(reference)]
    log(f"preparing the sandbox data file {data} (mapping every item; takes minutes) ...")
    started = time.perf_counter()
    subprocess.run(command, check=True)
    partial.rename(data)
    log(f"prepared in {time.perf_counter() - started:.0f} s")
    return data


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass(frozen=True, slots=True)
class RunningSandbox:
    process: subprocess.Popen[bytes]
    base_url: str


@contextmanager
def sandbox_process(
    data: Path, keys: Path, *, timeout: float = 900.0, faults: str = ""
) -> Iterator[RunningSandbox]:
    """``python -m ordinavo_desk.sandbox`` on a free loopback port, until the block ends
    (``faults``: its ``--faults`` spec)."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}/api/connect/v1"
    log_file = data.with_suffix(".log").open("wb")  # the last run's server output
    process = subprocess.Popen(
        [sys.executable, "-m", "ordinavo_desk.sandbox", "--data", str(data),
         "--keys", str(keys), "--port", str(port), "--faults", faults],
        stdout=log_file,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        log(f"starting the sandbox on port {port} (it loads its matching index first) ...")
        deadline = time.monotonic() + timeout
        with httpx.Client() as http:
            while True:
                if process.poll() is not None:
                    raise SystemExit(f"the sandbox exited with {process.returncode}")
                try:
                    answer = http.get(
                        base_url + "/integration/health",
                        headers={"Authorization": f"Bearer {BENCH_KEY}"},
                        timeout=2.0,
                    )
                    if answer.status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise SystemExit("the sandbox did not start in time")
                time.sleep(0.5)
        yield RunningSandbox(process, base_url)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log_file.close()


def machine() -> str:
    """CPU model and count, memory and Python: the context of the figures."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        total_kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {total_kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    load = ""
    with suppress(OSError):
        load = f", load average {os.getloadavg()[0]:.2f} at start"
    return f"{os.cpu_count()} × {cpu}{memory}, Python {sys.version.split()[0]}{load}"


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile (nearest rank) of ``values``."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, round(share * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]
