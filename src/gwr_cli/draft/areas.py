"""The area lexicon: keywords that place a task in an area. It covers the
areas of the shipped Xiangzhou registry (same keys and names) and the common
areas of other reports (health, rural, transport by another name)."""

from __future__ import annotations

import re

from gwr_cli.records import Record

# Words that end a title without saying what it is about ("…改造项目建设").
_WORK_ENDING = re.compile(r"(?:建设|项目|工程|工作|改造|改扩建|提升|步伐)+$")


class AreaWords(Record):
    key: str
    name: str
    name_en: str
    words: tuple[str, ...]


LEXICON = (
    AreaWords(
        "industry",
        "产业发展",
        "Industry",
        ("制造", "产业园", "工厂", "工业", "智能装备", "零部件", "产业", "园区"),
    ),
    AreaWords(
        "innovation",
        "科技创新与数字化",
        "Innovation & digital",
        ("创新型企业", "高企", "独角兽", "数字", "科技", "人工智能", "云", "研发", "高新技术"),
    ),
    AreaWords(
        "commerce",
        "商业消费",
        "Commerce & consumption",
        ("商业", "综合体", "消费", "商圈", "酒店", "环宇城", "又一城", "购物", "市场"),
    ),
    AreaWords(
        "culture",
        "文化旅游",
        "Culture & tourism",
        ("旅游", "文化", "艺术", "航线", "夜间经济", "博物馆", "图书馆", "体育", "景区"),
    ),
    AreaWords(
        "investment",
        "重点项目与招商",
        "Key projects & investment",
        ("招商", "挂图作战", "落户", "重点项目", "合作创新", "对接", "走廊"),
    ),
    AreaWords("planning", "规划与政策", "Planning & policy", ("规划", "政策", "方案", "五规合一")),
    AreaWords(
        "roads",
        "道路交通",
        "Roads",
        (
            "道路",
            "国道",
            "公路",
            "主干道",
            "隧道",
            "交通",
            "路网",
            "公交",
            "高速",
            "农村路",
            "通车",
        ),
    ),
    AreaWords(
        "education",
        "教育",
        "Education",
        (
            "学校",
            "中学",
            "小学",
            "幼儿园",
            "学前教育",
            "课室",
            "教育",
            "高中",
            "学位",
            "职教",
            "十六中",
        ),
    ),
    AreaWords(
        "health", "医疗卫生", "Health", ("医院", "医疗", "卫生", "病区", "中医", "疾控", "健康")
    ),
    AreaWords(
        "housing", "住房保障", "Housing", ("保障房", "人才房", "公寓", "住房", "租赁用房", "保障性")
    ),
    AreaWords(
        "water",
        "水务与污水治理",
        "Water & sewers",
        (
            "污水",
            "水环境",
            "水质",
            "管网",
            "水闸",
            "水厂",
            "泵站",
            "供水",
            "排水",
            "黑臭水体",
            "河",
        ),
    ),
    AreaWords(
        "environment",
        "生态环境",
        "Environment",
        ("蓝天", "净土", "垃圾分类", "生态", "环保", "大气", "节能", "减排", "环境保护"),
    ),
    AreaWords(
        "city-management",
        "城市管理",
        "City management",
        ("市容", "整治", "光亮", "天台", "洁面", "城市管理", "燃气"),
    ),
    AreaWords(
        "renewal",
        "城市更新",
        "Urban renewal",
        ("旧村", "旧城镇", "城市更新", "连片改造", "拆除", "老旧小区", "渔港", "旧改"),
    ),
    AreaWords(
        "parks",
        "公园绿道与景观",
        "Parks, trails & landmarks",
        ("公园", "步道", "绿道", "景观", "观光塔", "阳台", "情侣路", "湖"),
    ),
    AreaWords(
        "rural",
        "乡村振兴",
        "Rural revitalisation",
        ("乡村", "村庄", "农村", "农业", "粮食", "示范村"),
    ),
    AreaWords("elderly-care", "养老服务", "Elderly care", ("养老",)),
    AreaWords(
        "social-services",
        "社会服务",
        "Social services",
        ("社工", "社会组织", "民生微实事", "社区服务", "救助", "就业", "基层治理"),
    ),
    AreaWords(
        "governance",
        "政府建设",
        "Governance",
        ("政治", "人大", "政协", "提案", "执法", "复议", "政务公开", "法治", "四个意识"),
    ),
)
OTHER = AreaWords("other", "其他", "Other", ())


def classify(name: str, title: str, words: str, chapter_title: str) -> AreaWords:
    """The best area: keywords in the task's own name count most, then in its
    title, its sentence and its chapter's title. A Chinese noun phrase ends in
    its head ("南屏科技生态城概念性规划" is a plan), so a keyword that ends the
    title counts as much again. Ties go to the lexicon's order."""
    head = _WORK_ENDING.sub("", title)
    best, best_score = OTHER, 0.0
    for area in LEXICON:
        score = 0.0
        for word in area.words:
            weight = len(word)
            if word in name:
                score += 4 * weight
            if word in title:
                score += 2 * weight
            if head.endswith(word):
                score += 4 * weight
            if word in words:
                score += weight
            if word in chapter_title:
                score += weight
        if score > best_score:
            best, best_score = area, score
    return best
