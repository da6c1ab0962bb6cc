"""Tiếng Anh 10 (Global Success): vocabulary, grammar, readings and the plan."""

from __future__ import annotations

import re

from demo.generator.builders import (
    _bc,
    _bt,
    _cloze,
    _essay,
    _it,
    _match,
    _mr,
    _order,
    _sc,
    _shuffled,
    _st,
    _tf,
)
from demo.generator.core import _Group, _Item
from demo.generator.data import tables
from demo.generator.text import _mix, _sol
from question_bank.formats.base import ParsedQuestion

_UNIT_TITLES = tables("tieng-anh-10")["unit_titles"]


_REVIEW_OF = tables("tieng-anh-10")["review_of"]


def _en(q: ParsedQuestion | None, unit: int, part: str, y: int | None, level: str) -> _Item | None:
    lesson = (
        f"Review {_REVIEW_OF[unit]}/{part}"
        if part in ("Language*", "Skills*")
        else f"Unit {unit}/{part}"
    )
    return _it(q, "tieng-anh", 10, lesson.replace("*", ""), y, level)


_VOCAB = tables("tieng-anh-10")["vocab"]


def t_anh_vocab(r):
    unit = r.randint(1, 10)
    word, definition, vi = r.choice(_VOCAB[unit])
    others = [w for w, _, _ in _VOCAB[unit] if w != word]
    stem = f"Choose the word or phrase that matches this definition (Unit {unit}: {_UNIT_TITLES[unit]}): “{definition}”."
    sol = _sol(f"“{word}” ({vi}): {definition}.")
    q_ = _sc(r, stem, word, r.sample(others, 4), sol, none_option=False)
    return _en(q_, unit, "Language", 2, "biet")


def t_anh_match(r):
    unit = r.randint(1, 10)
    chosen = r.sample(_VOCAB[unit], 4)
    vietnamese = r.random() < 0.4
    if vietnamese:
        pairs = [(w, vi) for w, _, vi in chosen]
        stem = (
            f"Match each word from Unit {unit} ({_UNIT_TITLES[unit]}) with its Vietnamese meaning: "
            + ", ".join(w for w, _ in pairs)
            + "."
        )
    else:
        pairs = [(w, d) for w, d, _ in chosen]
        stem = (
            f"Match each word from Unit {unit} ({_UNIT_TITLES[unit]}) with its definition: "
            + ", ".join(w for w, _ in pairs)
            + "."
        )
    return _en(_match(r, stem, pairs), unit, "Language", 2, "biet")


_VERBS = tables("tieng-anh-10")["verbs"]


_CHORES = tables("tieng-anh-10")["chores"]


_SUBJECTS = tables("tieng-anh-10")["subjects"]


_SIMPLE_MARKERS = tables("tieng-anh-10")["simple_markers"]


_CONT_MARKERS = tables("tieng-anh-10")["cont_markers"]


def _be(person: int, past: bool = False) -> str:
    if past:
        return "was" if person in (1, 3) else "were"
    return {1: "am", 3: "is"}.get(person, "are")


def _present(base: str, person: int) -> str:
    return _VERBS[base][0] if person == 3 else base


def _tense_item(r):
    """(sentence with ___ and hint, key, wrong list, explanation)."""
    subj, person = r.choice(_SUBJECTS)
    verb, obj = r.choice(_CHORES)
    if verb in ("iron", "sweep") and r.random() < 0.5:
        return None
    if r.random() < 0.5:
        marker = r.choice(_SIMPLE_MARKERS)
        key = _present(verb, person)
        wrong = [verb if person == 3 else _VERBS[verb][0], f"{_be(person)} {verb}", f"{_be(person)} {_VERBS[verb][3]}",
                 _VERBS[verb][1]]  # fmt: skip
        sentence = f"{subj} ___ ({verb}) {obj} {marker}."
        why = f"“{marker}” diễn tả thói quen, việc lặp lại → thì hiện tại đơn."
    else:
        before, after = r.choice(_CONT_MARKERS)
        key = f"{_be(person)} {_VERBS[verb][3]}"
        wrong = [f"{_be(3 if person != 3 else 6)} {_VERBS[verb][3]}", f"{_be(person)} {verb}", _present(verb, person),
                 _VERBS[verb][1]]  # fmt: skip
        sentence = f"{before}{subj} ___ ({verb}) {obj}{' ' + after if after else ''}."
        why = f"“{(before or after).strip(' !')}” cho biết hành động đang diễn ra → thì hiện tại tiếp diễn."
    return sentence, key, wrong, why


