"""The 分工/lights/periods message block: both languages have every key, the
keys the code builds exist, and gwr's Chinese uses full-width punctuation."""

from __future__ import annotations

import re

import pytest

from gwr_cli.lights import LIGHTS
from gwr_cli.messages import _TEXT, either
from gwr_cli.periods import PERIOD_KINDS

PREFIXES = ("asg.", "light.", "period.", "list.")
REASONS = ("done", "ahead", "on-track", "behind", "overdue", "not-open", "not-started",
           "not-started-late", "node-missed")  # fmt: skip


def _block(lang):
    return {k: v for k, v in _TEXT[lang].items() if k.startswith(PREFIXES)}


def test_zh_and_en_have_the_same_keys():
    assert set(_block("zh")) == set(_block("en"))
    assert len(_block("zh")) > 100


def test_keys_built_by_the_code_exist():
    built = [f"light.{color}" for color in LIGHTS]
    built += [f"light.reason.{reason}" for reason in REASONS]
    built += ["light.reason.overdue.one", "light.reason.not-started-late.one"]
    for kind in PERIOD_KINDS:
        built += [f"period.{part}.{kind}" for part in ("name", "example", "rule", "title", "label")]
    built += [f"asg.kind.{kind}" for kind in ("unit", "leader", "tag")]
    built += [f"asg.role.{role}" for role in ("lead", "partner")]
    for lang in ("zh", "en"):
        assert [key for key in built if key not in _TEXT[lang]] == []


@pytest.mark.parametrize("key", sorted(_block("zh")))
def test_chinese_sentences_use_full_width_punctuation(key):
    value = _TEXT["zh"][key]
    # Placeholders and quoted TOML examples ([...], { by = ... }) are not prose.
    prose = re.sub(r"\[[^\]]*\]", "", re.sub(r"\{+[^{}]*\}+", "", value))
    assert re.findall(r"[,():;]", prose) == [], value


def test_either_joins_alternatives():
    assert either(["a"], "zh") == "“a”"
    assert either(["a", "b", "c"], "zh") == "“a”、“b”或“c”"
    assert either(["a", "b"], "en") == "'a' or 'b'"
