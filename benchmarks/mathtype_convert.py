"""MathType → LaTeX conversion: shares converted / shown as a picture / lost, and speed.

1. A generated corpus of equations (every construct the converter handles, MathType 5 and
   Equation Editor 3.0, plus ~2 % built with templates that have no faithful LaTeX, such as
   long division) is wrapped in OLE objects as Word stores them and converted one by one.
   "Converted" gave LaTeX, "picture" raised the converter's own error (the reader keeps the
   preview picture and flags the question), "lost" is anything else (must be 0). With
   ``--katex`` every LaTeX is also rendered by KaTeX under node (if installed): a LaTeX KaTeX
   refuses counts as lost.
2. A Toán Word file of ``--questions`` questions with 5 MathType equations each (one in
   the stem, one per option; every equation its own object with its own WMF preview, as
   Word stores them) goes through the real preview path in a throw-away database: the
   import's read and checks with the duplicate search (``build_preview``) and the page's
   rendering of every question (``preview_items``). Printed: the preview time, equations/s,
   peak memory (Python's heap by tracemalloc, in a second pass, and the process's resident
   set), and the shares of the file's equations converted / shown as a picture (their
   preview converted to PNG by LibreOffice when installed) / lost.

``--size full`` (the default) is the issue's file: 2,000 corpus equations and 200 questions
with 1,000 equations; ``--size ci`` is 400 and 40 (well under a minute).

    .venv/bin/python benchmarks/mathtype_convert.py [--size ci|full] [--equations N]
        [--questions N] [--katex]
"""

import argparse
import gc
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

SIZES = {"ci": (400, 40), "full": (2000, 200)}  # (corpus equations, Word file questions)
PER_QUESTION = 5


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


def word_file(questions: int) -> bytes:
    """A Toán exam: each question has one equation in its stem and one per option, each its
    own OLE object (a fresh equation of the corpus) with its own WMF preview."""
    from tests.question_bank.formats.docx.import_ui.metafiles import wmf as make_wmf
    from tests.question_bank.formats.docx.mathtype import mtef_builder as m
    from tests.question_bank.formats.docx.mathtype.ole_builder import ole_file
    from tests.question_bank.formats.docx.mathtype.test_ole_and_docx import mathtype
    from tests.question_bank.formats.docx_builder import DocBuilder, run

    eqs = iter(corpus(questions * PER_QUESTION, seed=2025))
    k = 0

    def equation(para) -> None:
        nonlocal k
        k += 1
        _name, mtef = next(eqs)
        preview = make_wmf(width=120 + k % 200, color=k * 7919 % 0xFFFFFF)
        mathtype(b, para, ole_file(m.ole_stream(mtef)), preview=preview)

    b = DocBuilder()
    for n in range(1, questions + 1):
        para = b.p(f"Câu {n}. Cho ")
        equation(para)
        b.add(para, ". Tính giá trị.")
        for i, letter in enumerate("ABCD"):
            para = b.p(run(f"{letter}.", u=i == 1), " ")
            equation(para)
    return b.bytes()


def equation_shares(items: list[dict]) -> tuple[int, int]:
    """(equations as LaTeX, equations as a picture) in the preview's questions."""
    latex = pictures = 0
    for item in items:
        texts = [item.get("stem", "")] + [c["text"] for c in item.get("choices", [])]
        latex += sum(t.count("\\(") for t in texts)
        pictures += sum(t.count("<img") for t in texts)
    return latex, pictures


class RssPeak:
    """The process's resident set sampled every 5 ms: its peak above the start (lxml's and
    Pillow's memory included, which tracemalloc does not see)."""

    def __enter__(self):
        self.base = self.peak = _rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, _rss())

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss())


def _rss() -> int:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:  # not Linux: the high-water mark
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def preview_once(data: bytes, bank, user) -> tuple[float, dict]:
    from question_bank.import_preview import preview_items
    from question_bank.importing import build_preview

    start = time.perf_counter()
    preview, result = build_preview("toan.docx", data, bank, user)
    report = {**preview.as_dict(), **preview_items(result, preview.duplicates)}
    return time.perf_counter() - start, report