def _passive_item(r):
    noun, plural, verb, pp, place = r.choice([
        ("Plastic bottles", True, "recycle", "recycled", "at this factory"),
        ("Rubbish", False, "collect", "collected", "in our neighbourhood"),
        ("A lot of trees", True, "plant", "planted", "along the river"),
        ("Solar panels", True, "install", "installed", "on the school roof"),
        ("Reusable bags", True, "use", "used", "in this supermarket"),
        ("Waste water", False, "treat", "treated", "at this treatment plant"),
        ("Energy-saving light bulbs", True, "sell", "sold", "in this shop"),
        ("Old newspapers", True, "collect", "collected", "by our class"),
        ("A clean-up campaign", False, "organise", "organised", "by the Youth Union"),
        ("Organic vegetables", True, "grow", "grown", "in the school garden"),
    ])  # fmt: skip
    tense = r.choice(["present", "past", "future"])
    marker = {"present": r.choice(["every week", "every month", "every year"]),
              "past": r.choice(["last year", "last month", "two years ago"]),
              "future": r.choice(["next year", "next month", "next week"])}[tense]  # fmt: skip
    be = {
        "present": "are" if plural else "is",
        "past": "were" if plural else "was",
        "future": "will be",
    }[tense]
    key = f"{be} {pp}"
    wrong_be = {"are": "is", "is": "are", "were": "was", "was": "were", "will be": "will"}[be]
    wrong = [f"{wrong_be} {pp}", f"{be} {verb}", f"{be} {verb}ing".replace("eing", "ing"),
             f"will {verb}" if tense != "future" else f"{'are' if plural else 'is'} {pp}"]  # fmt: skip
    sentence = f"{noun} ___ ({verb}) {place} {marker}."
    why = f"Chủ ngữ “{noun}” chịu tác động của hành động → câu bị động; “{marker}” → " + {
        "present": "hiện tại đơn (am/is/are + V3).", "past": "quá khứ đơn (was/were + V3).", "future": "tương lai đơn (will be + V3)."}[tense]  # fmt: skip
    return sentence, key, wrong, why


_WILL_GOING = tables("tieng-anh-10")["will_going"]


_CONJ = tables("tieng-anh-10")["conj"]


_INF_VERBS = tables("tieng-anh-10")["inf_verbs"]


_INF_ACTIONS = tables("tieng-anh-10")["inf_actions"]


def _inf_item(r):
    verb, to = r.choice(_INF_VERBS)
    action, rest = r.choice(_INF_ACTIONS)
    subjects = [
        ("My parents", 6),
        ("Our teacher", 3),
        ("Minh's father", 3),
        ("The music teacher", 3),
    ]
    if to:
        subjects += [("She", 3), ("I", 1), ("They", 6), ("Minh", 3)]
    subj, person = r.choice(subjects)
    third = {"let": "lets", "make": "makes", "want": "wants", "decide": "decides", "hope": "hopes", "plan": "plans",
             "agree": "agrees", "would like": "would like"}  # fmt: skip
    v = third[verb] if person == 3 else verb
    ing = {"join": "joining", "enter": "entering", "practise": "practising", "perform": "performing",
           "sing": "singing", "learn": "learning"}[action]  # fmt: skip
    if not to:
        obj = r.choice(["me", "us", "her", "him"])
        sentence = f"{subj} {v} {obj} ___ ({action}) {rest}."
        key, wrong = action, [f"to {action}", ing, f"for {ing}"]
        why = f"Cấu trúc {verb} + tân ngữ + động từ nguyên mẫu không “to”."
    else:
        sentence = f"{subj} {v} ___ ({action}) {rest}."
        key, wrong = f"to {action}", [action, ing, f"for {ing}"]
        why = f"Sau “{verb}” dùng động từ nguyên mẫu có “to”."
    return sentence, key, wrong, why, True


