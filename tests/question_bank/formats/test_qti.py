"""QTI 2.1 import/export: the QTIWorks sample items, hand-written edge cases, round trips."""

import copy
import io
import zipfile

import pytest
from lxml import etree

from common.safefiles import parse_xml
from question_bank.formats import qti
from question_bank.formats.base import (
    Blank,
    Choice,
    ImportRejected,
    ParsedGroup,
    ParsedQuestion,
    QType,
    validate_question,
)
from question_bank.formats.qti.spec import HL_NS, IMSCP_NS, QTI21_NS
from question_bank.html import plain_text

from .fixtures import fixture_path

QTI_FILES = (
    "choice.xml",
    "choice_multiple.xml",
    "text_entry.xml",
    "extended_text.xml",
    "order.xml",
    "match.xml",
)


def fixture(name: str) -> bytes:
    return fixture_path("qti21", name).read_bytes()


def sign_png() -> bytes:
    return fixture_path("qti21", "images", "sign.png").read_bytes()


def item(body: str, decls: str = "", *, ns: str = QTI21_NS, extra: str = "", title="Câu") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<assessmentItem xmlns="{ns}" identifier="it1" '
        f'title="{title}" adaptive="false" timeDependent="false">{decls}'
        '<outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>'
        f"<itemBody>{body}</itemBody>{extra}</assessmentItem>"
    ).encode()


def decl(ident="RESPONSE", cardinality="single", base="identifier", *values, mapping="") -> str:
    correct = "".join(f"<value>{v}</value>" for v in values)
    correct = f"<correctResponse>{correct}</correctResponse>" if values else ""
    return (
        f'<responseDeclaration identifier="{ident}" cardinality="{cardinality}" '
        f'baseType="{base}">{correct}{mapping}</responseDeclaration>'
    )


def make_zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return out.getvalue()


def manifest(*resources: tuple[str, str, list[str]], extra: str = "") -> bytes:
    """An imsmanifest.xml; each resource is (type, href, [file hrefs])."""
    parts = []
    for n, (rtype, href, files) in enumerate(resources, start=1):
        entries = "".join(f'<file href="{f}"/>' for f in [href, *files])
        parts.append(
            f'<resource identifier="R{n}" type="{rtype}" href="{href}">{entries}</resource>'
        )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><manifest xmlns="{IMSCP_NS}" identifier="M1">'
        f"<organizations/><resources>{''.join(parts)}{extra}</resources></manifest>"
    ).encode()


def only(result) -> ParsedQuestion:
    assert result.errors == [], [str(p) for p in result.errors]
    assert len(result.questions) == 1
    return result.questions[0]


# -- the QTIWorks samples ------------------------------------------------------------------------


def test_choice_is_single_choice_with_its_image():
    result = qti.parse(
        fixture("choice.xml"), filename="choice.xml", files={"images/sign.png": sign_png()}
    )

    q = only(result)
    assert result.format == "qti"
    assert q.qtype == QType.SINGLE_CHOICE
    assert [c.text for c in q.correct_choices] == ["You must stay with your luggage at all times."]
    assert [c.ident for c in q.choices] == ["ChoiceA", "ChoiceB", "ChoiceC"]
    assert q.keep_option_order is True  # shuffle="false"
    assert q.name == "Unattended Luggage"
    assert q.source_id == "choice"
    assert q.ref.startswith("Tệp choice.xml")
    assert q.assets == {"sign.png": sign_png()}
    assert '<img src="asset:sign.png" alt="NEVER LEAVE LUGGAGE UNATTENDED">' in q.stem
    # The prompt stays in the stem, after the text it followed.
    assert plain_text(q.stem) == "Look at the text in the picture. What does it say?"
    assert validate_question(q) == []


def test_choice_without_its_image_is_an_error_naming_the_file():
    result = qti.parse(fixture("choice.xml"), filename="choice.xml")

    assert result.questions == []
    assert len(result.errors) == 1
    assert "images/sign.png" in result.errors[0].message
    assert "thiếu tệp ảnh" in result.errors[0].message
    assert result.errors[0].where.startswith("Tệp choice.xml")


def test_loose_item_finds_an_image_uploaded_flat_next_to_it():
    result = qti.parse(fixture("choice.xml"), filename="choice.xml", files={"sign.png": sign_png()})

    assert only(result).assets == {"sign.png": sign_png()}


def test_an_image_that_is_not_an_image_is_an_error():
    result = qti.parse(
        fixture("choice.xml"), filename="choice.xml", files={"images/sign.png": b"<svg/>"}
    )

    assert result.questions == []
    assert "không phải là ảnh hợp lệ" in result.errors[0].message


def test_choice_multiple_has_fractions_from_the_mapping():
    q = only(qti.parse(fixture("choice_multiple.xml"), filename="choice_multiple.xml"))

    assert q.qtype == QType.MULTIPLE_RESPONSE
    assert {c.text for c in q.correct_choices} == {"Hydrogen", "Oxygen"}
    fractions = {c.text: c.fraction for c in q.choices}
    # mappedValue / (sum of the positive values): H 1/2, O 1/2, Cl -1/2; unmapped → default -2 → -1.
    assert fractions == {
        "Hydrogen": 0.5,
        "Oxygen": 0.5,
        "Chlorine": -0.5,
        "Helium": -1.0,
        "Carbon": -1.0,
        "Nitrogen": -1.0,
    }
    assert q.keep_option_order is False
    assert plain_text(q.stem) == "Which of the following elements are used to form water?"


