"""One sentence -> its deliverables, split the way a careful person splits.

Rules, each from the shipped Xiangzhou registry:
- clauses are cut at commas outside quotes and brackets;
- a money clause ("投入2500万元") or a means clause ("依托…平台") belongs to the
  clause after it; a running total ("总量达到24家") to the clause before it;
  a purpose clause ("彻底遏制…", "切实办成…") promises nothing checkable
  unless it names an outcome or a number;
- a sentence of two short clauses with neither an outcome verb nor a number
  is one task ("深化政务公开,积极回应群众关切");
- a list after a building verb or before an outcome is one task per item
  ("建成A、B和C" -> three; "力促A、B年内投入运营" -> two), unless a count
  closes it ("九洲湾等11个商业综合体" -> one task, target 11);
- "和", "及", "以及" split two deliverables when each side ends in a piece of
  work or carries its own count ("完成十六中建设和九洲中学改扩建").

One module (about 360 lines): the rules read one after another on the same
clauses, and a reader checks them against the registry in this order.
"""

from __future__ import annotations

import re

from gwr_cli.draft import fields, scan
from gwr_cli.records import Record

ADVERBS = re.compile(
    r"(?:20\d\d年|今年|年内|上半年|下半年|年底前|\d{1,2}月底前|前三季度|继续|持续|深入|全面|积极|认真|"
    r"大力|力争|着力|重点|扎实|稳步|有序|加紧|尽快|高标准|高质量|同步|全力|正式|争取|主动|"
    r"依法|统筹|精心|确保)*"
)  # "确保" is read as an adverb: the outcome after the object says what is ensured
# Longest first: the regex alternation takes the first that matches.
_VERB_WORDS = (
    "动工建设 开工建设 加快推进 加快建设 加快实施 启动建设 建成投用 建成 完成 "
    "启动 推进 推动 加快 力促 促进 开通 出台 实施 新建 改建 扩建 建设 "
    "打造 开展 实现 拆除 支持 跟踪服务好 跟踪服务 对接 巩固 提升 打好 办好 "
    "深化 强化 编制完成 编制 创建 新增 帮助 安装 增强 接受 做好 引进 培育 "
    "举办 组织 开工 动工 整治 治理 消除 收购 落实 健全 完善 制定 修订 "
    "发放 培训 招引 争创 成立 设立 组建 遴选 改造 迁建 筹建 续建 谋划 "
    "保障 提高 扩大 优化 加强 抓好 办成 确保 "
)
VERBS = sorted(
    _VERB_WORDS.split(),
    key=len,
    reverse=True,
)
_VERB = re.compile("|".join(VERBS))
# Verbs that take a list of things to build, open or finish, one task each.
_LIST_VERB_WORDS = (
    "动工建设 开工建设 加快推进 加快建设 加快实施 启动建设 建成投用 建成 完成 "
    "启动 推进 推动 加快 力促 开通 出台 新建 改建 扩建 建设 拆除 编制完成 "
    "迁建 筹建 续建 改造 "
)
LIST_VERBS = frozenset(_LIST_VERB_WORDS.split())
OUTCOME_TAIL = re.compile(
    r"(?:年内|上半年|下半年|年底前|\d{1,2}月底前)?(?:正式)?"
    r"(投入运营|投入使用|建成通车|建成投用|建成|开工|动工|完工|通车|竣工|开业|实现整体搬迁|整体搬迁)$"
)
OUTCOME = re.compile(
    r"动工|开工|建成|完成|投入使用|投入运营|开通|出台|启动|拆除|新建|改建|竣工|完工|通车|达标|新增"
)
_WORK_NOUN = re.compile(r"(?:建设|改造|改扩建|扩建|迁建|工程|项目|工作|改革)$")
_MONEY_CLAUSE = re.compile(
    r"(?:计划|共|累计|争取)?(?:总投资|投资|投入|整合|安排|统筹)(?:资金)?(?:约|达|超)?"
    r"\d+(?:\.\d+)?(?:亿|万)?元(?:资金)?"
)
_MEANS = re.compile(r"依托|通过|借助|按照|依据|利用")
_CONTINUATION = re.compile(r"总量|总数|累计|总计|其中")
# A clause that states what the one before leads to ("强化…招商,推动更多…落户").
_RESULT = re.compile(r"推动更多|吸引更多|带动|促进更多")
_PURPOSE = re.compile(r"彻底|切实|不断|自觉|努力|力求|以便|从而|进一步")
_SHORT = 8  # "深化政务公开,积极回应群众关切": two short clauses, one promise
_CONNECTORS = ("以及", "及", "和", "与")


