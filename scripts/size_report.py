#!/usr/bin/env python3
"""Module and function sizes of the apps: the largest modules, and every module over
``--module-lines`` or function over ``--function-lines`` (the layers issue's guideline:
~600 and ~80). Exits 1 if any is over.

    python scripts/size_report.py [--top 15]
"""

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("common", "accounts", "curriculum", "question_bank", "content", "lms", "search", "demo")


def sizes(root: Path = ROOT):
    modules, functions = [], []
    for app in APPS:
        for path in sorted((root / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            rel = path.relative_to(root).as_posix()
            modules.append((len(text.splitlines()), rel))
            for node in ast.walk(ast.parse(text)):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    length = node.end_lineno - node.lineno + 1
                    functions.append((length, f"{rel}:{node.lineno} {node.name}"))
    return sorted(modules, reverse=True), sorted(functions, reverse=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--module-lines", type=int, default=600)
    parser.add_argument("--function-lines", type=int, default=80)
    args = parser.parse_args()
    modules, functions = sizes()
    print(f"Largest modules (of {len(modules)}):")
    for lines, name in modules[: args.top]:
        print(f"  {lines:6d}  {name}")
    big_modules = [m for m in modules if m[0] > args.module_lines]
    long_functions = [f for f in functions if f[0] > args.function_lines]
    print(f"Modules over {args.module_lines} lines: {len(big_modules)}")
    for lines, name in big_modules:
        print(f"  {lines:6d}  {name}")
    print(f"Functions over {args.function_lines} lines: {len(long_functions)}")
    for lines, name in long_functions:
        print(f"  {lines:6d}  {name}")
    return 1 if big_modules or long_functions else 0


if __name__ == "__main__":
    sys.exit(main())