def test_text_entry_is_short_text_with_the_mapped_answers():
    q = only(qti.parse(fixture("text_entry.xml"), filename="text_entry.xml"))

    assert q.qtype == QType.SHORT_TEXT
    assert [(c.text, c.correct, c.fraction) for c in q.choices] == [
        ("York", True, None),
        ("york", True, 0.5),
    ]
    assert q.case_sensitive is True
    # The gap stays visible where the interaction was.
    assert 'sun of <span class="blank">________</span>;' in q.stem
    assert "Now is the winter of our discontent" in q.stem


def test_extended_text_is_an_essay_using_the_object_fallback():
    result = qti.parse(fixture("extended_text.xml"), filename="extended_text.xml")

    q = only(result)
    assert q.qtype == QType.ESSAY
    assert "Here is a postcard of my town." in q.stem
    assert "Write Sam a postcard." in q.stem
    # The postcard image is not in the fixtures: its fallback content is used, with a warning.
    assert [w.message for w in result.warnings] == [
        "thiếu tệp ảnh “images/postcard.png” — dùng nội dung thay thế"
    ]


def test_order_is_ordering_in_the_correct_order():
    q = only(qti.parse(fixture("order.xml"), filename="order.xml"))

    assert q.qtype == QType.ORDERING
    assert [c.text for c in q.choices] == [
        "Michael Schumacher",
        "Rubens Barrichello",
        "Jenson Button",
    ]
    assert [c.fixed for c in q.choices] == [True, False, False]


def test_match_pairs_follow_the_correct_response():
    q = only(qti.parse(fixture("match.xml"), filename="match.xml"))

    assert q.qtype == QType.MATCHING
    # Two characters of the same play: the answer repeats, which MATCHING allows.
    assert [(c.text, c.match) for c in q.choices] == [
        ("Capulet", "Romeo and Juliet"),
        ("Demetrius", "A Midsummer-Night's Dream"),
        ("Lysander", "A Midsummer-Night's Dream"),
        ("Prospero", "TheTempest"),
    ]
    assert q.needs_review == []


def fixture_package(*, with_manifest: bool = True, prefix: str = "") -> bytes:
    files = {f"{prefix}{name}": fixture(name) for name in QTI_FILES}
    files[f"{prefix}images/sign.png"] = sign_png()
    files[f"{prefix}readme.xml"] = b"<notes>not an item</notes>"
    if with_manifest:
        files["imsmanifest.xml"] = manifest(
            *[("imsqti_item_xmlv2p1", f"{prefix}{n}", []) for n in QTI_FILES[:1]],
            *[("imsqti_item_xmlv2p1", f"{prefix}{n}", []) for n in QTI_FILES[1:]],
            ("webcontent", f"{prefix}images/sign.png", []),
        )
    return make_zip(files)


def test_package_with_manifest_imports_every_item_and_the_image():
    result = qti.parse(fixture_package(), filename="goi.zip")

    assert result.errors == []
    assert [q.qtype for q in result.questions] == [
        QType.SINGLE_CHOICE,
        QType.MULTIPLE_RESPONSE,
        QType.SHORT_TEXT,
        QType.ESSAY,
        QType.ORDERING,
        QType.MATCHING,
    ]
    choice = result.questions[0]
    assert choice.assets == {"sign.png": sign_png()}
    assert choice.ref == "Tệp choice.xml “Unattended Luggage”"


def test_package_items_in_a_folder_resolve_images_relative_to_the_item():
    result = qti.parse(fixture_package(prefix="items/"), filename="goi.zip")

    assert result.errors == []
    assert result.questions[0].assets == {"sign.png": sign_png()}
    assert result.questions[0].ref.startswith("Tệp items/choice.xml")


def test_zip_without_manifest_imports_every_assessment_item():
    result = qti.parse(fixture_package(with_manifest=False), filename="goi.zip")

    assert result.errors == []
    assert sorted(q.source_id for q in result.questions) == [
        "choice",
        "choiceMultiple",
        "extendedText",
        "match",
        "order",
        "textEntry",
    ]


def test_package_item_missing_its_image_is_named():
    files = {"choice.xml": fixture("choice.xml")}
    files["imsmanifest.xml"] = manifest(("imsqti_item_xmlv2p1", "choice.xml", []))

    result = qti.parse(make_zip(files), filename="goi.zip")

    assert result.questions == []
    assert "images/sign.png" in str(result.errors[0])


def test_package_manifest_pointing_outside_is_rejected():
    files = {"imsmanifest.xml": manifest(("imsqti_item_xmlv2p1", "../evil.xml", []))}

    with pytest.raises(ImportRejected, match="ra ngoài gói"):
        qti.parse(make_zip(files), filename="goi.zip")