_EVENTS = tables("tieng-anh-10")["events"]


_ACTIONS = tables("tieng-anh-10")["actions"]


def _past_item(r):
    ev_subj, ev_base, ev_past, ev_ing, ev_rest = r.choice(_EVENTS)
    subj, person, verb, rest = r.choice(_ACTIONS)
    cont = f"{_be(person, True)} {_VERBS[verb][3]}"
    tail = f" {ev_rest}" if ev_rest else ""
    if r.random() < 0.5:
        sentence = f"When {ev_subj} {ev_past}{tail}, {subj} ___ ({verb}) {rest}."
        key = cont
        wrong = [
            f"{_be(3 if person != 3 else 6, True)} {_VERBS[verb][3]}",
            f"{_be(person)} {_VERBS[verb][3]}",
            _VERBS[verb][1],
        ]
        why = "Hành động đang diễn ra thì có hành động khác xen vào → quá khứ tiếp diễn."
    else:
        sentence = f"While {subj} {cont} {rest}, {ev_subj} ___ ({ev_base}){tail}."
        key = ev_past
        plural = ev_subj == "the lights"
        pp = {"come": "come", "go": "gone"}.get(ev_base, ev_past)
        wrong = [
            ev_base if plural else ev_base + ("es" if ev_base.endswith("o") else "s"),
            f"{'have' if plural else 'has'} {pp}",
            f"{'were' if plural else 'was'} {ev_ing}",
        ]
        why = "Hành động ngắn xen vào một hành động đang diễn ra (while …) → quá khứ đơn."
    sentence = sentence[0].upper() + sentence[1:]
    return sentence, key, wrong, why, True


_PERFECT = tables("tieng-anh-10")["perfect"]


def _perfect_item(r):
    subj, person, verb, rest, pron = r.choice(_PERFECT)
    time = r.choice(
        [
            "since 2020",
            "for three years",
            "since last summer",
            "for a long time",
            f"since {pron} ten",
        ]
    )
    if verb == "visit":
        time = (
            r.choice(["three times", "many times", "twice"])
            + " since "
            + r.choice(["2020", "last year"])
        )
    key = f"{'has' if person == 3 else 'have'} {_VERBS[verb][2]}"
    wrong = [
        _VERBS[verb][1],
        f"{'have' if person == 3 else 'has'} {_VERBS[verb][2]}",
        f"{_be(person)} {_VERBS[verb][3]}",
    ]
    sentence = f"{subj} ___ ({verb}) {rest} {time}."
    why = "Dấu hiệu “since/for …” → thì hiện tại hoàn thành (have/has + V3)."
    return sentence, key, wrong, why, True


_DEVICES = tables("tieng-anh-10")["devices"]


def _purpose_item(r):
    device, base, ing, obj = r.choice(_DEVICES)
    if r.random() < 0.5:
        sentence = f"{device} is used for ___ ({base}) {obj}."
        key, wrong = ing, [base, f"to {base}", f"to {ing}"]
        why = "be used for + V-ing: nói về công dụng của đồ vật."
    else:
        sentence = f"{device} is used to ___ ({base}) {obj}."
        key, wrong = base, [ing, f"for {ing}", f"to {ing}"]
        why = "be used to + V (nguyên mẫu): nói về mục đích sử dụng của đồ vật."
    return sentence, key, wrong, why, False


_MODAL_PASSIVE = tables("tieng-anh-10")["modal_passive"]


