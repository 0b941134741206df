"""The HTML report (`gwr summary --format html`), the static site (`gwr site`)
and the SVG charts both draw: content, escaping, determinism, writing."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import SHIPPED_REGISTRY, copy_registry, make_event
from gwr_cli.html import charts
from gwr_cli.html.report import LightRow, render_report, report_view
from gwr_cli.html.site import build_site
from gwr_cli.html.site_rows import Accountability
from gwr_cli.html.site_write import MARKER
from gwr_cli.messages import _TEXT
from gwr_cli.registry_load import load_registry
from gwr_cli.status import task_states
from gwr_cli.summary_build import build_summary

HOSTILE = [
    "<script>alert(1)</script>",
    '" onmouseover="alert(2)" x="',
    "javascript:alert(3)",
    "{{ 7*7 }}",
    "{% if true %}x{% endif %} & ' <b>bold</b>",
]


class Page(HTMLParser):
    """What a browser would build: elements, attributes, script bodies, text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)
        else:
            self.text.append(data)

    @property
    def all_text(self) -> str:
        return "".join(self.text)


def assert_safe(html: str, hostile: list[str] = HOSTILE) -> Page:
    """Every hostile text shown literally; no element, handler or link it made."""
    page = Page(html)
    for value in hostile:
        assert value in page.all_text, value
    for tag, attrs in page.tags:
        assert tag not in ("b", "iframe", "object", "embed"), tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src", "xlink:href"):
                assert not (value or "").lower().startswith("javascript:"), value
    for script in page.scripts:
        assert "alert" not in script
    assert "49" not in page.all_text.replace("2021-", "")  # {{ 7*7 }} never evaluated
    return page


def assert_self_contained(html: str) -> None:
    """Nothing fetched: no external script, style sheet, font, image or frame."""
    page = Page(html)
    for tag, attrs in page.tags:
        assert tag not in ("link", "img", "iframe", "object", "embed"), tag
        if tag == "script":
            assert "src" not in attrs
        for name in ("src", "srcset", "poster", "data"):
            assert name not in attrs, (tag, name)
    assert "@import" not in html and "@font-face" not in html
    assert not re.search(r"url\((?!#)", html), "CSS or SVG url() pointing outside the page"
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in html


def record_hostile(gwr) -> None:
    gwr.ok("start", "sewer-pipes-50km", "--on", "2021-05-10", "--note", HOSTILE[0])
    gwr.ok("progress", "sewer-pipes-50km", "24", "--on", "2021-05-11", "--note", HOSTILE[1])
    gwr.ok("note", "sewer-pipes-50km", HOSTILE[2], "--on", "2021-05-12")
    gwr.ok("done", "school-no16", "--on", "2021-05-12", "--note", HOSTILE[3])
    gwr.ok("block", "mall-haiyin", "--on", "2021-05-13", "--note", HOSTILE[4])
    gwr.ok("indicator", "set", "gdp-growth", "6.8", "--on", "2021-05-12", "--note", HOSTILE[0])


# --- the report ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_summary_html_is_one_self_contained_page_with_the_text_summary(gwr, tmp_path, lang):
    record_hostile(gwr)
    out = tmp_path / "week.html"
    args = ("--lang", lang, "--as-of", "2021-05-16", "summary")
    result = gwr.ok(*args, "--format", "html", "--output", str(out))
    assert str(out) in result.stdout
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert_self_contained(html)
    page = assert_safe(html, HOSTILE[:2] + HOSTILE[3:])  # notes of note events: own section
    assert not page.scripts, "the report has no script at all"
    text_summary = gwr.ok(*args).stdout
    # Every line of the text summary is on the page (headings, items, table cells).
    for line in text_summary.splitlines():
        stripped = re.sub(r"^\s*(\d+\. |[一二三四五六七八九十]、)", "", line).strip()
        for cell in re.split(r"\s{2,}", stripped):  # table rows: cell by cell
            assert cell in page.all_text, cell
    assert html.count("<svg") == 4  # status, schedule, areas, cumulative; no units
    assert f'lang="{"zh-CN" if lang == "zh" else "en"}"' in html