def word_preview(questions: int) -> None:
    """The preview of the Word file: time, memory, shares (in a throw-away database)."""
    from benchdb import bench_database

    from accounts.models import Role, User
    from question_bank import services
    from question_bank.formats.docx import wmf

    data = word_file(questions)
    total = questions * PER_QUESTION
    spent = [0.0, 0]  # LibreOffice: seconds, pictures
    real_convert = wmf.convert

    def timed_convert(blobs):
        t = time.perf_counter()
        try:
            return real_convert(blobs)
        finally:
            spent[0] += time.perf_counter() - t
            spent[1] += len(blobs)

    wmf.convert = timed_convert
    real_cached = wmf._cached
    wmf._cached = lambda digest: None  # a file never seen: no PNG from an earlier run
    with bench_database("mathtype_convert"):
        user = User.objects.create_user("gv.toan", role=Role.TEACHER, full_name="GV Toán")
        bank = services.bank_create(owner=user, name="Toán")
        with RssPeak() as rss:
            seconds, report = preview_once(data, bank, user)
        png_seconds, pictures_sent = spent
        del report
        wmf._cached = real_cached  # the second pass (memory only) reuses the PNGs
        gc.collect()
        tracemalloc.start()
        _s, report = preview_once(data, bank, user)
        _current, heap = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    latex, pictures = equation_shares(report["items"])
    lost = total - latex - pictures
    flagged = sum(1 for it in report["items"] if it.get("review"))
    converter = "LibreOffice" if wmf.converter() else "no converter installed"
    print(f"Word file: {questions} questions, {total} MathType equations, {len(data) // 1024} KB")
    print(
        f"  preview (read, checks, duplicates, every question rendered): {seconds:.2f} s, "
        f"{total / seconds:.0f} equations/s; of which WMF → PNG ({converter}, "
        f"{pictures_sent} pictures): {png_seconds:.2f} s; the rest "
        f"{seconds - png_seconds:.2f} s ({total / max(seconds - png_seconds, 1e-9):.0f} equations/s)"
    )
    print(
        f"  {report['total']} questions to save, {flagged} flagged for review, "
        f"{len(report['errors'])} errors"
    )
    print(
        f"  peak memory: resident set +{(rss.peak - rss.base) / 2**20:.0f} MB over "
        f"{rss.base / 2**20:.0f} MB; Python heap {heap / 2**20:.1f} MB (tracemalloc, second pass)"
    )
    print(f"  converted to LaTeX : {latex} ({100 * latex / total:.1f} %)")
    print(f"  shown as a picture : {pictures} ({100 * pictures / total:.1f} %)")
    print(f"  lost               : {lost}" + ("  <- must be 0" if lost else ""))


def corpus_rates(count: int, katex: bool) -> None:
    from tests.question_bank.formats.docx.mathtype import mtef_builder as m
    from tests.question_bank.formats.docx.mathtype.ole_builder import ole_file

    items = corpus(count)
    objects = [(name, ole_file(m.ole_stream(mtef))) for name, mtef in items]
    converted, picture, lost, seconds = convert(objects)
    if katex:
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
    print(f"MTEF corpus: {total} equations (every construct, MathType 5 and Equation 3.0)")
    print(f"  converted to LaTeX : {len(converted)} ({100 * len(converted) / total:.1f} %)")
    print(f"  shown as a picture : {len(picture)} ({100 * len(picture) / total:.1f} %)")
    print(f"  lost               : {len(lost)}")
    for name, why in lost[:10]:
        print(f"    {name}: {why}")
    print(f"  conversion: {total / seconds:.0f} equations/s ({1000 * seconds / total:.3f} ms each,"
          " OLE container included)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="full")
    parser.add_argument("--equations", type=int, help="corpus size, instead of --size's")
    parser.add_argument("--questions", type=int, help="Word file questions, instead of --size's")
    parser.add_argument("--katex", action="store_true", help="render every LaTeX with KaTeX")
    args = parser.parse_args()
    equations, questions = SIZES[args.size]

    import django

    django.setup()
    started = time.perf_counter()
    word_preview(args.questions or questions)
    corpus_rates(args.equations or equations, args.katex)
    print(f"(benchmark ran {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