def test_item_image_pointing_outside_the_package_is_rejected():
    body = '<p><img src="../../etc/passwd" alt=""/></p>' + CHOICE_BODY
    files = {"q.xml": item(body, decl("RESPONSE", "single", "identifier", "A"))}

    with pytest.raises(ImportRejected, match="ra ngoài gói"):
        qti.parse(make_zip(files), filename="goi.zip")


def test_package_with_a_broken_item_keeps_the_others():
    files = {
        "good.xml": fixture("order.xml"),
        "bad.xml": b"<assessmentItem><itemBody>",
        "test.xml": fixture("match.xml"),  # an item, whatever its name
        "imsmanifest.xml": manifest(
            ("imsqti_item_xmlv2p1", "good.xml", []),
            ("imsqti_item_xmlv2p1", "bad.xml", []),
            ("imsqti_item_xmlv2p1", "missing.xml", []),
            ("imsqti_item_xmlv2p1", "test.xml", []),
        ),
    }

    result = qti.parse(make_zip(files), filename="goi.zip")

    assert [q.qtype for q in result.questions] == [QType.ORDERING, QType.MATCHING]
    where = [p.where for p in result.errors]
    assert where == ["Tệp bad.xml", "Tệp missing.xml"]
    assert "XML không hợp lệ" in result.errors[0].message


def test_package_with_only_an_assessment_test_imports_the_items_it_lists():
    test = (
        f'<assessmentTest xmlns="{QTI21_NS}" identifier="T" title="Đề">'
        '<testPart identifier="P" navigationMode="linear" submissionMode="individual">'
        '<assessmentSection identifier="S" title="S" visible="true">'
        '<assessmentItemRef identifier="a" href="items/order.xml"/>'
        '<assessmentItemRef identifier="b" href="items/match.xml"/>'
        "</assessmentSection></testPart></assessmentTest>"
    ).encode()
    files = {
        "tests/test.xml": test.replace(b'href="items/', b'href="../items/'),
        "items/order.xml": fixture("order.xml"),
        "items/match.xml": fixture("match.xml"),
        "imsmanifest.xml": manifest(
            ("imsqti_test_xmlv2p1", "tests/test.xml", []),
            ("imsqti_item_xmlv2p1", "items/match.xml", []),
            ("imsqti_item_xmlv2p1", "items/order.xml", []),
        ),
    }

    result = qti.parse(make_zip(files), filename="de.zip")

    # In the test's order, not the manifest's.
    assert [q.qtype for q in result.questions] == [QType.ORDERING, QType.MATCHING]


def test_a_zip_with_no_item_is_rejected():
    with pytest.raises(ImportRejected, match="không tìm thấy câu hỏi QTI"):
        qti.parse(make_zip({"a.txt": b"hello", "b.xml": b"<note/>"}), filename="goi.zip")


# -- file-level refusals -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "rỗng"),
        (b"this is not xml", "XML không hợp lệ"),
        (b"<html><body>hi</body></html>", "không phải câu hỏi QTI"),
        (
            f'<assessmentTest xmlns="{QTI21_NS}" identifier="t" title="t"/>'.encode(),
            "assessmentTest",
        ),
        (b"<questestinterop/>", "QTI 1.2"),
    ],
)
def test_file_that_is_not_an_item_is_rejected(data, message):
    with pytest.raises(ImportRejected, match=message):
        qti.parse(data, filename="x.xml")


# -- hand-written items --------------------------------------------------------------------------

CHOICE_BODY = (
    '<choiceInteraction responseIdentifier="RESPONSE" shuffle="true" maxChoices="1">'
    '<simpleChoice identifier="A">Một</simpleChoice><simpleChoice identifier="B">Hai</simpleChoice>'
    "</choiceInteraction>"
)


def test_unsupported_interaction_is_an_error_naming_it():
    body = (
        '<p>Bấm vào Hà Nội</p><hotspotInteraction responseIdentifier="RESPONSE" maxChoices="1">'
        '<object type="image/png" data="map.png"/>'
        '<hotspotChoice identifier="H" shape="circle" coords="1,1,1"/></hotspotInteraction>'
    )

    result = qti.parse(item(body, decl("RESPONSE", "single", "identifier", "H")), filename="q.xml")

    assert result.questions == []
    assert result.errors[0].message == "tương tác “hotspotInteraction” chưa được hỗ trợ"


def test_missing_correct_response_is_an_error():
    result = qti.parse(item("<p>Chọn</p>" + CHOICE_BODY, decl()), filename="q.xml")

    assert result.questions == []
    assert result.errors[0].message == "không có đáp án đúng (correctResponse)"


def test_validation_messages_are_problems():
    body = (
        '<p>Chọn</p><choiceInteraction responseIdentifier="RESPONSE" shuffle="true" maxChoices="1">'
        '<simpleChoice identifier="A">Một</simpleChoice></choiceInteraction>'
    )

    result = qti.parse(item(body, decl("RESPONSE", "single", "identifier", "A")), filename="q.xml")

    assert [p.message for p in result.errors] == ["cần ít nhất 2 phương án, chỉ có 1"]


