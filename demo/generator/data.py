"""The tables and texts of the demo questions: ``demo/data/questions/<subject>-<grade>.yaml``.

Each file maps a table name to rows (lists; the templates unpack them as they did the
tuples these files were dumped from); integer keys stay integers.
"""

from functools import cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "questions"


@cache
def tables(name: str) -> dict:
    """The tables of one data file, e.g. ``tables("vat-ly-10")["ly10_facts"]``."""
    return yaml.safe_load((DATA_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
