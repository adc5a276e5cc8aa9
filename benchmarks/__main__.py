"""Run the benchmarks, print one table and write it as JSON: ``python -m benchmarks``.

Examples::

    ./wb bench                          # everything, default repeats
    ./wb bench --quick                  # tiny sizes, one repeat (what the smoke test runs)
    ./wb bench --only core,widgets --repeats 9
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import os
import platform
import sys
import time
from pathlib import Path

from benchmarks import Row, check_target, format_table

GROUPS = ["notebooks", "grading", "core", "widgets"]
DEFAULT_REPEATS = {"notebooks": 3, "grading": 3, "core": 7, "widgets": 5}
DEFAULT_JSON = Path(__file__).resolve().parent / "results" / "latest.json"


def _as_row(group: str, row) -> Row:
    """Accept a Row, a dict with Row's fields, or a (name, median, unit, ratio, target, note)."""
    if isinstance(row, Row):
        return row
    if isinstance(row, dict):
        fields = {key: row[key] for key in Row.__dataclass_fields__ if key in row}
        fields.setdefault("group", group)
        result = Row(**fields)
    else:
        name, median, unit, *rest = row
        ratio, target, note = [*rest, None, "", ""][:3]
        result = Row(group, name, median, unit, ratio, target or "", None, note or "")
    if result.met is None and result.target:
        value = result.ratio if result.ratio is not None else result.median
        result.met = check_target(value, result.target)
    return result


def _widget_runner():
    """The widget helper's entry point in ``benchmarks/widgets.py``, or None."""
    try:
        module = importlib.import_module("benchmarks.widgets")
    except ImportError as error:
        if getattr(error, "name", "") == "benchmarks.widgets":
            return None
        raise
    for name in ("run", "bench", "benchmark", "rows"):
        if callable(getattr(module, name, None)):
            return getattr(module, name)
    return None


def run_group(group: str, quick: bool, repeats: int) -> list[Row]:
    """Run one group and return its rows (one 'skipped' row when it cannot run)."""
    if group == "widgets":
        runner = _widget_runner()
        if runner is None:
            return [Row(group, "widgets", None, "ms", note="skipped: benchmarks/widgets.py absent")]
    else:
        runner = importlib.import_module(f"benchmarks.{group}").run
    accepted = inspect.signature(runner).parameters
    kwargs = {"quick": quick, "repeats": repeats}
    if not any(p.kind is p.VAR_KEYWORD for p in accepted.values()):
        kwargs = {key: value for key, value in kwargs.items() if key in accepted}
    return [_as_row(group, row) for row in runner(**kwargs)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one repeat")
    parser.add_argument(
        "--only", default=",".join(GROUPS), help=f"comma-separated groups ({','.join(GROUPS)})"
    )
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write JSON")
    parser.add_argument(
        "--repeats", type=int, default=None, help="timings per figure (default: per group)"
    )
    args = parser.parse_args(argv)
    groups = [group.strip() for group in args.only.split(",") if group.strip()]
    unknown = sorted(set(groups) - set(GROUPS))
    if unknown:
        parser.error(f"unknown group(s) {', '.join(unknown)}; choose from {', '.join(GROUPS)}")
    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"]

    started = time.time()
    load_before = os.getloadavg()
    rows: list[Row] = []
    for group in groups:
        repeats = 1 if args.quick else (args.repeats or DEFAULT_REPEATS[group])
        print(f"running {group} (repeats {repeats})...", file=sys.stderr, flush=True)
        rows += run_group(group, args.quick, repeats)
    print(format_table(rows))
    load_after = os.getloadavg()
    print(
        f"\n{os.cpu_count()} cores; load average {load_before[0]:.1f} before, "
        f"{load_after[0]:.1f} after; {time.time() - started:.0f} s in all"
    )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "started": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(started)),
        "seconds": time.time() - started,
        "quick": args.quick,
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average_before": load_before,
            "load_average_after": load_after,
        },
        "rows": [row.to_dict() for row in rows],
    }
    args.json.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
