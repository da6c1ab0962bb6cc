#!/usr/bin/env python3
"""List imports between project apps written inside functions (hidden from a module's
head, usually to dodge an import cycle). The layers (docs/architecture.md) make them
unnecessary: an import of a lower layer goes at the top of the module, and a lower layer
never imports a higher one. Exits 1 if any is found that ``ALLOWED`` does not list.

    python scripts/hidden_imports.py          # list them
"""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("common", "accounts", "curriculum", "question_bank", "content", "lms", "search", "demo")
#: (module, imported app) pairs kept inside a function on purpose, with the reason.
ALLOWED: dict[tuple[str, str], str] = {}


def _app(module: str) -> str | None:
    head = module.split(".")[0]
    return head if head in APPS else None


def hidden_imports(root: Path = ROOT) -> list[tuple[str, int, str]]:
    """(file, line, imported module) of every function-level import of another app."""
    found = []
    for app in APPS:
        for path in sorted((root / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for func in ast.walk(tree):
                if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                for node in ast.walk(func):
                    names = []
                    if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                        names = [node.module]
                    elif isinstance(node, ast.Import):
                        names = [alias.name for alias in node.names]
                    for name in names:
                        target = _app(name)
                        if target and target != app:
                            rel = path.relative_to(root).as_posix()
                            if (rel, target) not in ALLOWED:
                                found.append((rel, node.lineno, name))
    return sorted(set(found))


def main() -> int:
    found = hidden_imports()
    for path, line, name in found:
        print(f"{path}:{line}: imports {name} inside a function")
    print(f"{len(found)} function-level import(s) between apps", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
