"""MathType → LaTeX conversion: shares converted / shown as a picture / lost, and speed.

1. A generated corpus of equations (every construct the converter handles, MathType 5 and
   Equation Editor 3.0, plus ~2 % built with templates that have no faithful LaTeX, such as
   long division) is wrapped in OLE objects as Word stores them and converted one by one.
   "Converted" gave LaTeX, "picture" raised the converter's own error (the reader keeps the
   preview picture and flags the question), "lost" is anything else (must be 0). With
   ``--katex`` every LaTeX is also rendered by KaTeX under node (if installed): a LaTeX KaTeX
   refuses counts as lost.
2. A Word file of ``--questions`` questions with 5 MathType equations each is read by the
   .docx importer (the preview's parse step): time and peak memory.

    .venv/bin/python benchmarks/mathtype_convert.py [--equations 2000] [--questions 200] [--katex]
"""

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def corpus(n: int, seed: int = 21) -> list[tuple[str, bytes]]:
    """(construct, MTEF) pairs, ``n`` of them, in a fixed random mix."""
    from tests.question_bank.formats.docx.mathtype import mtef_builder as m

    rng = random.Random(seed)

    def num() -> bytes:
        return m.v(str(rng.randint(1, 99)))

    def expr() -> bytes:
        a, b = rng.randint(2, 9), rng.randint(1, 9)
        return m.v(f"{a}x+{b}")

    makers = {
        "phân số": lambda: m.eq(m.v("y="), m.frac(expr(), m.v("x-1"))),
        "căn": lambda: m.eq(m.sqrt(expr()), m.v("+"), m.sqrt(num(), m.v("3"))),
        "luỹ thừa, chỉ số": lambda: m.eq(m.v("x"), m.sup(m.v("2")), m.v("+u"), m.sub(m.v("n+1"))),
        "hệ phương trình": lambda: m.eq(m.system(m.v("x+y=") + num(), m.v("x-y=") + num())),
        "hoặc": lambda: m.eq(m.system(m.v("x=1"), m.v("x=") + num(), bracket=True)),
        "ma trận": lambda: m.eq(m.fence(1, m.matrix(2, 2, [m.line(num()) for _ in range(4)]))),
        "tích phân": lambda: m.eq(m.integral(expr() + m.v("dx"), m.v("0"), num())),
        "tổng": lambda: m.eq(m.big(16, "∑", m.v("k"), m.v("k=1"), m.v("n"))),
        "giới hạn": lambda: m.eq(m.limit(m.v("x→+∞"), m.frac(expr(), m.v("x")))),
        "ngoặc co giãn": lambda: m.eq(m.fence(rng.choice([1, 3, 4, 5, 6, 7]), expr())),
        "véc tơ, cung, góc": lambda: m.eq(
            m.accent(31, m.v("AB"), 2), m.v("+"), m.accent(34, m.v("CD")), m.accent(33, m.v("ABC"))
        ),
        "phương trình hoá học": lambda: m.eq(
            m.v("2KClO"),
            m.sub(m.v("3")),
            m.arrow(m.v("t") + m.char("°", m.SYMBOL)),
            m.v("2KCl+3O"),
            m.sub(m.v("2")),
        ),
        "cân bằng": lambda: m.eq(m.v("N") + m.sub(m.v("2")), m.arrow(m.v("xt"), ch="⇌")),
        "kí hiệu, chữ Hi Lạp": lambda: m.eq(m.v("∀x∈ℝ, α+β≤π, AB⊥CD, ∆ABC∽∆DEF")),
        "hàm số": lambda: m.eq(m.fn("sin"), m.sup(m.v("2")), m.v("x+"), m.fn("tg"), m.v("x")),
        "chữ tiếng Việt": lambda: m.eq(m.text("Diện tích "), m.v("S="), num(), m.text(" cm")),
        "Equation 3.0": lambda: m.V3.eq(
            m.V3.v("y="), m.V3.tmpl(14, 0, m.V3.line(m.V3.v("1")), m.V3.line(m.V3.v("x")))
        ),
        "Equation 3.0 tích phân": lambda: m.V3.eq(
            m.V3.tmpl(
                21,
                2,
                m.V3.line(m.V3.v("xdx")),
                m.V3.line(m.V3.v("0")),
                m.V3.line(m.V3.v("1")),
                m.V3.char("∫", m.SYMBOL),
            )
        ),
    }
    unconvertible = {
        "phép chia dài": lambda: m.eq(m.tmpl(26, 1, m.line(num()), m.line(num()))),
        "kí tự riêng MathType": lambda: m.eq(m.v("x"), m.char(0xE901, m.SYMBOL)),
    }
    names = list(makers)
    out = []
    for i in range(n):
        if i % 50 == 49:
            name = rng.choice(list(unconvertible))
            out.append((name, unconvertible[name]()))
        else:
            name = names[i % len(names)]
            out.append((name, makers[name]()))
    return out