def test_qti22_and_feedback_and_fixed_choices():
    body = (
        "<p>Chọn số chẵn</p>"
        '<choiceInteraction responseIdentifier="RESPONSE" shuffle="true" maxChoices="1">'
        '<simpleChoice identifier="A">2<feedbackInline outcomeIdentifier="FEEDBACK" '
        'identifier="A" showHide="show">Đúng, 2 chia hết cho 2</feedbackInline></simpleChoice>'
        '<simpleChoice identifier="B">3</simpleChoice>'
        '<simpleChoice identifier="C" fixed="true">Không có số nào</simpleChoice>'
        "</choiceInteraction>"
    )
    extra = (
        '<modalFeedback outcomeIdentifier="FEEDBACK" identifier="B" showHide="show">'
        "<p>3 là số lẻ</p></modalFeedback>"
        '<modalFeedback outcomeIdentifier="FEEDBACK" identifier="SOLUTION" showHide="show">'
        "<p>Số chẵn chia hết cho 2.</p></modalFeedback>"
    )
    data = item(
        body,
        decl("RESPONSE", "single", "identifier", "A"),
        ns="http://www.imsglobal.org/xsd/imsqti_v2p2",
        extra=extra,
    )

    q = only(qti.parse(data, filename="q.xml"))

    assert [c.text for c in q.choices] == ["2", "3", "Không có số nào"]
    assert [c.feedback for c in q.choices] == ["Đúng, 2 chia hết cho 2", "<p>3 là số lẻ</p>", ""]
    assert [c.fixed for c in q.choices] == [False, False, True]
    assert q.solution == "<p>Số chẵn chia hết cho 2.</p>"


def test_qti3_item_is_read_too():
    data = (
        '<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="q3" '
        'title="QTI 3" adaptive="false" time-dependent="false">'
        '<qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier">'
        "<qti-correct-response><qti-value>B</qti-value></qti-correct-response>"
        "</qti-response-declaration><qti-item-body><p>Thủ đô của Việt Nam?</p>"
        '<qti-choice-interaction response-identifier="RESPONSE" max-choices="1">'
        '<qti-simple-choice identifier="A">Huế</qti-simple-choice>'
        '<qti-simple-choice identifier="B">Hà Nội</qti-simple-choice>'
        "</qti-choice-interaction></qti-item-body></qti-assessment-item>"
    ).encode()

    q = only(qti.parse(data, filename="q3.xml"))

    assert q.qtype == QType.SINGLE_CHOICE
    assert [c.text for c in q.correct_choices] == ["Hà Nội"]


def test_mathml_becomes_latex_or_text():
    math = (
        '<p>Tính <math xmlns="http://www.w3.org/1998/Math/MathML"><mfrac><mn>1</mn>'
        "<msqrt><mi>x</mi></msqrt></mfrac><mo>+</mo><msup><mi>x</mi><mn>2</mn></msup>"
        "<mo>×</mo><mi>π</mi></math> và "
        '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><msub><mi>a</mi>'
        "<mrow><mi>n</mi><mo>+</mo><mn>1</mn></mrow></msub></math> và "
        '<math xmlns="http://www.w3.org/1998/Math/MathML"><mtable><mtr><mtd><mn>1</mn></mtd>'
        "<mtd><mn>2</mn></mtd></mtr></mtable></math></p>"
    )

    q = only(
        qti.parse(
            item(math + CHOICE_BODY, decl("RESPONSE", "single", "identifier", "A")),
            filename="m.xml",
        )
    )

    assert q.stem == (
        "<p>Tính \\(\\frac{1}{\\sqrt{x}}+x^{2}\\times\\pi\\) và \\[a_{n+1}\\] và 1 2</p>"
    )


def test_mathml_with_tex_annotation_uses_it():
    math = (
        '<p><math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mi>x</mi>'
        '<annotation encoding="application/x-tex">\\int_0^1 x\\,dx</annotation></semantics></math></p>'
    )

    q = only(
        qti.parse(
            item(math + CHOICE_BODY, decl("RESPONSE", "single", "identifier", "A")),
            filename="m.xml",
        )
    )

    assert q.stem == "<p>\\(\\int_0^1 x\\,dx\\)</p>"


def test_several_inline_interactions_make_a_cloze():
    body = (
        '<p>Thủ đô của <inlineChoiceInteraction responseIdentifier="R1" shuffle="false">'
        '<inlineChoice identifier="VN">Việt Nam</inlineChoice><inlineChoice identifier="LA">Lào'
        "</inlineChoice></inlineChoiceInteraction> là "
        '<textEntryInteraction responseIdentifier="R2"/>, có '
        '<textEntryInteraction responseIdentifier="R3"/> quận.</p>'
    )
    decls = (
        decl("R1", "single", "identifier", "LA")
        + decl(
            "R2",
            "single",
            "string",
            "Viêng Chăn",
            mapping='<mapping defaultValue="0"><mapEntry mapKey="Viêng Chăn" mappedValue="1" '
            'caseSensitive="false"/><mapEntry mapKey="Vientiane" mappedValue="1" '
            'caseSensitive="false"/></mapping>',
        )
        + decl("R3", "single", "integer", "9")
    )

    q = only(qti.parse(item(body, decls), filename="cloze.xml"))

    assert q.qtype == QType.CLOZE
    assert q.stem == "<p>Thủ đô của {{1}} là {{2}}, có {{3}} quận.</p>"
    assert [b.kind for b in q.blanks] == ["choice", "text", "numeric"]
    assert [(a.text, a.correct) for a in q.blanks[0].answers] == [
        ("Việt Nam", False),
        ("Lào", True),
    ]
    assert [a.text for a in q.blanks[1].answers] == ["Viêng Chăn", "Vientiane"]
    assert q.blanks[1].case_sensitive is False
    assert [a.text for a in q.blanks[2].answers] == ["9"]