def _modal_item(r):
    subj, modal, base, pp, rest = r.choice(_MODAL_PASSIVE)
    sentence = f"{subj} ___ ({modal} / {base}) {rest}."
    key = f"{modal} be {pp}"
    wrong = [f"{modal} be {base}", f"{modal} been {pp}", f"{modal} {pp}", f"{modal} being {pp}"]
    why = "Câu bị động với động từ khuyết thiếu: modal + be + V3."
    return sentence, key, wrong, why, True


_ADJ = tables("tieng-anh-10")["adj"]


_CMP_FRAMES = tables("tieng-anh-10")["cmp_frames"]


def _compare_item(r):
    frame, kind, adjs = r.choice(_CMP_FRAMES)
    base = r.choice(adjs)
    comp, sup = _ADJ[base]
    sentence = frame.format(a=base)
    key = comp if kind == 1 else sup
    wrong = [sup if kind == 1 else comp, base,
             f"more {comp}" if not comp.startswith("more") else f"{base}er",
             f"most {sup}" if not sup.startswith("most") else f"{base}est"]  # fmt: skip
    why = "Có “than” → so sánh hơn." if kind == 1 else "Có “the” và phạm vi so sánh → so sánh nhất."
    return sentence, key, [w for w in wrong if w != key], why, True


_RELATIVE = tables("tieng-anh-10")["relative"]


def _relative_item(r):
    sentence, key = r.choice(_RELATIVE)
    wrong = [w for w in ("who", "which", "whose", "where", "when") if w != key]
    why = {"who": "Thay cho danh từ chỉ người, làm chủ ngữ → who.", "which": "Thay cho danh từ chỉ vật → which.",
           "whose": "Chỉ sự sở hữu (… của người đó) → whose.", "where": "Thay cho nơi chốn → where.",
           "when": "Thay cho thời gian → when."}[key]  # fmt: skip
    return sentence, key, r.sample(wrong, 3), why, True


_REPORTED = tables("tieng-anh-10")["reported"]


_CONDITIONALS = tables("tieng-anh-10")["conditionals"]


_GRAMMAR = {1: _tense_item, 2: _passive_item, 3: _inf_item, 4: _past_item, 5: _perfect_item, 6: _modal_item,
            7: _compare_item, 8: _relative_item}  # fmt: skip


def _grammar_item(r, unit, strict: bool = False):
    """(sentence, key, wrong answers, explanation, whole): ``whole`` when the key is a full sentence.

    ``strict`` keeps only items whose wrong answers make the sentence plainly incorrect (for
    Đúng/Sai and multiple-response questions).
    """
    if unit == 2 and r.random() < 0.4 and not strict:
        s, key, wrong, why = r.choice(_WILL_GOING)
        return s, key, wrong, why, False
    if unit == 3 and r.random() < 0.4 and not strict:
        s, key, why = r.choice(_CONJ)
        return s, key, [w for w in ("and", "but", "so", "or") if w != key], why, False
    if unit == 5 and r.random() < 0.5 and not strict:
        return (*_purpose_item(r)[:4], False)
    if unit == 9:
        direct, key, wrong = r.choice(_REPORTED)
        return (
            direct,
            key,
            wrong,
            "Câu tường thuật: lùi thì, đổi đại từ và trạng từ chỉ thời gian, nơi chốn.",
            True,
        )
    if unit == 10:
        s, key, wrong, kind = r.choice(_CONDITIONALS)
        why = ("Câu điều kiện loại 1: If + hiện tại đơn, S + will + V." if kind == 1
               else "Câu điều kiện loại 2: If + quá khứ đơn (be → were), S + would + V.")  # fmt: skip
        return s, key, wrong, why, False
    item = _GRAMMAR[unit](r)
    return None if item is None else (*item[:4], False)


def t_anh_grammar(r):
    unit = r.randint(1, 10)
    item = _grammar_item(r, unit)
    if item is None:
        return None
    sentence, key, wrong, why, whole = item
    if whole:
        stem = f"Choose the sentence that correctly reports the following statement: {sentence}"
        level = "van_dung"
    else:
        stem = f"Choose the correct answer to complete the sentence: {sentence}"
        level = "van_dung" if unit == 10 else "hieu"
    q_ = _sc(r, stem, key, wrong, _sol(why), none_option=False)
    return _en(q_, unit, "Language", 3, level)