class Deliverable(Record):
    """One task as the sentence states it. Offsets are into the whole text."""

    source: tuple[int, int]  # the verbatim source
    scope: str  # the words about this deliverable alone: target, title, id
    group: str  # the words around it: investment, deadline
    shares_group: int  # how many deliverables the group holds
    verb: str  # the leading verb ("动工建设"), maybe inherited
    tail: str  # an outcome after a list ("投入运营"), or ""
    title: str
    name: str  # the thing itself, for ids and areas ("容国团中学")
    checks: tuple[str, ...]  # why a person should look (Chinese)


class _Group(Record):
    start: int
    end: int
    core: tuple[int, int]
    after_connector: bool  # "以及…": the verb comes from the group before
    merged: bool = False  # two short clauses taken as one promise (a guess)


def _groups(text: str, start: int, end: int) -> list[_Group]:
    clauses = scan.split_spans(text, ",，", start, end)
    groups: list[_Group] = []
    pending: list[tuple[int, int]] = []
    for a, b in clauses:
        clause = text[a:b]
        if _PURPOSE.match(clause) and not _states_outcome(clause):
            continue
        if (_CONTINUATION.match(clause) or _RESULT.match(clause)) and groups:
            groups[-1] = groups[-1]._replace(end=b)
            continue
        if _MONEY_CLAUSE.fullmatch(clause) or _MEANS.match(clause):
            pending.append((a, b))
            continue
        connector = clause.startswith(("以及", "及"))
        groups.append(_Group(pending[0][0] if pending else a, b, (a, b), connector))
        pending = []
    if pending and groups:
        groups[-1] = groups[-1]._replace(end=pending[-1][1])
    if len(groups) == 2 and not any(
        _promises_outcome(text, g) or g.core[1] - g.core[0] > _SHORT for g in groups
    ):
        first, second = groups
        groups = [first._replace(end=second.end, merged=True)]
    return groups


def _promises_outcome(text: str, group: _Group) -> bool:
    return _states_outcome(text[group.core[0] : group.core[1]])


def _states_outcome(clause: str) -> bool:
    """An outcome verb or a number outside quotes: something to check later."""
    words = scan.bare(clause)
    return bool(OUTCOME.search(words) or re.search(r"\d", words))


def split_sentence(text: str, start: int, end: int) -> list[Deliverable]:
    """The deliverables of the sentence text[start:end] (no final 。)."""
    found: list[Deliverable] = []
    verb = ""
    for group in _groups(text, start, end):
        parts = _split_group(text, group, verb if group.after_connector else "")
        # A verb with nothing but brackets after it ("启动〔……〕") promises nothing.
        parts = [p for p in parts if scan.bare(p.name).strip()]
        if parts:
            verb = parts[0].verb or verb
        found.extend(parts)
    return found


def _lead(clause: str) -> tuple[int, str]:
    """Where the object starts after adverbs and the verb, and the verb."""
    offset = 0
    for connector in ("以及", "及"):
        if clause.startswith(connector):
            offset = len(connector)
            break
    adverbs = ADVERBS.match(clause, offset)
    offset = adverbs.end() if adverbs else offset
    verb = _VERB.match(clause, offset)
    if verb is None:
        return offset, ""
    return verb.end(), verb.group()