def test_single_numeric_text_entry_is_short_numeric_with_tolerance():
    body = '<p>Nghiệm dương của phương trình là <textEntryInteraction responseIdentifier="RESPONSE"/></p>'
    extra = (
        "<responseProcessing><responseCondition><responseIf>"
        '<equal toleranceMode="absolute" tolerance="0.05"><variable identifier="RESPONSE"/>'
        '<correct identifier="RESPONSE"/></equal><setOutcomeValue identifier="SCORE">'
        '<baseValue baseType="float">1</baseValue></setOutcomeValue></responseIf>'
        "</responseCondition></responseProcessing>"
    )

    q = only(
        qti.parse(
            item(body, decl("RESPONSE", "single", "float", "-1.50"), extra=extra), filename="n.xml"
        )
    )

    assert q.qtype == QType.SHORT_NUMERIC
    assert q.numeric_answer == "-1,5"
    assert q.tolerance == 0.05


def test_gap_match_becomes_cloze_choice_blanks():
    body = (
        '<gapMatchInteraction responseIdentifier="RESPONSE" shuffle="false">'
        "<prompt>Kéo thả</prompt>"
        '<gapText identifier="W1" matchMax="1">nóng</gapText>'
        '<gapText identifier="W2" matchMax="1">lạnh</gapText>'
        '<p>Mùa hè <gap identifier="G1"/>, mùa đông <gap identifier="G2"/>.</p>'
        "</gapMatchInteraction>"
    )
    decls = decl("RESPONSE", "multiple", "directedPair", "W1 G1", "W2 G2")

    q = only(qti.parse(item(body, decls), filename="gap.xml"))

    assert q.qtype == QType.CLOZE
    assert q.stem == "<p>Kéo thả</p><p>Mùa hè {{1}}, mùa đông {{2}}.</p>"
    assert [[a.correct for a in b.answers] for b in q.blanks] == [[True, False], [False, True]]


def test_true_false_cluster_from_another_tool_with_prompts_and_labels():
    def tf(letter: str, statement: str) -> str:
        return (
            f'<choiceInteraction responseIdentifier="R{letter}" shuffle="false" maxChoices="1">'
            f"<prompt>{letter}) {statement}</prompt>"
            '<simpleChoice identifier="T">Đúng</simpleChoice><simpleChoice identifier="F">Sai'
            "</simpleChoice></choiceInteraction>"
        )

    body = "<p>Cho hàm số \\(y=x^3\\).</p>" + "".join(
        tf(letter, s)
        for letter, s in zip("abcd", ["Đồng biến", "Có cực trị", "Lẻ", "Qua (0;1)"], strict=True)
    )
    decls = "".join(
        decl(f"R{k}", "single", "identifier", v) for k, v in zip("abcd", "TFTF", strict=True)
    )

    q = only(qti.parse(item(body, decls), filename="tf.xml"))

    assert q.qtype == QType.TRUE_FALSE
    assert q.stem == "<p>Cho hàm số \\(y=x^3\\).</p>"
    assert [(c.text, c.correct) for c in q.choices] == [
        ("Đồng biến", True),
        ("Có cực trị", False),
        ("Lẻ", True),
        ("Qua (0;1)", False),
    ]


def test_two_unrelated_choice_interactions_are_refused():
    body = "<p>Hai câu</p>" + CHOICE_BODY + CHOICE_BODY.replace("RESPONSE", "R2")
    decls = decl("RESPONSE", "single", "identifier", "A") + decl("R2", "single", "identifier", "B")

    result = qti.parse(item(body, decls), filename="two.xml")

    assert result.questions == []
    assert "mỗi câu chỉ được một tương tác" in result.errors[0].message


