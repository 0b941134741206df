"""The fields of one deliverable read from its words: milestone, target and
unit, investment in yuan, deadline."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from gwr_cli.draft import scan

_UNIT_WORDS = (
    "万平方米 平方米 公里 千米 万亩 亩 所 个 套 家 条 座 户 间 张 辆 "
    "台 处 项 批 场 人次 人 名 栋 幢 万吨 吨 米 床 "
)
_UNITS = _UNIT_WORDS.split()
COUNT = re.compile(
    r"(?P<number>\d+(?:\.\d+)?)(?P<wan>万)?(?:余|多)?(?P<unit>" + "|".join(_UNITS) + r")(?:以上)?"
)
_PERCENT = re.compile(r"(?P<number>\d+(?:\.\d+)?)%")
_MONEY = re.compile(
    r"(?P<word>总投资|投资|投入|整合|安排)(?:资金)?(?:达|约|超)?(?P<number>\d+(?:\.\d+)?)(?P<scale>亿|万)?元"
)
# Road numbers and ordinals are names, not targets: s356, 107国道, 3号线, 二期.
_ANY_NUMBER = re.compile(r"(?<![A-Za-z\d.])\d+(?:\.\d+)?(?![\d.]|国道|省道|县道|号|路|线|期|届|次)")
_YEAR_WORD = re.compile(r"20\d\d年")
UNIT_EN = {
    "公里": "km",
    "千米": "km",
    "米": "m",
    "平方米": "m²",
    "万平方米": "10,000 m²",
    "亩": "mu",
    "万亩": "10,000 mu",
    "家": "firms",
    "户": "households",
    "万户": "10,000 households",
    "人": "people",
    "人次": "person-times",
    "吨": "t",
    "万吨": "10,000 t",
    "%": "%",
}

# (words, milestone) in order of precedence: an outcome stated after the
# object wins over the verb before it ("确保5所公办幼儿园投入使用").
_MILESTONES = (
    (("投入运营", "开业"), "投入运营"),
    (("投入使用", "建成投用"), "投入使用"),
    (("动工", "开工"), "动工"),
    (("建成",), "建成"),
    (("拆除",), "拆除"),
    (("竣工", "完工", "整体搬迁", "新建", "改建", "安装", "办好"), "完成"),
    (("开通",), "开通"),
    (("出台", "制定", "印发"), "出台"),
    (("达标",), "达标"),
    (("启动",), "启动"),
    (("完成",), "完成"),
)
_ONGOING = re.compile(
    r"加快|推进|推动|继续|持续|实施|开展|打造|巩固|提升|深化|强化|支持|对接|跟踪服务|增强|办好|打好"
)


def milestone(verb: str, tail: str, scope: str, *, counted: bool = False) -> str:
    """What "done" means, from the outcome or the verb; "" when unsaid.

    counted: the deliverable has a numeric target, so reaching it is 完成 when
    no verb says more ("新增独角兽5家", "帮助100家企业实现数字赋能").
    """
    for words, value in _MILESTONES:
        if tail and any(w in tail for w in words):
            return value
    head = verb + " " + scope[:8]
    for words, value in _MILESTONES:
        if any(w in head for w in words):
            if value == "完成" and re.search(r"(建设|扩建)$", scope):
                return "建成"  # "完成十六中建设": the building stands
            return value
    for word in ("达标", "投入使用", "投入运营"):  # the outcome ends the clause
        if scope.endswith(word):
            return word
    if _ONGOING.search(verb or scope[:6]):
        return "持续推进"
    if counted:
        return "完成"
    # A recurring programme ("每季度遴选并实施一批") is kept up, never finished.
    if _ONGOING.search(scope):
        return "持续推进"
    return ""


def target(scope: str) -> tuple[Decimal, str] | None:
    """The count a deliverable promises and its unit, e.g. (Decimal(5), "所")."""
    words = _MONEY.sub("", scan.bare(scope))
    quarterly = re.search(r"每季度.*?一(批|次)", words)
    if quarterly:
        return Decimal(4), quarterly[1]
    # A target is above 0 (gwr checks it); "0个" promises nothing countable.
    counts = [m for m in COUNT.finditer(words) if Decimal(m["number"]) > 0]
    if counts:
        chosen = next((m for m in counts if words[: m.start()].endswith("新增")), counts[0])
        unit = ("万" if chosen["wan"] else "") + chosen["unit"]
        return Decimal(chosen["number"]), unit
    written = _CHINESE_COUNT.search(words)
    if written:
        number = chinese_number(written["number"])
        if number is not None and number >= 2:
            return Decimal(number), written["unit"]
    percent = _PERCENT.search(words)
    if percent and Decimal(percent["number"]) > 0:
        return Decimal(percent["number"]), "%"
    return None


_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# A count in Chinese numerals right after a verb that makes things ("新建三所",
# "建成十个"); elsewhere such numerals are names ("十六中", "三溪路", "一期").
_CHINESE_COUNT = re.compile(
    r"(?:建成|新建|新增|完成|动工建设|开工建设|建设|改造|培育|引进|创建|打造)"
    r"(?P<number>[一二两三四五六七八九十百]+)(?P<unit>" + "|".join(_UNITS) + ")"
)


def chinese_number(words: str) -> int | None:
    """ "十" -> 10, "二十三" -> 23, "一百" -> 100, "两" -> 2; None if not a number."""
    total, current = 0, 0
    for char in words:
        if char in _DIGITS:
            current = _DIGITS[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def without_counts(words: str) -> str:
    """words without counts, amounts and percents (ids carry the target apart)."""
    return _PERCENT.sub("", COUNT.sub("", _MONEY.sub("", words)))


def bare_numbers(scope: str) -> list[str]:
    """Numbers that are neither a count, money, a percent nor a year: a person
    should say whether they are a target ("105国道" is a name)."""
    words = _YEAR_WORD.sub("", _MONEY.sub("", scan.bare(scope)))
    words = COUNT.sub("", _PERCENT.sub("", words))
    words = re.sub(r"\d{1,2}月底?前?", "", words)
    return _ANY_NUMBER.findall(words)


def investments(words: str) -> list[tuple[str, int]]:
    """Every amount stated as an investment: (the words, yuan)."""
    found = []
    for match in _MONEY.finditer(words):
        scale = {"亿": Decimal(100_000_000), "万": Decimal(10_000)}.get(match["scale"] or "", 1)
        found.append((match.group(), int(Decimal(match["number"]) * scale)))
    return found


def deadline(words: str, year: int) -> tuple[dt.date, str]:
    """The deadline the words state and the phrase that states it; the year's
    end when none is stated (a report's tasks are for its year)."""
    month = re.search(r"(\d{1,2})月(?:底|末)?前", words)
    if month and 1 <= int(month[1]) <= 12:
        return _month_end(year, int(month[1])), month.group()
    quarter = re.search(r"(?<!每)(前三|[一二三四1-4])季度", words)
    if quarter:
        number = {"前三": 3, "一": 1, "二": 2, "三": 3, "四": 4}.get(quarter[1]) or int(quarter[1])
        return _month_end(year, number * 3), quarter.group()
    if "上半年" in words:
        return dt.date(year, 6, 30), "上半年"
    return dt.date(year, 12, 31), ""


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)