def convert(objects):
    from question_bank.formats.docx.mathtype import MathTypeError, ole_to_latex

    converted, picture, lost = [], [], []
    start = time.perf_counter()
    for name, obj in objects:
        try:
            converted.append((name, ole_to_latex(obj)))
        except MathTypeError as exc:
            picture.append((name, str(exc)))
        except Exception as exc:  # a crash: the benchmark's "lost"
            lost.append((name, repr(exc)))
    return converted, picture, lost, time.perf_counter() - start


def katex_failures(latex: list[str]) -> list[tuple[str, str]] | None:
    """LaTeX that KaTeX refuses, or None when node or KaTeX is not installed."""
    katex = ROOT / "node_modules" / "katex"
    node = shutil.which("node")
    if node is None or not katex.exists():
        return None
    script = (
        "const katex=require(process.argv[1]);const fs=require('fs');"
        "const all=JSON.parse(fs.readFileSync(process.argv[2],'utf8'));const bad=[];"
        "for(const t of all){try{katex.renderToString(t,{throwOnError:true,strict:'ignore'})}"
        "catch(e){bad.push([t,String(e.message)])}}console.log(JSON.stringify(bad));"
    )
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(sorted(set(latex)), fh)
    try:
        done = subprocess.run(  # noqa: S603 - node with our own script and file
            [node, "-e", script, str(katex), fh.name],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    finally:
        os.unlink(fh.name)
    return [tuple(x) for x in json.loads(done.stdout or "[]")]


def word_file(questions: int, per_question: int = 5) -> bytes:
    from tests.question_bank.formats.docx.mathtype import mtef_builder as m
    from tests.question_bank.formats.docx.mathtype.ole_builder import ole_file
    from tests.question_bank.formats.docx.mathtype.test_ole_and_docx import mathtype
    from tests.question_bank.formats.docx_builder import DocBuilder, run

    eqs = [ole_file(m.ole_stream(mtef)) for _, mtef in corpus(per_question * 4)]
    b = DocBuilder()
    for n in range(1, questions + 1):
        para = b.p(f"Câu {n}. Cho ")
        for k in range(per_question - 4):
            mathtype(b, para, eqs[(n + k) % len(eqs)])
        b.add(para, ". Tính giá trị.")
        for k, letter in enumerate("ABCD"):
            para = b.p(run(f"{letter}.", u=k == 1), " ")
            mathtype(b, para, eqs[(n * 3 + k) % len(eqs)])
    return b.bytes()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--equations", type=int, default=2000)
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--katex", action="store_true", help="render every LaTeX with KaTeX")
    args = parser.parse_args()

    import django

    django.setup()
    from tests.question_bank.formats.docx.mathtype import mtef_builder as m
    from tests.question_bank.formats.docx.mathtype.ole_builder import ole_file

    items = corpus(args.equations)
    objects = [(name, ole_file(m.ole_stream(mtef))) for name, mtef in items]
    converted, picture, lost, seconds = convert(objects)
    if args.katex:
        refused = katex_failures([latex for _, latex in converted])
        if refused is None:
            print("KaTeX check skipped: node or node_modules/katex missing")
        else:
            print(f"KaTeX refused {len(refused)} distinct LaTeX strings")
            for latex, why in refused[:10]:
                print(f"  {latex}  ->  {why}")
            bad = {latex for latex, _ in refused}
            lost += [(n, f"KaTeX: {t}") for n, t in converted if t in bad]
            converted = [(n, t) for n, t in converted if t not in bad]
    total = len(items)
    print(f"equations: {total}")
    print(f"  converted to LaTeX : {len(converted)} ({100 * len(converted) / total:.1f} %)")
    print(f"  shown as a picture : {len(picture)} ({100 * len(picture) / total:.1f} %)")
    print(f"  lost               : {len(lost)}")
    for name, why in lost[:10]:
        print(f"    {name}: {why}")
    print(f"  time: {1000 * seconds / total:.3f} ms per equation ({total / seconds:.0f} equations/s,"
          " OLE container included)")  # fmt: skip

    from question_bank.formats.docx import parse

    data = word_file(args.questions)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    result = parse(data, filename="bench.docx")
    seconds = time.perf_counter() - start
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    flagged = sum(1 for q in result.questions if q.needs_review)
    print(
        f"Word file: {args.questions} questions, {5 * args.questions} MathType equations, "
        f"{len(data) // 1024} KB: read in {seconds:.2f} s; {len(result.questions)} questions, "
        f"{flagged} flagged, {len(result.problems)} problems; peak memory "
        f"{rss_after // 1024} MB (before {rss_before // 1024} MB)"
    )


if __name__ == "__main__":
    main()
