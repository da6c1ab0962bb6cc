"""Where the shared test fixtures live (Moodle, QTI … files copied from other projects).

They sit outside the repository in ``shared/fixtures`` next to it (``/work/shared/fixtures``
for ``/work/main``). ``HOCLIEU_FIXTURES`` overrides the location, e.g. in CI where the
repository is cloned elsewhere.
"""

import os
from pathlib import Path

_DEFAULT = Path("/work/shared/fixtures")


def fixtures_root() -> Path:
    if env := os.environ.get("HOCLIEU_FIXTURES"):
        return Path(env)
    sibling = Path(__file__).resolve().parents[3].parent / "shared" / "fixtures"
    return sibling if sibling.is_dir() else _DEFAULT


def fixture_path(*parts: str) -> Path:
    """``fixture_path("moodle", "questions.gift.txt")`` → the file's path."""
    return fixtures_root().joinpath(*parts)