def test_match_premise_with_several_answers_becomes_several_pairs():
    body = (
        '<matchInteraction responseIdentifier="RESPONSE" shuffle="true" maxAssociations="4">'
        "<prompt>Ghép</prompt><simpleMatchSet>"
        '<simpleAssociableChoice identifier="A" matchMax="2">Số chẵn</simpleAssociableChoice>'
        '<simpleAssociableChoice identifier="B" matchMax="1">Số lẻ</simpleAssociableChoice>'
        '<simpleAssociableChoice identifier="C" matchMax="1">Số âm</simpleAssociableChoice>'
        "</simpleMatchSet><simpleMatchSet>"
        '<simpleAssociableChoice identifier="X" matchMax="1">2</simpleAssociableChoice>'
        '<simpleAssociableChoice identifier="Y" matchMax="1">4</simpleAssociableChoice>'
        '<simpleAssociableChoice identifier="Z" matchMax="1">7</simpleAssociableChoice>'
        '<simpleAssociableChoice identifier="W" matchMax="1">0,5</simpleAssociableChoice>'
        "</simpleMatchSet></matchInteraction>"
    )
    decls = decl("RESPONSE", "multiple", "directedPair", "A X", "A Y", "Z B")

    q = only(qti.parse(item(body, decls), filename="m.xml"))

    assert [(c.text, c.match) for c in q.choices] == [
        ("Số chẵn", "2"),
        ("Số chẵn", "4"),
        ("Số lẻ", "7"),  # written target-first, still understood
        ("", "0,5"),  # an answer no premise uses: a distractor
    ]
    assert any("được ghép với 2 vế phải" in r for r in q.needs_review)
    assert any("Số âm" in r and "đã bỏ" in r for r in q.needs_review)


def test_essay_rubric_and_feedback_become_the_marking_guide():
    body = (
        '<rubricBlock view="scorer"><p>Nêu đủ 3 ý: 1 điểm</p></rubricBlock>'
        '<rubricBlock view="candidate"><p>Làm trong 15 phút</p></rubricBlock>'
        '<p>Trình bày suy nghĩ</p><extendedTextInteraction responseIdentifier="RESPONSE"/>'
    )
    extra = (
        '<modalFeedback outcomeIdentifier="FEEDBACK" identifier="GUIDE" showHide="show">'
        "<p>Trừ điểm chính tả</p></modalFeedback>"
    )

    q = only(
        qti.parse(item(body, decl("RESPONSE", "single", "string"), extra=extra), filename="e.xml")
    )

    assert q.qtype == QType.ESSAY
    assert q.stem == "<p>Làm trong 15 phút</p><p>Trình bày suy nghĩ</p>"
    assert q.marking_guide == "<p>Nêu đủ 3 ý: 1 điểm</p><p>Trừ điểm chính tả</p>"


def test_data_uri_image_is_imported():
    import base64

    src = "data:image/png;base64," + base64.b64encode(sign_png()).decode()
    body = f'<p>Hình <img src="{src}" alt="biển"/></p>' + CHOICE_BODY

    q = only(qti.parse(item(body, decl("RESPONSE", "single", "identifier", "A")), filename="d.xml"))

    assert q.assets == {"image.png": sign_png()}


# -- export and round trips ------------------------------------------------------------------------


def all_types() -> tuple[list[ParsedQuestion], list[ParsedGroup]]:
    png = sign_png()
    questions = [
        ParsedQuestion(
            QType.SINGLE_CHOICE,
            "<p>Cho hàm số \\(y = x^2 - 2x\\). Giá trị nhỏ nhất của hàm số là</p>"
            '<p><img src="asset:do_thi.png" alt="Đồ thị"></p>',
            choices=[
                Choice("\\(-1\\)", correct=True, feedback="<p>Chính xác</p>"),
                Choice("\\(0\\)"),
                Choice("\\(1\\)"),
                Choice("Cả A và B đều đúng", fixed=True),
            ],
            solution="<p>Ta có \\(y = (x-1)^2 - 1 \\ge -1\\), dấu bằng khi \\(x = 1\\).</p>",
            general_feedback="<p>Xem lại bài đạo hàm.</p>",
            assets={"do_thi.png": png},
            name="Giá trị nhỏ nhất",
            level="hieu",
            part=1,
            difficulty=0.4,
            tags=["hàm số", "lớp 10"],
            category=["Toán 10", "Hàm số bậc hai"],
            points=0.25,
            keep_option_order=True,
        ),
        ParsedQuestion(
            QType.TRUE_FALSE,
            "<p>Cho tam giác \\(ABC\\) vuông tại \\(A\\), \\(AB = 3\\), \\(AC = 4\\).</p>",
            choices=[
                Choice("\\(BC = 5\\)", correct=True),
                Choice("Góc \\(B\\) là góc tù", correct=False),
                Choice("<b>Diện tích</b> bằng \\(6\\)", correct=True),
                Choice("\\(\\sin B = \\dfrac{3}{5}\\)", correct=False),
            ],
            part=2,
            level="van_dung",
            shuffle_statements=False,
            keep_position=True,
        ),
        ParsedQuestion(
            QType.SHORT_NUMERIC,
            "Tính \\(\\dfrac{-3}{2}\\).",
            numeric_answer="-1,5",
            part=3,
            tolerance=0.05,
        ),
        ParsedQuestion(
            QType.MULTIPLE_RESPONSE,
            "<p>Chọn các số nguyên tố</p>",
            choices=[
                Choice("2", correct=True, fraction=0.5),
                Choice("3", correct=True, fraction=0.5),
                Choice("4", fraction=-1.0),
            ],
        ),
        ParsedQuestion(
            QType.SHORT_TEXT,
            "Thủ đô của Việt Nam là thành phố nào?",
            choices=[Choice("Hà Nội", correct=True), Choice("Ha Noi", correct=True, fraction=0.5)],
            case_sensitive=False,
        ),
        ParsedQuestion(
            QType.ESSAY,
            "<p>Viết đoạn văn (khoảng 200 chữ) về <u>tinh thần</u> tự học.</p>",
            marking_guide="<ul><li>Mở đoạn: 0,25 điểm</li><li>Thân đoạn: 0,5 điểm</li></ul>",
            solution="<p>Bài viết tham khảo…</p>",
        ),
        ParsedQuestion(
            QType.CLOZE,
            "<p>Thủ đô của {{1}} là {{2}}; \\(2 + 2 = \\) {{3}}.</p>",
            blanks=[
                Blank("choice", [Choice("Việt Nam", correct=True), Choice("Lào")]),
                Blank("text", [Choice("Hà Nội", correct=True)], points=2.0),
                Blank("numeric", [Choice("4", correct=True)], tolerance=0.1),
            ],
        ),
        ParsedQuestion(
            QType.MATCHING,
            "<p>Ghép thủ đô với quốc gia</p>",
            choices=[
                Choice("Hà Nội", match="Việt Nam"),
                Choice("Viêng Chăn", match="Lào"),
                Choice("Huế", match="Việt Nam"),
                Choice("", match="Thái Lan"),
            ],
        ),
        ParsedQuestion(
            QType.ORDERING,
            "<p>Sắp xếp theo thứ tự thời gian</p>",
            choices=[Choice("Nhà Lý"), Choice("Nhà Trần"), Choice("Nhà Lê")],
            group="doc1",
        ),
    ]
    groups = [
        ParsedGroup(
            "doc1",
            stimulus='<p>Đọc đoạn tư liệu sau <img src="asset:sign.png" alt=""></p>',
            title="Tư liệu lịch sử",
            assets={"sign.png": png},
        )
    ]
    return questions, groups