def _filled(sentence: str, answer: str) -> str:
    """The sentence with the gap filled and the hint in brackets removed."""
    return re.sub(r" \([^)]*\)", "", sentence.replace("___", answer))


def _statement(r, unit: int, correct: bool) -> tuple[str, str] | None:
    item = _grammar_item(r, unit, strict=True)
    if item is None:
        return None
    sentence, key, wrong, why, whole = item
    bad = r.choice(list(wrong)[:2])  # the first two wrong answers are plainly incorrect
    if whole:
        return (key if correct else bad), why
    return _filled(sentence, key if correct else bad), why


_WORD_FORMS = tables("tieng-anh-10")["word_forms"]


def t_anh_word_form(r):
    sentence, root, answers, unit = r.choice(_WORD_FORMS)
    stem = f"Write the correct form of the word in capitals to complete the sentence: {sentence} ({root})"
    sol = _sol(f"Đáp án: {answers[0]}.")
    return _en(_st(stem, answers, sol), unit, "Language", 2, "van_dung")


_STRESS = tables("tieng-anh-10")["stress"]


def t_anh_stress(r):
    main, odd = r.sample([1, 2, 3], 2)
    words = r.sample(_STRESS[main], 3)
    odd_word = r.choice(_STRESS[odd])
    listed = _shuffled(r, [*words, odd_word])
    names = {1: "thứ nhất", 2: "thứ hai", 3: "thứ ba"}
    stem = f"Which word has its primary stress on a different syllable from the other three: {', '.join(listed)}?"
    sol = _sol(
        f"“{odd_word}” nhấn trọng âm ở âm tiết {names[odd]}; các từ còn lại nhấn ở âm tiết {names[main]}."
    )
    q_ = _sc(r, stem, odd_word, words, sol, none_option=False)
    return _en(q_, 5, "Language", 1, "hieu")


_NAMES = tables("tieng-anh-10")["names"]


def t_anh_tf(r):
    review = r.randint(1, 4)
    units = [u for u, rv in _REVIEW_OF.items() if rv == review]
    statements = []
    for truth in _mix(r):
        made = _statement(r, r.choice(units), truth)
        if made is None:
            return None
        statements.append((made[0], truth, made[1]))
    name = r.choice(_NAMES)
    stem = (
        f"{name} wrote these four sentences for the Review {review} exercise (Units "
        f"{', '.join(str(u) for u in units)}). Decide whether each sentence is correct (Đúng) or incorrect (Sai)."
    )
    return _en(_tf(stem, statements), units[0], "Language*", 1, "hieu")


def t_anh_mr(r):
    unit = r.randint(1, 10)
    n_true = r.choice([2, 3])
    options = []
    for i in range(5):
        made = _statement(r, unit, i < n_true)
        if made is None:
            return None
        options.append((made[0], i < n_true))
    name = r.choice(_NAMES)
    stem = f"Choose ALL the correct sentences from {name}'s Unit {unit} ({_UNIT_TITLES[unit]}) homework."
    sol = _sol("Kiểm tra dạng động từ và cấu trúc ngữ pháp trọng tâm của bài trong từng câu.")
    return _en(_mr(r, stem, options, sol), unit, "Language", 3, "van_dung")


def t_anh_cloze(r):
    unit = r.choice([1, 2, 4, 5, 6])
    lines, blanks, seen = [], [], set()
    for n in range(1, 4):
        item = _passive_item(r) if unit == 2 else _GRAMMAR[unit](r)
        if item is None or item[0] in seen:
            return None
        seen.add(item[0])
        sentence, key = item[0], item[1]
        lines.append(f"{n}. " + sentence.replace("___", "{{" + str(n) + "}}"))
        blanks.append(_bt(key))
    stem = (
        "Complete the sentences with the correct form of the verbs in brackets.<br>"
        + "<br>".join(lines)
    )
    return _en(
        _cloze(
            stem, blanks, _sol("Chú ý dấu hiệu nhận biết thì và cấu trúc ngữ pháp trong từng câu.")
        ),
        unit,
        "Language",
        3,
        "hieu",
    )


