"""Admin lists and choosers show formulas as readable text and levels without their scale twice.

Issue 16: the question list showed raw TeX (``\\(y = 2x^3…\\)``) in titles and the level
column read "Biết (3 mức (Biết – Hiểu – Vận dụng))".
"""

import pytest

from accounts.models import Role
from question_bank.formats.base import Choice, ParsedQuestion, QType
from question_bank.plaintext import latex_to_text, math_to_text, summary
from question_bank.scales import CognitiveLevel
from tests.accounts.factories import make_school, make_user
from tests.question_bank.factories import make_bank, make_question

LIST = "/admin/snippets/question_bank/question/"
CHOOSER = "/admin/snippets/choose/question_bank/question/"
STEM = r"<p>Cho hàm số \(y = 2x^3 - \frac{1}{2}\). Tìm giá trị của \(y\) tại \(x = 1\).</p>"


@pytest.mark.parametrize(
    ("tex", "text"),
    [
        (r"y = 2x^3 - \frac{1}{2}", "y = 2x³ − 1/2"),
        (r"\dfrac{x+1}{x-1}", "(x+1)/(x−1)"),
        (r"\sqrt{x} + \sqrt{x+1}", "√x + √(x+1)"),
        (r"\sqrt[3]{8}", "∛8"),
        (r"a \le b \leq c \ge d", "a ≤ b ≤ c ≥ d"),
        (r"2\pi r \cdot h", "2π r · h"),
        (r"\int_0^1 x^2\,dx", "∫₀¹ x² dx"),
        (r"x \in \mathbb{R}", "x ∈ ℝ"),
        (r"\lim_{x \to +\infty} f(x)", "lim_(x → +∞) f(x)"),
        (r"\alpha + \beta = 90^\circ", "α + β = 90°"),
        (r"\left( \frac{1}{2} \right)^{n+1}", "(1/2)ⁿ⁺¹"),
        (r"\log_{2} x", "log₂ x"),
        (r"\sin^2 x + \cos^2 x = 1", "sin² x + cos² x = 1"),
        (r"v = 3\,\text{m/s}", "v = 3 m/s"),
        (r"x^{\frac{1}{2}}", "x^(1/2)"),
        (r"\Delta = b^2 - 4ac", "Δ = b² − 4ac"),
        (r"\overrightarrow{AB}", "AB\u20d7"),
        (r"\begin{cases} x + y = 1 \\ x - y = 3 \end{cases}", "{x + y = 1; x − y = 3"),
    ],
)
def test_latex_to_text(tex, text):
    assert latex_to_text(tex) == text


def test_every_delimiter_is_converted_and_no_backslash_is_left():
    text = math_to_text(r"Tính \(\frac{a}{b}\), \[\sqrt{2}\], $x^2$ và $$\pi$$ và \(\unknown{x}\)")
    assert text == "Tính a/b, √2, x² và π và unknownx"
    assert "\\" not in summary(STEM)


def test_summary_cuts_long_text():
    text = summary("<p>" + "Một câu hỏi rất dài " * 10 + r"\(x^2\)</p>", limit=30)
    assert len(text) <= 31 and text.endswith("…")


@pytest.fixture
def ctx(db):
    school = make_school()
    teacher = make_user(role=Role.TEACHER, school=school)
    bank = make_bank(teacher, scope="school")
    parsed = ParsedQuestion(
        qtype=QType.SINGLE_CHOICE,
        stem=STEM,
        choices=[Choice(text=t, correct=i == 0) for i, t in enumerate(["1,5", "2", "3", "4"])],
        level="biet",
        part=1,
    )
    question = make_question(bank, teacher, parsed, approve=True)
    return {"teacher": teacher, "question": question}


def test_admin_list_shows_formulas_as_text(client, ctx):
    client.force_login(ctx["teacher"])
    html = client.get(LIST).content.decode()
    assert "Cho hàm số y = 2x³ − 1/2. Tìm giá trị của y tại x = 1." in html
    assert r"\(y = 2x^3" not in html and r"\frac" not in html


def test_chooser_shows_formulas_as_text(client, ctx):
    client.force_login(ctx["teacher"])
    html = client.get(CHOOSER).json()["html"]
    assert "y = 2x³ − 1/2" in html and r"\frac" not in html


def test_level_label_names_the_scale_once(client, ctx):
    level = ctx["question"].level
    assert str(level) == "Biết"
    other = CognitiveLevel.objects.get(scale__code="4-muc", code="van_dung")
    assert str(other) == "Vận dụng (4 mức)"
    client.force_login(ctx["teacher"])
    html = client.get(LIST).content.decode()
    assert "3 mức (Biết" not in html.split("<tbody", 1)[1]
    assert "Biết (3 mức" not in html