def test_export_writes_a_content_package_of_qti21_items():
    questions, groups = all_types()

    data = qti.export(questions, groups)

    zf = zipfile.ZipFile(io.BytesIO(data))
    names = zf.namelist()
    assert names[0] == "imsmanifest.xml"
    assert {"images/do_thi.png", "images/sign.png", "test.xml"} <= set(names)
    manifest_root = parse_xml(zf.read("imsmanifest.xml")).getroot()
    ns = {"cp": IMSCP_NS, "hl": HL_NS}
    resources = manifest_root.findall("cp:resources/cp:resource", ns)
    items = [r for r in resources if r.get("type") == "imsqti_item_xmlv2p1"]
    assert len(items) == 9
    first = items[0]
    assert [f.get("href") for f in first.findall("cp:file", ns)] == [
        "q0001.xml",
        "images/do_thi.png",
    ]
    assert first.findtext("cp:metadata/hl:question/hl:level", namespaces=ns) == "hieu"
    for res in items:
        root = parse_xml(zf.read(res.get("href"))).getroot()
        assert root.tag == f"{{{QTI21_NS}}}assessmentItem"
        assert root.find(f"{{{QTI21_NS}}}itemBody") is not None
        children = [etree.QName(c).localname for c in root]
        order = [
            "responseDeclaration",
            "outcomeDeclaration",
            "itemBody",
            "responseProcessing",
            "modalFeedback",
        ]
        assert [order.index(c) for c in children] == sorted(order.index(c) for c in children)


def test_export_then_import_round_trips_all_nine_types():
    questions, groups = all_types()
    before = copy.deepcopy(questions)

    result = qti.parse(qti.export(questions, groups), filename="xuat.zip")

    assert questions == before  # the exporter leaves its input alone
    assert result.problems == []
    got = result.questions
    assert [q.qtype for q in got] == [q.qtype for q in questions]
    for want, have in zip(questions, got, strict=True):
        assert have.stem == want.stem, want.qtype
        assert have.solution == want.solution
        assert have.marking_guide == want.marking_guide
        assert have.level == want.level
        assert have.part == want.part
        assert have.keep_position == want.keep_position
        assert validate_question(have) == []

    sc, tf, num, mr, st, _essay, cloze, matching, ordering = got
    assert [(c.text, c.correct, c.fixed, c.feedback) for c in sc.choices] == [
        ("\\(-1\\)", True, False, "<p>Chính xác</p>"),
        ("\\(0\\)", False, False, ""),
        ("\\(1\\)", False, False, ""),
        ("Cả A và B đều đúng", False, True, ""),
    ]
    assert sc.assets == {"do_thi.png": sign_png()}
    assert sc.general_feedback == "<p>Xem lại bài đạo hàm.</p>"
    assert (sc.name, sc.difficulty, sc.tags, sc.category, sc.points) == (
        "Giá trị nhỏ nhất",
        0.4,
        ["hàm số", "lớp 10"],
        ["Toán 10", "Hàm số bậc hai"],
        0.25,
    )
    assert sc.keep_option_order is True

    assert [(c.text, c.correct) for c in tf.choices] == [
        (c.text, c.correct) for c in questions[1].choices
    ]
    assert tf.shuffle_statements is False

    assert (num.numeric_answer, num.tolerance) == ("-1,5", 0.05)
    assert [(c.text, c.correct, c.fraction) for c in mr.choices] == [
        ("2", True, 0.5),
        ("3", True, 0.5),
        ("4", False, -1.0),
    ]
    assert [(c.text, c.fraction) for c in st.choices] == [("Hà Nội", None), ("Ha Noi", 0.5)]
    assert st.case_sensitive is False
    assert [b.kind for b in cloze.blanks] == ["choice", "text", "numeric"]
    assert [[(a.text, a.correct) for a in b.answers] for b in cloze.blanks] == [
        [("Việt Nam", True), ("Lào", False)],
        [("Hà Nội", True)],
        [("4", True)],
    ]
    assert [b.points for b in cloze.blanks] == [1.0, 2.0, 1.0]
    assert cloze.blanks[2].tolerance == 0.1
    assert [(c.text, c.match) for c in matching.choices] == [
        (c.text, c.match) for c in questions[7].choices
    ]
    assert [c.text for c in ordering.choices] == ["Nhà Lý", "Nhà Trần", "Nhà Lê"]
    assert ordering.group == "doc1"
    assert result.groups == [groups[0]]


