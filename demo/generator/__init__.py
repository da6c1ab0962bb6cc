"""The demo question bank: about 1,750 questions for GDPT 2018 classes, no database.

See :mod:`demo.generator.core`; one module per subject and grade (two where it would pass
~600 lines), their texts and tables in ``demo/data/questions/*.yaml``.
"""

from __future__ import annotations

from demo.generator.anh10 import _anh_plan
from demo.generator.core import DemoBank, DemoQuestion, _Bank
from demo.generator.hoa10 import _hoa10_plan
from demo.generator.hoa11_more import _hoa11_plan
from demo.generator.hoa12 import _hoa12_plan
from demo.generator.ly10_more import _ly10_plan
from demo.generator.ly11_more import _ly11_plan
from demo.generator.ly12 import _ly12_plan
from demo.generator.su12 import _su_plan
from demo.generator.toan10_more import _toan10_plan
from demo.generator.toan11_more import _toan11_plan
from demo.generator.toan12_statistics import _toan12_plan


def demo_questions(seed: int = 2025) -> DemoBank:
    """The whole demo bank; the same seed always gives the same questions."""
    bank = _Bank(seed)
    for plan in (_TOAN_PLAN, _LY_PLAN, _HOA_PLAN, _ANH_PLAN, _SU_PLAN):
        for template, count in plan():
            bank.run(template, count)
    return DemoBank(questions=bank.questions, groups=bank.groups)


def _TOAN_PLAN():
    return _toan12_plan() + _toan11_plan() + _toan10_plan()


def _LY_PLAN():
    return _ly10_plan() + _ly11_plan() + _ly12_plan()


def _HOA_PLAN():
    return _hoa10_plan() + _hoa11_plan() + _hoa12_plan()


def _ANH_PLAN():
    return _anh_plan()


def _SU_PLAN():
    return _su_plan()


__all__ = ["DemoBank", "DemoQuestion", "demo_questions"]