def _any_verb(clause: str) -> str:
    """A verb later in the clause ("为全区中小学课室和食堂安装空调")."""
    found = _VERB.search(clause)
    return found.group() if found else ""


def _split_group(text: str, group: _Group, inherited_verb: str) -> list[Deliverable]:
    a, b = group.core
    clause = text[a:b]
    group_text = text[group.start : group.end]
    offset, verb = _lead(clause)
    verb = verb or inherited_verb
    tail_match = OUTCOME_TAIL.search(clause)
    tail = tail_match[1] if tail_match and tail_match.start() > offset else ""
    object_end = tail_match.start() if tail else len(clause)
    listing = _list_items(clause, offset, object_end, verb, tail)
    if listing is not None:
        items, suffix, joined = listing
        shared = _shared_work_noun(items)
        parts = []
        for name in items:
            title_name = _short_name(name)
            added = suffix or (shared if not _WORK_NOUN.search(name) else "")
            title = title_name + tail if tail else verb + title_name + added
            checks = []
            if joined:
                checks.append("列举中的“和/及”也按两项拆分，请确认")
            if added and not tail:
                checks.append(f"标题补上了各项共用的“{added}”，请核对")
            parts.append((name, title, tuple(checks)))
        return [
            Deliverable(
                source=(a, b),
                scope=name,
                group=group_text,
                shares_group=len(parts),
                verb=verb,
                tail=tail,
                title=title,
                name=_short_name(name),
                checks=checks,
            )
            for name, title, checks in parts
        ]
    pieces = _connector_pieces(clause, offset)
    if len(pieces) > 1:
        result = []
        for index, (p, q) in enumerate(pieces):
            piece = clause[p:q]
            has_verb = index == 0 or _VERB.match(piece, ADVERBS.match(piece).end())
            title = _clean_title(piece if has_verb else verb + piece)
            result.append(
                Deliverable(
                    source=(a + p, a + q),
                    scope=piece,
                    group=group_text,  # "上半年完成A建设和B改造": both by June
                    shares_group=len(pieces),
                    verb=verb,
                    tail="",
                    title=title,
                    name=_short_name(piece[offset:] if index == 0 else piece),
                    checks=("“和/及”连接两项，已拆分",),
                )
            )
        return result
    checks = []
    verb = verb or _any_verb(clause)
    if not verb and not tail:
        if not re.search(r"\d", re.sub(r"20\d\d年", "", scan.bare(clause))):
            return []  # no verb, no outcome, no number: a statement, not a promise
        checks.append("未找到动词，可能不是一项具体工作")
    words = scan.bare(clause[offset:])
    counted = re.search(r"等" + fields.COUNT.pattern, words)  # "A、B等10所学校": one group
    if re.search(r"[和及与、]", words) and not counted:
        checks.append("可能含两项以上工作，请确认是否拆分")
    if group.merged:
        checks.append("两个短分句按一项工作处理，请确认")
    title = _clean_title(clause if not group.after_connector else verb + clause[offset:])
    return [
        Deliverable(
            source=(group.start, group.end),
            scope=clause,
            group=group_text,
            shares_group=1,
            verb=verb,
            tail=tail,
            title=title,
            name=_short_name(clause[offset:object_end]),
            checks=tuple(checks),
        )
    ]