def test_round_trip_keeps_images_in_choices_and_unsafe_asset_names():
    png = sign_png()
    q = ParsedQuestion(
        QType.SINGLE_CHOICE,
        '<p>Hình nào là biển báo? <img src="asset:hình 1.png" alt="a"></p>',
        choices=[
            Choice('<img src="asset:biển.png" alt="b">', correct=True),
            Choice("Không có"),
        ],
        assets={"hình 1.png": png, "biển.png": png},
    )

    got = only(qti.parse(qti.export([q]), filename="x.zip"))

    assert got.assets == {"hinh_1.png": png, "bien.png": png}
    assert got.stem == '<p>Hình nào là biển báo? <img src="asset:hinh_1.png" alt="a"></p>'
    assert got.choices[0].text == '<img src="asset:bien.png" alt="b">'


def test_true_false_single_statement_round_trips_through_the_metadata():
    q = ParsedQuestion(
        QType.TRUE_FALSE, "<p>Mệnh đề:</p>", choices=[Choice("\\(2 &gt; 1\\)", correct=True)]
    )

    got = only(qti.parse(qti.export([q]), filename="x.zip"))

    assert got.qtype == QType.TRUE_FALSE
    assert [(c.text, c.correct) for c in got.choices] == [("\\(2 &gt; 1\\)", True)]


def test_export_of_nothing_is_an_empty_package():
    zf = zipfile.ZipFile(io.BytesIO(qti.export([])))

    assert zf.namelist() == ["imsmanifest.xml"]


def test_export_keeps_source_ids_and_avoids_reserved_file_names():
    questions = [
        ParsedQuestion(QType.ESSAY, "<p>Một</p>", source_id="test"),
        ParsedQuestion(QType.ESSAY, "<p>Hai</p>", source_id="imsmanifest"),
        ParsedQuestion(QType.ESSAY, "<p>Ba</p>", source_id="test"),
    ]

    data = qti.export(questions)

    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert names.count("test.xml") == 1
    assert names.count("imsmanifest.xml") == 1
    got = qti.parse(data, filename="x.zip").questions
    assert [plain_text(q.stem) for q in got] == ["Một", "Hai", "Ba"]
    assert [q.source_id for q in got] == ["test", "imsmanifest", "test-3"]


def test_associate_interaction_becomes_matching_for_review():
    body = (
        '<associateInteraction responseIdentifier="RESPONSE" shuffle="true" maxAssociations="2">'
        "<prompt>Ghép cặp</prompt>"
        '<simpleAssociableChoice identifier="A" matchMax="1">Nước</simpleAssociableChoice>'
        '<simpleAssociableChoice identifier="B" matchMax="1">H₂O</simpleAssociableChoice>'
        '<simpleAssociableChoice identifier="C" matchMax="1">Muối</simpleAssociableChoice>'
        '<simpleAssociableChoice identifier="D" matchMax="1">NaCl</simpleAssociableChoice>'
        "</associateInteraction>"
    )

    q = only(
        qti.parse(item(body, decl("RESPONSE", "multiple", "pair", "A B", "C D")), filename="a.xml")
    )

    assert q.qtype == QType.MATCHING
    assert [(c.text, c.match) for c in q.choices] == [("Nước", "H₂O"), ("Muối", "NaCl")]
    assert q.needs_review


def test_feedback_block_solution_in_the_body_is_the_solution():
    body = (
        "<p>Chọn</p>" + CHOICE_BODY + '<feedbackBlock outcomeIdentifier="FEEDBACK" '
        'identifier="SOLUTION" showHide="show"><p>Vì một là một.</p></feedbackBlock>'
    )

    q = only(qti.parse(item(body, decl("RESPONSE", "single", "identifier", "A")), filename="s.xml"))

    assert q.stem == "<p>Chọn</p>"
    assert q.solution == "<p>Vì một là một.</p>"