def t_anh_cloze_choice(r):
    if r.random() < 0.5:
        items = [(s, k) for s, k, _ in r.sample(_CONJ, 3)]
        options, unit = ["and", "but", "so", "or"], 3
    else:
        items = r.sample(_RELATIVE, 3)
        options, unit = ["who", "which", "whose", "where", "when"], 8
    lines = [
        f"{n}. " + s.replace("___", "{{" + str(n) + "}}") for n, (s, _) in enumerate(items, start=1)
    ]
    blanks = [_bc(r, k, [o for o in options if o != k]) for _, k in items]
    stem = "Choose the correct word for each gap.<br>" + "<br>".join(lines)
    return _en(_cloze(stem, blanks), unit, "Language", 3, "hieu")


_DIALOGUES = tables("tieng-anh-10")["dialogues"]


def t_anh_order(r):
    unit, topic, lines = r.choice(_DIALOGUES)
    stem = (
        f"Put the sentences in the correct order to make a meaningful conversation about {topic}."
    )
    return _en(
        _order(
            stem,
            lines,
            _sol(
                "Hội thoại mở đầu bằng câu hỏi, tiếp theo là câu trả lời và các lượt lời phản hồi."
            ),
        ),
        unit,
        "Speaking",
        2,
        "hieu",
    )


_WRITING = tables("tieng-anh-10")["writing"]


def t_anh_essay(r):
    unit, prompt, content = r.choice(_WRITING)
    guide = [
        (f"Nội dung: {content}", 1.0),
        (
            "Bố cục: có câu chủ đề, các câu phát triển ý và câu kết; ý mạch lạc, dùng từ nối hợp lí",
            0.5,
        ),
        ("Từ vựng và ngữ pháp: dùng đúng, đa dạng từ vựng của bài; ít lỗi ngữ pháp, chính tả", 0.5),
        ("Độ dài đúng yêu cầu (120–150 từ)", 0.5),
    ]
    return _en(_essay(prompt, guide), unit, "Writing", 1, "van_dung")


_READINGS = tables("tieng-anh-10")["readings"]


def _reading_template():
    """Each call returns the next passage as a group (every passage once per bank)."""
    passages = iter(_READINGS)

    def template(r):
        found = next(passages, None)
        if found is None:
            return None
        unit, title, passage, scs, tfs = found
        items = []
        for stem, key, wrong, level in scs:
            q_ = _sc(
                r,
                stem,
                key,
                wrong,
                _sol("Đọc lại đoạn văn để tìm thông tin tương ứng."),
                none_option=False,
            )
            items.append(_en(q_, unit, "Reading", 2 if level == "hieu" else 1, level))
        tf = _tf(
            f"Read the passage “{title}” and decide whether each statement is true (Đúng) or false (Sai).",
            _shuffled(r, tfs),
            _sol("Đối chiếu từng mệnh đề với thông tin trong đoạn văn."),
        )
        items.append(_en(tf, unit, "Reading", 2, "hieu"))
        if any(i is None for i in items):
            return None
        return _Group(title=f"Reading: {title}", stimulus=f"<h4>{title}</h4>{passage}", items=items)

    return template


def _anh_plan():
    return [
        (_reading_template(), len(_READINGS)),
        (t_anh_vocab, 34),
        (t_anh_grammar, 70),
        (t_anh_word_form, 26),
        (t_anh_stress, 10),
        (t_anh_match, 14),
        (t_anh_tf, 10),
        (t_anh_mr, 10),
        (t_anh_cloze, 8),
        (t_anh_cloze_choice, 6),
        (t_anh_order, 10),
        (t_anh_essay, 10),
    ]