def test_summary_html_counts_and_charts_agree_with_the_json(gwr, tmp_path):
    record_hostile(gwr)
    gwr.ok("start", "school-changsha", "--on", "2021-05-13")
    gwr.ok("block", "school-changsha", "--on", "2021-05-14", "--note", "x")  # after a start
    data = gwr.ok("--as-of", "2021-05-16", "summary", "--format", "json").stdout
    import json

    counts = json.loads(data)["counts"]
    status, schedule = counts["status"], counts["schedule"]
    assert status["blocked"] == 1 and status["blocked_not_started"] == 1
    html = gwr.ok("--as-of", "2021-05-16", "summary", "--format", "html").stdout
    text = Page(html).all_text
    assert f"done {status['done']} (" in text
    assert f"in progress {status['in_progress']} (" in text
    assert f"not started {status['not_started']} (" in text
    assert text.count(" (1 of them blocked)") >= 2  # the headline's words, in the legend
    assert f"By status ({counts['total']} tasks)" in text
    # Each partition sums to the total, every state with the tally's own count.
    legend = r">[^<>]*? (\d+) \(\d+%\)(?: \(\d+ of them blocked\))?</text>"
    by_status = re.search(r"By status.*?</svg>", html, re.S).group()
    numbers = [int(n) for n in re.findall(legend, by_status)]
    assert numbers == [status["done"], status["in_progress"], status["not_started"]]
    assert sum(numbers) == counts["total"]
    by_schedule = re.search(r"By schedule.*?</svg>", html, re.S).group()
    numbers = [int(n) for n in re.findall(legend, by_schedule)]
    states = ("done", "ahead", "on_track", "behind", "not_started", "overdue")
    assert numbers == [schedule[k] for k in states]
    assert sum(numbers) == counts["total"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_upcoming_deadlines_are_a_table_with_the_text_summarys_facts(gwr, lang):
    import json

    options = ("--lang", lang, "--as-of", "2021-06-10", "summary")
    data = json.loads(gwr.ok(*options, "--format", "json").stdout)
    assert data["upcoming"], "the shipped registry has deadlines on 2021-06-30"
    html = gwr.ok(*options, "--format", "html").stdout
    heading = "四周内到期" if lang == "zh" else "Due within four weeks"
    assert Page(html).all_text.count(heading) == 1  # the table replaces the list
    table = re.search(r'<table class="upcoming">.*?</table>', html, re.S).group()
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    assert len(rows) == len(data["upcoming"])
    for row, item in zip(rows, data["upcoming"], strict=True):
        cells = [Page(c).all_text for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        title = item["task"]["title"] if lang == "zh" else item["task"]["title_en"]
        assert cells[0] == f"{title} [{item['task']['id']}]"
        assert cells[1:3] == [item["deadline"], str(item["days_left"])]


def _view(lights=(), units=()):
    registry = load_registry(SHIPPED_REGISTRY)
    summary = build_summary(
        registry, [], dt.date(2021, 5, 10), dt.date(2021, 5, 16), dt.date(2021, 5, 16)
    )
    return report_view(
        summary,
        "zh",
        weeks=charts.cumulative_by_week([], registry.report.delivered, dt.date(2021, 5, 16)),
        opens=registry.report.delivered,
        closes=dt.date(2021, 12, 31),
        ideal_total=73,
        units=units,
        lights=lights,
    )


def test_lights_table_red_first_with_units_leaders_and_reasons():
    lights = [
        LightRow(
            "a-task", "黄灯任务", "yellow", "滞后序时12个百分点", ("区水务局",), ("区领导甲",)
        ),
        LightRow(
            "b-task",
            HOSTILE[0],
            "red",
            "滞后序时32个百分点",
            ("区住建局", "前山街道"),
            ("区领导乙",),
            problems=HOSTILE[1],
        ),
    ]
    html = render_report(_view(lights=lights))
    assert_safe(html, HOSTILE[:2])
    table = Page(re.search(r'<table class="lights">.*?</table>', html, re.S).group()).all_text
    assert table.index("红灯") < table.index("黄灯")
    assert "亮灯预警（红灯1项，黄灯1项）" in Page(html).all_text
    for value in ("区住建局、前山街道", "区领导乙", "滞后序时32个百分点", "区水务局", "区领导甲"):
        assert value in table


def test_without_lights_or_units_their_table_and_chart_are_left_out():
    html = render_report(_view())
    assert 'class="lights"' not in html and "亮灯预警" not in html
    # the headline still counts the lights: they come from the schedule, not the 分工
    assert "亮灯：红灯1项，黄灯72项，绿灯0项。" in Page(html).all_text
    assert "chart-units" not in html
    with_units = render_report(_view(units=[charts.Bar("区水务局", 1, 4)]))
    assert "分牵头单位完成情况" in with_units and "1/4 25%" in with_units


# --- charts ---------------------------------------------------------------------------


def test_stacked_bar_widths_are_proportional_and_labels_escaped():
    svg = str(
        charts.stacked_bar(
            "c", "<title>", [charts.Segment("done", "<b>", 1), charts.Segment("blocked", "x", 3)],
            "en",
        )
    )  # fmt: skip
    assert 'viewBox="0 0 640 ' in svg and 'width="100%"' not in svg
    segment = r'<rect x="[\d.]+" y="0" width="([\d.]+)" height="36" fill="url'
    widths = [float(w) for w in re.findall(segment, svg)]
    assert widths == [160, 480]
    assert "&lt;b&gt; 1 (25%)" in svg and "x 3 (75%)" in svg
    assert "<b>" not in svg and "&lt;title&gt;" in svg
    assert svg.count("<pattern ") == 2  # each state a fill pattern: greyscale prints apart


def test_horizontal_bars_show_done_of_total():
    svg = str(charts.horizontal_bars("h", "t", [charts.Bar("教育", 1, 4), charts.Bar("x", 0, 0)]))
    assert "1/4 25%" in svg and "0/0 0%" in svg
    assert svg.count("<text") == 4


def test_cumulative_by_week_counts_completions_by_each_sunday():
    opens = dt.date(2021, 2, 24)  # a Wednesday
    done = [dt.date(2021, 2, 28), dt.date(2021, 3, 1), dt.date(2021, 3, 10)]
    points = charts.cumulative_by_week(done, opens, dt.date(2021, 3, 10))
    assert points == [
        charts.WeekPoint(dt.date(2021, 2, 28), 1),
        charts.WeekPoint(dt.date(2021, 3, 7), 2),
        charts.WeekPoint(dt.date(2021, 3, 10), 3),
    ]


def test_cumulative_by_week_ends_at_the_last_date_there_is(gwr):
    # The Sunday after 9999-12-26 does not exist: `--as-of 9999-12-31 summary
    # --format html` ended in a bug exit (OverflowError) and the site too.
    last = dt.date.max
    points = charts.cumulative_by_week([dt.date(9999, 12, 27)], dt.date(9999, 12, 1), last)
    assert [p.day for p in points] == [dt.date(9999, 12, d) for d in (5, 12, 19, 26, 31)]
    assert [p.done for p in points] == [0, 0, 0, 0, 1]
    sunday = dt.date(2021, 3, 7)
    assert charts.cumulative_by_week([], dt.date(2021, 3, 1), sunday)[-1].day == sunday
    page = gwr.ok("--as-of", "9999-12-31", "summary", "--format", "html").stdout
    assert page.startswith("<!DOCTYPE html>") or page.lower().startswith("<!doctype html>")


# --- the site ----------------------------------------------------------------------------


def site_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_site_pages_links_and_escaping(gwr, tmp_path):
    record_hostile(gwr)
    out = tmp_path / "site"
    result = gwr.ok("--as-of", "2021-05-16", "site", "--output", str(out))
    files = site_files(out)
    assert (
        "wrote the site" in result.stdout and f"({len(files) - 1} files)" in result.stdout
    )  # and the marker
    assert MARKER in files
    for page in ("index.html", "indicators.html", "tasks/sewer-pipes-50km.html",
                 "areas/education.html", "status/blocked.html", "sitemap.xml"):  # fmt: skip
        assert page in files
    assert sum(name.startswith("tasks/") for name in files) == 73
    for name, content in files.items():
        if not name.endswith(".html"):
            continue
        html = content.decode()
        assert_self_contained(html)
        for link in re.findall(r'href="([^"]*)"', html):
            assert not link.startswith(("/", "http:", "https:", "javascript:")), (name, link)
            target = (out / name).parent / link
            assert target.resolve().is_file(), (name, link)
    task = files["tasks/sewer-pipes-50km.html"].decode()
    assert_safe(task, HOSTILE[:3])
    assert "新建、改建污水管网50公里" in task  # the verbatim quote
    timeline = Page(re.search(r'<ol class="timeline">.*?</ol>', task, re.S).group()).all_text
    assert (
        timeline.index("2021-05-10") < timeline.index("2021-05-11") < timeline.index("2021-05-12")
    )
    assert "24 km" in timeline
    assert_safe(files["tasks/school-no16.html"].decode(), [HOSTILE[3]])
    assert_safe(files["tasks/mall-haiyin.html"].decode(), [HOSTILE[4]])
    assert_safe(files["indicators.html"].decode(), [HOSTILE[0]])
    index = Page(files["index.html"].decode())
    assert index.scripts and "alert" not in index.scripts[0]
    blocked = files["status/blocked.html"].decode()
    assert "tasks/mall-haiyin.html" in blocked and "tasks/school-no16.html" not in blocked
    sitemap = files["sitemap.xml"].decode()
    assert "<loc>tasks/sewer-pipes-50km.html</loc>" in sitemap and "sitemap.xml<" not in sitemap


def test_site_is_deterministic_and_public_unless_internal(gwr, tmp_path):
    record_hostile(gwr)
    first, second, internal = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    gwr.ok("--as-of", "2021-05-16", "site", "--output", str(first))
    gwr.ok("--as-of", "2021-05-16", "site", "--output", str(second))
    assert site_files(first) == site_files(second)
    assert not any(b"tester" in content for content in site_files(first).values())
    gwr.ok("--as-of", "2021-05-16", "site", "--output", str(internal), "--internal")
    assert b"tester" in site_files(internal)["tasks/sewer-pipes-50km.html"]


def test_site_base_url_makes_the_sitemap_absolute(gwr, tmp_path):
    gwr.ok("site", "--output", str(tmp_path / "s"), "--base-url", "https://example.org/gwr")
    sitemap = (tmp_path / "s" / "sitemap.xml").read_text()
    assert "<loc>https://example.org/gwr/index.html</loc>" in sitemap
    result = gwr("site", "--output", str(tmp_path / "t"), "--base-url", "example.org")
    assert result.exit_code == 1 and "--base-url example.org" in result.stderr
    assert not (tmp_path / "t").exists()


def test_site_refuses_a_folder_that_is_not_a_gwr_site(gwr, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "index.html").write_text("my own page")
    result = gwr("--lang", "zh", "site", "--output", str(folder))
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "不是gwr生成的网站" in result.stderr
    assert [p.name for p in folder.iterdir()] == ["index.html"]
    assert (folder / "index.html").read_text() == "my own page"
    a_file = tmp_path / "file"
    a_file.write_text("x")
    result = gwr("site", "--output", str(a_file))
    assert result.exit_code == 1 and "not a folder" in result.stderr


def test_site_rewrites_its_own_folder_and_removes_only_its_stale_files(gwr, tmp_path):
    out = tmp_path / "site"
    gwr.ok("site", "--output", str(out))
    (out / "notes.txt").write_text("kept")  # someone's own file beside the site
    marker = out / MARKER
    marker.write_text(marker.read_text() + "tasks/gone.html\n../outside.txt\n")
    (out / "tasks" / "gone.html").write_text("stale")
    (tmp_path / "outside.txt").write_text("never deleted")
    gwr.ok("site", "--output", str(out))
    assert not (out / "tasks" / "gone.html").exists()
    assert (out / "notes.txt").read_text() == "kept"
    assert (tmp_path / "outside.txt").exists()
    assert "tasks/gone.html" not in marker.read_text()


def test_site_lights_units_and_leaders_when_accountability_exists():
    registry = load_registry(SHIPPED_REGISTRY)
    extra = {
        "sewer-pipes-50km": Accountability("red", HOSTILE[0], ("区水务局",), ("区领导甲",)),
        "school-no16": Accountability("green", "", ("区教育局",), ()),
    }
    day = dt.date(2021, 5, 16)
    states = task_states(registry, [], day)
    files = build_site(registry, [], day, "zh", states=states, accountability=extra)
    assert {"lights/red.html", "lights/yellow.html", "lights/green.html"} <= set(files)
    task = files["tasks/sewer-pipes-50km.html"].decode()
    assert_safe(task, [HOSTILE[0]])
    assert "红灯" in task and "区水务局" in task and "区领导甲" in task
    assert "tasks/sewer-pipes-50km.html" in files["lights/red.html"].decode()
    assert "tasks/sewer-pipes-50km.html" not in files["lights/green.html"].decode()
    plain = build_site(registry, [], day, "zh", states=states)
    assert not any(name.startswith("lights/") for name in plain)
    assert "data-light" not in plain["index.html"].decode()
    assert "分牵头单位完成情况" not in plain["index.html"].decode()
    with_units = build_site(
        registry, [], day, "zh", states=states, units=[charts.Bar("区水务局", 1, 4)]
    )
    assert "分牵头单位完成情况" in with_units["index.html"].decode()


def test_hostile_registry_text_is_escaped_everywhere(gwr, tmp_path, monkeypatch):
    registry = copy_registry(
        tmp_path / "reg",
        lambda text: text.replace(
            'title_en = "Build or rebuild 50 km of sewer pipes"',
            'title_en = "<img src=x onerror=alert(1)> {{ 7*7 }}"',
        ),
    )
    monkeypatch.setenv("GWR_REGISTRY", str(registry))
    gwr.ok("progress", "sewer-pipes-50km", "24", "--on", "2021-05-11")
    html = gwr.ok("--as-of", "2021-05-16", "summary", "--format", "html").stdout
    assert_safe(html, ["<img src=x onerror=alert(1)> {{ 7*7 }}"])
    gwr.ok("--as-of", "2021-05-16", "site", "--output", str(tmp_path / "s"))
    for page in ("index.html", "tasks/sewer-pipes-50km.html", "areas/water.html"):
        assert_safe((tmp_path / "s" / page).read_text(), ["<img src=x onerror=alert(1)> {{ 7*7 }}"])


# --- words and imports --------------------------------------------------------------------


def test_every_html_word_in_both_languages_with_full_width_chinese_punctuation():
    keys = [k for k in _TEXT["zh"] if k.startswith(("html.", "site."))]
    assert keys and all(k in _TEXT["en"] for k in keys)
    for key in keys:
        prose = re.sub(r"--[\w-]+ \{\w+\}|\{\w+\}|https?://\S+|gwr", "", _TEXT["zh"][key])
        assert not re.search(r"[,:;()]", prose), (key, prose)


def test_jinja2_is_imported_only_by_the_html_paths():
    code = (
        "import sys, gwr_cli.cli, gwr_cli.summary, gwr_cli.commands.site;"
        "print('jinja2' in sys.modules, 'markupsafe' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.split() == ["False", "False"], result.stderr


def test_installed_gwr_writes_the_report_and_the_site(tmp_path):
    from conftest import run_installed

    report, site = tmp_path / "周报.html", tmp_path / "site"
    result = run_installed("summary", "--format", "html", "--output", str(report))
    assert result.returncode == 0, result.stderr
    assert report.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = run_installed("--lang", "zh", "site", "--output", str(site))
    assert result.returncode == 0, result.stderr
    assert "已生成网站" in result.stdout and (site / "tasks" / "school-no16.html").is_file()
    again = run_installed("--lang", "zh", "site", "--output", str(report))
    assert again.returncode == 1 and again.stderr.count("\n") == 1
    assert "这是一个文件，不是文件夹" in again.stderr and "Traceback" not in again.stderr


def test_long_bar_labels_are_shortened_never_clipped_and_kept_whole_in_a_tooltip():
    long = "区" * 40 + "<水务局>"
    svg = str(charts.horizontal_bars("h", "t", [charts.Bar(long, 1, 2), charts.Bar("Roads", 0, 1)]))
    shown = re.findall(r'text-anchor="end">(?:<title>(.*?)</title>)?(.*?)</text>', svg)
    assert shown[0][0] == "区" * 40 + "&lt;水务局&gt;"
    assert shown[0][1].endswith("…") and charts.text_width(shown[0][1]) <= charts.MAX_LABEL
    assert shown[1] == ("", "Roads")
    # The label column is as wide as the widest label shown: nothing left of x=0.
    x = float(re.search(r'<text x="([\d.]+)" y="\d+" text-anchor="end"', svg).group(1))
    assert x >= charts.text_width(shown[0][1])


# --- lights and units from the office's 分工 ------------------------------------------------

ASSIGNMENTS = """schema = 1

[[assignments]]
task = "admin-centre-demolition"
lead = ["区住建局", "<b>前山街道</b>"]
leader = ["区领导乙"]

[[assignments]]
task = "sewer-pipes-50km"
lead = ["区水务局"]
leader = ["区领导甲"]
"""

# A unit's report as the collection round writes it: 存在问题, 下步措施 and the unit.
UNIT_REPORT = """schema = 1

[[events]]
id = "unit-report-1"
task = "admin-centre-demolition"
action = "progress"
value = 20
note = "完成部分拆迁"
problems = "补偿未谈妥<script>alert(1)</script>"
next = "下周召开协调会"
unit = "区住建局"
on = 2021-05-12
at = 2021-05-12T08:00:00+00:00
by = "clerk"

[[events]]
id = "unit-report-2"
task = "admin-centre-demolition"
action = "note"
note = "已约谈"
on = 2021-05-14
at = 2021-05-14T08:00:00+00:00
by = "clerk"
"""


def office(gwr, home: Path) -> None:
    """A 分工 for two tasks at 2021-05-16: one red (44 points behind), one
    yellow (16 behind); one task done (green); the 70 others not started,
    26 points behind: yellow."""
    gwr.ok("progress", "sewer-pipes-50km", "5", "--on", "2021-05-10")
    gwr.ok("done", "school-no16", "--on", "2021-05-12")
    (home / "assignments.toml").write_text(ASSIGNMENTS, encoding="utf-8")
    (home / "ledger" / "units.toml").write_text(UNIT_REPORT, encoding="utf-8")


def test_summary_html_lights_and_units_from_the_assignments(gwr, isolated_home):
    office(gwr, isolated_home)
    html = gwr.ok("--lang", "zh", "--as-of", "2021-05-16", "summary", "--format", "html").stdout
    page = assert_safe(html, ["<b>前山街道</b>", "补偿未谈妥<script>alert(1)</script>"])
    text = page.all_text
    assert "亮灯预警（红灯1项，黄灯71项）" in text
    table = re.search(r'<table class="lights">.*?</table>', html, re.S).group()
    rows = [Page(r).all_text for r in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]]
    assert len(rows) == 72 and "[school-no16]" not in table
    red, yellow = rows[0], rows[-1]  # worst first: 26 points behind before 16
    assert "滞后序时26个百分点" in rows[1]
    assert red.startswith("红灯") and "[admin-centre-demolition]" in red
    assert "滞后序时44个百分点" in red and "区住建局、<b>前山街道</b>" in red
    assert "区领导乙" in red
    # the latest 存在问题 reported, with its date (a later note without problems keeps it)
    # (dated as the text's 亮灯预警 dates it: 存在问题：…（2021年5月12日）)
    assert "补偿未谈妥<script>alert(1)</script> 2021年5月12日" in red
    assert yellow.startswith("黄灯") and "[sewer-pipes-50km]" in yellow
    assert "区水务局" in yellow and "区领导甲" in yellow and "滞后序时16个百分点" in yellow
    # the lights table fills the summary's own 亮灯预警 section, in the text's order
    headings = re.findall(r"<h2>(.*?)</h2>", html)[1:]
    lit = [h.split("、", 1)[1] for h in headings if "亮灯预警" in h]
    assert lit == ["亮灯预警（红灯1项，黄灯71项）"]
    assert headings[0].startswith("一、本周完成")
    units = re.search(r'id="chart-units-title">.*?</svg>', html, re.S).group()
    assert "区住建局" in units and "区水务局" in units and "0/1 0%" in units
    assert html.count("<svg") == 5


def test_summary_html_of_a_past_week_lights_it_at_that_weeks_end(gwr, isolated_home):
    office(gwr, isolated_home)
    options = ("--lang", "zh", "--as-of", "2021-07-01", "summary", "--week", "2021-W19")
    html = gwr.ok(*options, "--format", "html").stdout
    table = Page(re.search(r'<table class="lights">.*?</table>', html, re.S).group()).all_text
    # at the Sunday 2021-05-16: 44 points behind, not yet overdue as on 2021-07-01
    assert "滞后序时44个百分点" in table and "逾期" not in table


def test_site_lights_units_leaders_and_internal_reports_from_the_assignments(
    gwr, isolated_home, tmp_path
):
    office(gwr, isolated_home)
    public, internal = tmp_path / "public", tmp_path / "internal"
    gwr.ok("--lang", "zh", "--as-of", "2021-05-16", "site", "--output", str(public))
    gwr.ok("--lang", "zh", "--as-of", "2021-05-16", "site", "--output", str(internal), "--internal")
    again = tmp_path / "again"
    gwr.ok("--lang", "zh", "--as-of", "2021-05-16", "site", "--output", str(again))
    files = site_files(public)
    assert site_files(again) == files  # the same bytes with lights and units too
    task = files["tasks/admin-centre-demolition.html"].decode()
    page = assert_safe(task, ["<b>前山街道</b>"])
    assert "红灯" in page.all_text and "滞后序时44个百分点" in page.all_text
    assert "区住建局、<b>前山街道</b>" in page.all_text and "区领导乙" in page.all_text
    # 存在问题, 下步措施 and the reporting unit stay inside the office
    assert "补偿未谈妥" not in task and "下周召开协调会" not in task and "clerk" not in task
    inside = Page(site_files(internal)["tasks/admin-centre-demolition.html"].decode()).all_text
    assert "存在问题：补偿未谈妥<script>alert(1)</script>" in inside
    assert "下步措施：下周召开协调会" in inside and "报送单位：区住建局" in inside
    assert "tasks/admin-centre-demolition.html" in files["lights/red.html"].decode()
    assert "tasks/sewer-pipes-50km.html" in files["lights/yellow.html"].decode()
    assert "tasks/school-no16.html" in files["lights/green.html"].decode()
    index = files["index.html"].decode()
    assert 'data-light="red"' in index and "分牵头单位完成情况" in index
    # the list says why a task is lit red or yellow; the page's own filter is marked
    row = re.search(r'<tr data-area="renewal" data-status="in-progress".*?</tr>', index, re.S)
    assert "滞后序时44个百分点" in Page(row.group()).all_text
    red_page = files["lights/red.html"].decode()
    assert '<a href="../lights/red.html" class="current">' in red_page
    # an unassigned task has its light too, and no units or leaders
    other = Page(files["tasks/school-no16.html"].decode()).all_text
    assert "绿灯" in other and "牵头单位" not in other


def test_without_assignments_no_lights_and_no_units(gwr, tmp_path):
    gwr.ok("progress", "sewer-pipes-50km", "5", "--on", "2021-05-10")
    html = gwr.ok("--as-of", "2021-05-16", "summary", "--format", "html").stdout
    assert 'class="lights"' not in html and "chart-units" not in html
    gwr.ok("--as-of", "2021-05-16", "site", "--output", str(tmp_path / "s"))
    assert not (tmp_path / "s" / "lights").exists()


def test_broken_assignments_file_is_one_line_and_writes_nothing(gwr, isolated_home, tmp_path):
    isolated_home.mkdir()
    (isolated_home / "assignments.toml").write_text(
        'schema = 1\n[[assignments]]\ntask = "no-such-task"\nlead = ["x"]\n', encoding="utf-8"
    )
    out = tmp_path / "week.html"
    result = gwr("--as-of", "2021-05-16", "summary", "--format", "html", "--output", str(out))
    assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 1
    assert "assignments.toml" in result.stderr and not out.exists()
    result = gwr("site", "--output", str(tmp_path / "s"))
    assert result.exit_code == 1 and not (tmp_path / "s").exists()


# --- a renderer of whatever sections the summary carries --------------------------------------


def test_sections_the_summary_gains_appear_in_order_with_their_own_headings(monkeypatch):
    from gwr_cli import summary_text

    original = summary_text._sections

    def more(summary, lang):
        header, sections = original(summary, lang)
        extra = summary_text._Section(
            "年终总结<i>", ["部署的73项具体工作，78项已经完成"], key="statement"
        )
        lights = summary_text._Section("亮灯预警（2项）", ["一行"], key="lights")
        return header, [lights, *sections, extra]

    monkeypatch.setattr(summary_text, "_sections", more)
    plain = render_report(_view())
    headings = [Page(h).all_text for h in re.findall(r"<h2>(.*?)</h2>", plain)]
    assert headings[1] == "一、亮灯预警（2项）" and headings[-1].endswith("、年终总结<i>")
    assert "部署的73项具体工作，78项已经完成" in Page(plain).all_text
    assert "<i>" not in plain.replace("&lt;i&gt;", "")
    # the summary's own lights section is filled with the lights table when rows are given
    row = LightRow("a-task", "任务", "red", "逾期3天", ("区水务局",))
    lit = render_report(_view(lights=[row]))
    section = re.search(
        r'<section class="page section-lights"[^>]*>.*?</section>', lit, re.S
    ).group()
    assert '<table class="lights">' in section and "一行" not in section
    assert lit.count("亮灯预警") == 1


def test_by_unit_counts_a_task_for_each_lead_unit_and_an_unassigned_one_for_none(tmp_path):
    from gwr_cli.assignments import load_assignments
    from gwr_cli.schedule_lights import schedules
    from gwr_cli.status import task_states
    from gwr_cli.tally import by_unit, count, grouped

    registry = load_registry(SHIPPED_REGISTRY)
    path = tmp_path / "assignments.toml"
    path.write_text(
        'schema = 1\n[[assignments]]\ntask = "school-no16"\nlead = ["区教育局", "区住建局"]\n'
        'partners = ["区水务局"]\n'
        '[[assignments]]\ntask = "sewer-pipes-50km"\nlead = ["区水务局"]\n',
        encoding="utf-8",
    )
    assignments = load_assignments(path, registry, "zh")
    day = dt.date(2021, 5, 16)
    done = [make_event("school-no16", "done", dt.date(2021, 5, 12))]
    states = task_states(registry, done, day)
    groups = grouped(states.values(), schedules(registry, states, day), by_unit(assignments))
    # the file's order; a supporting unit's task is not its own; 未分工 tasks last
    assert list(groups) == ["区教育局", "区住建局", "区水务局", ""]
    assert [(t.done, t.total) for t in groups.values()] == [(1, 1), (1, 1), (0, 1), (0, 71)]
    assert count(states.values(), schedules(registry, states, day)).total == 73


NODED = """schema = 1

[[assignments]]
task = "sewer-pipes-50km"
lead = ["区水务局"]
nodes = [{ by = 2021-04-30, percent = 60, text = "完成一期管网" }]
"""


def test_site_follows_the_assignments_nodes_as_status_and_show_do(gwr, isolated_home, tmp_path):
    # 20/50 km on 2021-05-31: 31% of the time is gone (on track by time) but the
    # node asked 60% by April (behind): status, show and the light say behind.
    gwr.ok("progress", "sewer-pipes-50km", "20", "--on", "2021-05-10")
    (isolated_home / "assignments.toml").write_text(NODED, encoding="utf-8")
    options = ("--lang", "zh", "--as-of", "2021-05-31")
    status = gwr.ok(*options, "status", "--format", "json").stdout
    counts = json.loads(status)["counts"]["schedule"]
    assert counts["behind"] == 1 and counts["on_track"] == 0
    site = tmp_path / "site"
    gwr.ok(*options, "site", "--output", str(site))
    files = site_files(site)
    index = Page(files["index.html"].decode()).all_text
    assert "滞后序时 1（1%）" in index and "按序时推进 0（0%）" in index
    task = Page(files["tasks/sewer-pipes-50km.html"].decode()).all_text
    assert "滞后序时" in task and "按序时推进" not in task
    assert "按节点目标应完成65%" in task and "时间已过" not in task
    assert "滞后序时" in gwr.ok(*options, "show", "sewer").stdout


def test_every_summary_section_has_its_own_class(gwr, isolated_home):
    office(gwr, isolated_home)
    html = gwr.ok("--as-of", "2021-05-16", "summary", "--month", "2021-05", "--format", "html")
    classes = re.findall(r'<section class="(?:page|part) section-([^"]*)"', html.stdout)
    assert "units" in classes and "" not in classes


def _fail_after(monkeypatch, writes: int) -> None:
    """Make the site's writer fail with a full disk after `writes` new pages."""
    import errno

    from gwr_cli.html import site_write

    real, count = site_write.write_page, iter(range(10**6))

    def failing(path, data, mode):
        if next(count) >= writes:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, data, mode)

    monkeypatch.setattr(site_write, "write_page", failing)


def test_a_site_write_that_fails_half_way_leaves_no_folder_and_a_rerun_works(
    gwr, tmp_path, monkeypatch
):
    site = tmp_path / "site"
    # A context of its own: monkeypatch.undo() would also undo the autouse
    # GWR_HOME and send the rerun to the real data folder.
    with monkeypatch.context() as failing:
        _fail_after(failing, 20)
        result = gwr("--lang", "zh", "site", "--output", str(site))
    assert result.exit_code == 1 and "无法写入" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not site.exists()
    assert not [p for p in tmp_path.iterdir() if ".gwr-" in p.name]  # nothing left beside it
    gwr.ok("--lang", "zh", "site", "--output", str(site))
    assert (site / "index.html").is_file()


def test_a_failed_rewrite_leaves_the_old_site_whole(gwr, tmp_path, monkeypatch):
    site = tmp_path / "site"
    gwr.ok("--as-of", "2021-05-16", "site", "--output", str(site))
    (site / "tasks" / "sewer-pipes-50km.html").unlink()  # one the rerun must create
    (site / "mine.txt").write_text("not gwr's", encoding="utf-8")
    before = site_files(site)
    with monkeypatch.context() as failing:
        _fail_after(failing, 0)
        assert gwr("--as-of", "2021-05-16", "site", "--output", str(site)).exit_code == 1
    assert site_files(site) == before
    assert not [p for p in tmp_path.iterdir() if ".gwr-" in p.name]  # nothing left beside it
    gwr.ok(
        "--as-of", "2021-05-16", "site", "--output", str(site)
    )  # still known as gwr's own folder
    assert (site / "mine.txt").is_file() and site_files(site)["index.html"] == before["index.html"]
    assert (site / "tasks" / "sewer-pipes-50km.html").is_file()


@pytest.mark.parametrize(("lang", "said"), [("zh", "--output为空"), ("en", "--output is empty")])
def test_site_refuses_an_empty_output_instead_of_the_current_folder(
    gwr, tmp_path, monkeypatch, lang, said
):
    monkeypatch.chdir(tmp_path)
    result = gwr("--lang", lang, "site", "--output", "")
    assert result.exit_code == 1 and said in result.stderr and not any(tmp_path.iterdir())


def test_dates_and_task_ids_in_running_text_are_never_broken_across_lines(gwr, isolated_home):
    office(gwr, isolated_home)
    gwr.ok("note", "sewer-pipes-50km", "[<b>x</b>] 2021-13-99 <script>", "--on", "2021-05-11")
    html = gwr.ok("--as-of", "2021-05-31", "summary", "--month", "2021-05", "--format", "html")
    html = html.stdout
    # the lights table's reasons, the section items and the headline's date
    assert '<span class="nowrap">2021-02-24</span>' in html  # 未启动…days after 2021-02-24
    assert '<span class="nowrap">[sewer-pipes-50km]</span>' in html
    assert 'As of <span class="nowrap">2021-05-31</span>' in html
    # what the user typed is escaped as ever, and nothing but a date or an id is wrapped
    assert "[&lt;b&gt;x&lt;/b&gt;]" in html and "&lt;script&gt;" in html
    assert '<span class="nowrap">2021-13-99</span>' in html  # a date's shape, whatever it says
    assert_safe(html, ["[<b>x</b>] 2021-13-99 <script>"])


def test_whole_escapes_first_and_wraps_only_dates_and_bracketed_ids():
    from gwr_cli.html.environment import whole

    assert str(whole("<i>2021-05-31</i> [a-b] [<x>] a-b")) == (
        '&lt;i&gt;<span class="nowrap">2021-05-31</span>&lt;/i&gt; '
        '<span class="nowrap">[a-b]</span> [&lt;x&gt;] a-b'
    )


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symlinks")
def test_site_into_a_symlink_is_written_through_even_a_dangling_one(gwr, tmp_path):
    link, target = tmp_path / "public", tmp_path / "real" / "site"
    (tmp_path / "real").mkdir()
    link.symlink_to(target, target_is_directory=True)
    gwr.ok("site", "--output", str(link))
    assert link.is_symlink() and (target / "index.html").is_file()
    gwr.ok("site", "--output", str(link))  # again: its own folder, through the link


def test_a_note_typed_on_two_lines_keeps_its_line_break_on_the_task_page(gwr, tmp_path):
    gwr.ok("note", "city-balcony", "第一行\n第二行", "--on", "2021-05-20")
    gwr.ok("--as-of", "2021-05-31", "site", "--output", str(tmp_path / "site"))
    page = (tmp_path / "site" / "tasks" / "city-balcony.html").read_text(encoding="utf-8")
    assert '<p class="note">第一行\n第二行</p>' in page
    assert re.search(r"ol\.timeline \.note \{[^}]*white-space: pre-line", page)


def test_a_task_pages_subtitle_says_a_state_once(gwr, tmp_path):
    gwr.ok("done", "school-no16", "--on", "2021-05-13")
    gwr.ok("progress", "sewer-pipes-50km", "5", "--on", "2021-05-10")
    gwr.ok("--lang", "zh", "--as-of", "2021-05-16", "site", "--output", str(tmp_path / "s"))

    def subtitle(task: str) -> str:
        page = (tmp_path / "s" / "tasks" / f"{task}.html").read_text(encoding="utf-8")
        return Page(re.search(r'<p class="subtitle">.*?</p>', page, re.S).group()).all_text

    assert subtitle("school-no16").count("已完成") == 1
    assert subtitle("city-balcony").count("未启动") == 1
    assert "推进中" in subtitle("sewer-pipes-50km") and "滞后序时" in subtitle("sewer-pipes-50km")


# --- --base-url as a URI --------------------------------------------------------------

BASE_URLS = [
    # (typed, the sitemap's prefix)
    ("https://例子.中国/报告/", "https://xn--fsqu00a.xn--fiqs8s/%E6%8A%A5%E5%91%8A/"),
    # An ideographic full stop (。) separates labels as a dot does.
    ("https://例子。中国/报告", "https://xn--fsqu00a.xn--fiqs8s/%E6%8A%A5%E5%91%8A/"),
    ("HTTPS://Example.ORG/gwr", "https://example.org/gwr/"),
    ("https://example.org/a%20b/100%/", "https://example.org/a%20b/100%25/"),  # escapes kept
    ("http://[::1]:8000/站点", "http://[::1]:8000/%E7%AB%99%E7%82%B9/"),
    ("https://example.org", "https://example.org/"),
    # A space, quote or angle bracket in the path was refused as "must start with http://".
    ("https://example.org/报告 2021/", "https://example.org/%E6%8A%A5%E5%91%8A%202021/"),
    ("https://example.org/a<b>\"c'd/", "https://example.org/a%3Cb%3E%22c%27d/"),
    ("https://example.org/a|b^c/", "https://example.org/a%7Cb%5Ec/"),
    ("http://127.0.0.1:8080/", "http://127.0.0.1:8080/"),
]


@pytest.mark.parametrize(("typed", "prefix"), BASE_URLS)
def test_site_base_url_is_written_as_a_uri(gwr, tmp_path, typed, prefix):
    # A non-ASCII --base-url went into the sitemap as typed, not a valid URI.
    gwr.ok("site", "--output", str(tmp_path / "s"), "--base-url", typed)
    sitemap = (tmp_path / "s" / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{prefix}index.html</loc>" in sitemap
    assert sitemap.isascii()


BAD_BASE_URLS = [
    # (typed, en, zh)
    ("ftp://example.org/", "must start with http:// or https://", "应以http://或https://开头"),
    ("https://", "the host (or port) is missing", "主机名（或端口）缺失或无效"),
    ("https:///gwr/", "the host (or port) is missing", "主机名（或端口）缺失或无效"),
    ("http://:8080/", "the host (or port) is missing", "主机名（或端口）缺失或无效"),
    ("https://a..b/", "is not a valid name", "无效；以点分隔的每一段"),
    # A space in the host was refused as "must start with http://".
    (
        "https://exa mple.org/",
        "the host 'exa mple.org' is not a valid name",
        "主机名“exa mple.org”无效",
    ),
    ("https://-bad-.org/", "the host '-bad-.org' is not a valid name", "主机名“-bad-.org”无效"),
    (
        "https://ex_ample.org/",
        "the host 'ex_ample.org' is not a valid name",
        "主机名“ex_ample.org”无效",
    ),
    ("https://xn--zz.org/", "the host 'xn--zz.org' is not a valid name", "主机名“xn--zz.org”无效"),
    ("https://example.org:0/", "port 0 is not valid; give a port from 1 to 65535", "端口0无效"),
    # A port out of range or not a number got the vague "host (or port) is missing".
    ("https://example.org:99999/", "port 99999 is not valid; give a port from 1", "端口99999无效"),
    ("https://example.org:65536/", "port 65536 is not valid; give a port from 1", "端口65536无效"),
    ("https://example.org:abc/", "port abc is not valid; give a port from 1", "端口abc无效"),
    ("http://[::1]:80x/", "port 80x is not valid; give a port from 1", "端口80x无效"),
    # Digits and dots were accepted as a host although no IPv4 address.
    (
        "https://1.2.3.256/",
        "'1.2.3.256' is digits and dots but no valid IPv4",
        "不是有效的IPv4地址",
    ),
    (
        "https://999/",
        "the host '999' is digits and dots but no valid IPv4",
        "主机名“999”只含数字和点",
    ),
    # IDNA 2003 wrote ß.de as ss.de, a fullwidth ｅ as e: another host than the one typed.
    (
        "https://ß.de/",
        "would write the host 'ß.de' as another host, 'ss.de'",
        "会写成另一个主机“ss.de”",
    ),
    ("https://ｅxample.org/", "as another host, 'example.org'", "会写成另一个主机“example.org”"),
    # A label over 63 characters got the generic message.
    (
        f"https://{'a' * 64}.org/",
        f"has a part too long, '{'a' * 64}' (64 characters, at most 63)",
        f"中的一段“{'a' * 64}”太长（64个字符，最多63个）",
    ),
    (
        "https://example.org/?page=1",
        "ends with its path (no ? or #)",
        "应止于路径（不含问号或井号）",
    ),
    ("https://example.org/#top", "ends with its path (no ? or #)", "应止于路径（不含问号或井号）"),
]


@pytest.mark.parametrize(("typed", "en", "zh"), BAD_BASE_URLS)
def test_site_refuses_a_base_url_that_is_no_http_site_in_one_line(gwr, tmp_path, typed, en, zh):
    for lang, said in (("en", en), ("zh", zh)):
        result = gwr("--lang", lang, "site", "--output", str(tmp_path / "s"), "--base-url", typed)
        assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
        assert f"--base-url {typed}" in result.stderr and said in result.stderr
        assert "https://example.org/gwr/" in result.stderr  # what would be right
    assert not (tmp_path / "s").exists()


BAD_BASE_URLS_UNREPEATED = [
    # (typed, en, zh): refused without the URL repeated as it stands.
    # urlsplit dropped a tab or line break silently: https://example.org/x was written.
    ("https://example.org/\tx", "control character (U+0009", "含控制字符（U+0009"),
    ("https://example.org/\nx", "control character (U+000A", "含控制字符（U+000A"),
    ("https://exam\rple.org/", "control character (U+000D", "含控制字符（U+000D"),
    ("https://example.org/\x7f/", "control character (U+007F", "含控制字符（U+007F"),
    # An empty value wrote relative URLs with exit 0.
    ("", "--base-url is empty: give the address", "--base-url为空：请给出网站发布的地址"),
]


@pytest.mark.parametrize(("typed", "en", "zh"), BAD_BASE_URLS_UNREPEATED)
def test_site_refuses_an_empty_base_url_or_one_with_a_control_character(
    gwr, tmp_path, typed, en, zh
):
    for lang, said in (("en", en), ("zh", zh)):
        result = gwr("--lang", lang, "site", "--output", str(tmp_path / "s"), "--base-url", typed)
        assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
        assert said in result.stderr and "https://example.org/gwr/" in result.stderr
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "s").exists()


@pytest.mark.parametrize("typed", ["https://[::1]x/", "http://[::1]x:8000/", "https://[::1]/x]/"])
def test_site_refuses_text_after_an_ipv6_bracket_that_urlsplit_drops(gwr, tmp_path, typed):
    """https://[::1]x/ was written as https://[::1]/."""
    for lang, said in (("en", "only :port may follow"), ("zh", "之后只能是端口")):
        result = gwr("--lang", lang, "site", "--output", str(tmp_path / "s"), "--base-url", typed)
        if typed == "https://[::1]/x]/":  # a bracket in the path is the path's
            assert result.exit_code == 0, result.stderr
            continue
        assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
        assert f"--base-url {typed}" in result.stderr and said in result.stderr
        assert "http://[::1]:8000/" in result.stderr
    if typed != "https://[::1]/x]/":
        assert not (tmp_path / "s").exists()


@pytest.mark.parametrize(
    ("lang", "said"), [("en", "writes a folder"), ("zh", "写出的是一个文件夹")]
)
def test_site_output_dash_is_refused_not_made_a_folder_named_dash(
    gwr, tmp_path, monkeypatch, lang, said
):
    monkeypatch.chdir(tmp_path)
    result = gwr("--lang", lang, "site", "--output", "-")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
    assert "--output -" in result.stderr and said in result.stderr and "site/" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "typed", ["https://user:s3cret@example.org/", "https://user@example.org/gwr/"]
)
def test_site_refuses_a_base_url_with_a_user_or_password(gwr, tmp_path, typed):
    """User info would be published in sitemap.xml; the message does not repeat it."""
    for lang, said in (("en", "user name or password"), ("zh", "用户名或密码")):
        result = gwr("--lang", lang, "site", "--output", str(tmp_path / "s"), "--base-url", typed)
        assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
        assert said in result.stderr and "https://example.org/gwr/" in result.stderr
        assert "s3cret" not in result.stderr and "user@" not in result.stderr
    assert not (tmp_path / "s").exists()