def _list_items(
    clause: str, offset: int, object_end: int, verb: str, tail: str
) -> tuple[list[str], str, bool] | None:
    """The items of a list of deliverables, the words shared after "等", and
    whether a "和"/"及" inside the list was taken as a separator."""
    if not (verb in LIST_VERBS or tail) or clause[offset:].startswith("、"):
        return None
    spans = scan.split_spans(clause, scan.LIST_MARKS, offset, object_end)
    if len(spans) < 2:
        return None
    listed = [clause[p:q] for p, q in spans]
    # Inside a list, "和"/"及" join two more items ("凤凰山和板樟山山地步道").
    items = [piece for item in listed for piece in _at_connectors(item)]
    suffix = ""
    last = items[-1]
    etc = scan.outside_brackets(last, "等")
    if etc:
        suffix = last[etc[0] + 1 :]
        if fields.COUNT.match(suffix):
            return None  # "A、B等11个X": examples of one counted group
        items[-1] = last[: etc[0]]
    if len(items) < 2 or (any(len(scan.bare(i)) <= 2 for i in items) and not suffix):
        return None
    if any(not scan.bare(i) for i in items):
        return None
    return _share_suffix(items), suffix, len(items) != len(listed)


def _at_connectors(item: str) -> list[str]:
    for connector in ("以及", "及", "和", "与"):
        positions = scan.outside_brackets(item, connector)
        if positions and positions[0] > 0 and positions[0] + len(connector) < len(item):
            p = positions[0]
            return [item[:p], *_at_connectors(item[p + len(connector) :])]
    return [item]


def _share_suffix(items: list[str]) -> list[str]:
    """ "凤凰山" + "板樟山山地步道": names of one length share what follows."""
    last = items[-1]
    before = items[-2]
    if len(last) - len(before) >= 2 and not _WORK_NOUN.search(before):
        shared = last[len(before) :]
        if re.fullmatch(r"[\u4e00-\u9fff]+", shared) and len(before) <= 4:
            return [*items[:-2], before + shared, last]
    return items


def _shared_work_noun(items: list[str]) -> str:
    """ "建设" ending only the last item ends every item (A、B建设)."""
    match = _WORK_NOUN.search(items[-1])
    if (
        match
        and match.group() in ("建设", "改造", "改扩建", "扩建", "迁建")
        and not any(_WORK_NOUN.search(i) for i in items[:-1])
    ):
        return match.group()
    return ""


def _connector_pieces(clause: str, offset: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    start = 0
    search_from = offset
    while True:
        cut = None
        for connector in _CONNECTORS:
            for position in scan.outside_brackets(clause[search_from:], connector):
                p = search_from + position
                left, right = clause[start:p], clause[p + len(connector) :]
                if right and _two_deliverables(left, right):
                    if cut is None or p < cut[0]:
                        cut = (p, p + len(connector))
                    break
        if cut is None:
            break
        pieces.append((start, cut[0]))
        start = search_from = cut[1]
    pieces.append((start, len(clause)))
    return pieces if len(pieces) > 1 else [(0, len(clause))]


def _two_deliverables(left: str, right: str) -> bool:
    """Both sides name a piece of work ("十六中建设和九洲中学改扩建"), or the
    first has its own count and the second is work or counted too ("保利达等5个
    商业综合体及香洲渔港改造项目"); "收购装修和分配入住" is one task's steps."""
    right_is_work = bool(_WORK_NOUN.search(right) or fields.COUNT.search(scan.bare(right)))
    left_is_work = bool(_WORK_NOUN.search(left) or fields.COUNT.search(scan.bare(left)))
    return left_is_work and right_is_work


_MONEY_WORDS = re.compile(r"(?:总投资|投资|投入)(?:达|约)?\d+(?:\.\d+)?(?:亿|万)?元的?")
_TITLE_OPENERS = re.compile(r"^(?:20\d\d年|今年|年内|力争|积极|认真|确保|力促)+")


def _clean_title(clause: str) -> str:
    title = _MONEY_WORDS.sub("", clause)
    title = _TITLE_OPENERS.sub("", title)
    return title or clause


def _short_name(name: str) -> str:
    """ "园区内的容国团中学" -> "容国团中学": a place before "的" is context."""
    name = _MONEY_WORDS.sub("", name)
    positions = scan.outside_brackets(name, "的")
    if positions and len(name) - positions[-1] > 3:
        name = name[positions[-1] + 1 :]
    return name
