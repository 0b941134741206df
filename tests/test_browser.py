"""The HTML report and a site page in a real browser (headless Chromium), at a
desktop and a phone size: the DOM it builds has the titles and counts, nothing
is wider than the viewport, and a screenshot of each is saved.

Skipped only when no browser is installed and CI is unset; under CI (`CI=true`,
where `.ci/run` installs Chromium) a missing browser fails. Set
GWR_SCREENSHOTS=DIR to keep the screenshots (docs/ holds two of them).
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

SIZES = [(1280, 900), (390, 844)]
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

# Headless Chromium lays --dump-dom out in a window of its own size (500 wide,
# whatever --window-size says), so the page is measured inside an iframe of the
# exact viewport size: its media queries and layout are the phone's or the
# desktop's. The harness writes what it measured into its own DOM.
HARNESS = """<!DOCTYPE html>
<html><body>
<iframe id="page" src="{src}" style="width: {width}px; height: {height}px; border: 0"></iframe>
<pre id="measure"></pre>
<script>
document.getElementById("page").addEventListener("load", function () {{
  var win = this.contentWindow, doc = this.contentDocument, wide = [];
  doc.querySelectorAll("body *").forEach(function (el) {{
    var box = el.getBoundingClientRect();
    if (box.width > 0 && (box.right > win.innerWidth + 1 || box.left < -1)) {{
      wide.push(el.tagName + "." + el.className);
    }}
  }});
  var result = {{inner: win.innerWidth, scroll: doc.documentElement.scrollWidth, wide: wide,
    title: doc.title, text: doc.body.innerText}};
  var form = doc.getElementById("filters-js");
  if (form) {{  // the site index: filter by status as a reader would
    form.status.value = "blocked";
    form.dispatchEvent(new win.Event("change"));
    result.filtered = Array.prototype.filter.call(
      doc.querySelectorAll("#tasks tbody tr"), function (row) {{ return !row.hidden; }}
    ).map(function (row) {{ return row.dataset.status; }});
    result.shown = doc.getElementById("shown").textContent;
  }}
  document.getElementById("measure").textContent = JSON.stringify(result);
}});
</script>
</body></html>
"""


def browser() -> str | None:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def chromium() -> str:
    found = browser()
    if found is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("CI is set but no Chromium is installed (.ci/run installs it)")
        pytest.skip("no Chromium installed (apt-get install chromium)")
    return found


def run_browser(chromium: str, profile: Path, size: tuple[int, int], *args: str) -> str:
    command = [
        chromium,
        "--headless",
        "--no-sandbox",  # CI runs as root, where the sandbox cannot start
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        f"--window-size={size[0]},{size[1]}",
        *args,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def measure(chromium: str, profile: Path, page: Path, size: tuple[int, int]) -> dict:
    """The page laid out at size: viewport and page width, wide elements, text."""
    import html
    import json

    harness = page.with_name(f"harness-{size[0]}-{page.name}")
    harness.write_text(
        HARNESS.format(src=page.name, width=size[0], height=size[1]), encoding="utf-8"
    )
    dom = run_browser(
        chromium, profile, size, "--allow-file-access-from-files", "--dump-dom", harness.as_uri()
    )
    harness.unlink()
    found = re.search(r'<pre id="measure">(.*?)</pre>', dom, re.S)
    assert found and found.group(1), dom[-2000:]
    return json.loads(html.unescape(found.group(1)))


def check_page(chromium, tmp_path, page: Path, name: str, title: str, texts: list[str]) -> None:
    keep = os.environ.get("GWR_SCREENSHOTS")
    for size in SIZES:
        label = f"{name}-{size[0]}x{size[1]}"
        shot = tmp_path / f"{label}.png"
        run_browser(chromium, tmp_path / "profile", size, f"--screenshot={shot}", page.as_uri())
        assert png_size(shot) == size
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            shutil.copy(shot, Path(keep) / shot.name)
        seen = measure(chromium, tmp_path / "profile", page, size)
        assert seen["title"].startswith(title), (label, seen["title"])
        for text in texts:
            assert text in seen["text"], (label, text)
        assert seen["inner"] == size[0], (label, seen["inner"])
        assert seen["scroll"] <= size[0], (label, seen["scroll"])
        assert seen["wide"] == [], (label, seen["wide"])
        if name == "index":
            assert seen["filtered"] == ["blocked"] and seen["shown"] == "1", seen


def test_report_and_task_page_in_chromium(gwr, tmp_path, chromium, isolated_home):
    gwr.ok("start", "sewer-pipes-50km", "--on", "2021-04-01", "--note", "<b>第一批</b>")
    gwr.ok("progress", "sewer-pipes-50km", "24", "--on", "2021-05-11", "--note", "第二批管网")
    # A note without a place to break must still fit a phone's width.
    gwr.ok("note", "sewer-pipes-50km", "管网" * 60 + "x" * 120, "--on", "2021-05-12")
    gwr.ok("done", "school-no16", "--on", "2021-05-12")
    gwr.ok("block", "mall-haiyin", "--on", "2021-05-13", "--note", "资金未到位")
    # The office's 分工: the lights table (as cards on a phone) and the units chart.
    (isolated_home / "assignments.toml").write_text(
        'schema = 1\n[[assignments]]\ntask = "sewer-pipes-50km"\n'
        'lead = ["区水务局"]\nleader = ["区领导甲"]\n'
        '[[assignments]]\ntask = "mall-haiyin"\n'
        'lead = ["区商务局", "区城市管理和综合执法局"]\nleader = ["区领导乙"]\n',
        encoding="utf-8",
    )
    report = tmp_path / "report.html"
    options = ("--lang", "zh", "--as-of", "2021-05-16")
    gwr.ok(*options, "summary", "--format", "html", "--output", str(report))
    check_page(
        chromium,
        tmp_path,
        report,
        "report",
        "2021年珠海市香洲区政府工作报告落实情况周报",
        [
            "已完成1项",
            "本周完成",
            "新增受阻",
            "资金未到位",
            "已完成 1（1%）",
            "亮灯预警",
            "区商务局、区城市管理和综合执法局",
            "分牵头单位完成情况",
        ],
    )
    # Printed: A4 pages (595 x 842 points), the sections after the charts on
    # a page of their own.
    pdf = tmp_path / "report.pdf"
    run_browser(
        chromium, tmp_path / "profile", SIZES[0], "--no-pdf-header-footer",
        f"--print-to-pdf={pdf}", report.as_uri(),
    )  # fmt: skip
    data = pdf.read_bytes()
    boxes = {tuple(float(n) for n in box.split()) for box in
             re.findall(rb"/MediaBox ?\[([^\]]*)\]", data)}  # fmt: skip
    assert boxes and all(abs(b[2] - 595.3) < 1.5 and abs(b[3] - 841.9) < 1.5 for b in boxes)
    assert len(re.findall(rb"/Type ?/Page[^s]", data)) >= 2
    site = tmp_path / "site"
    gwr.ok(*options, "site", "--output", str(site))
    check_page(
        chromium,
        tmp_path,
        site / "tasks" / "sewer-pipes-50km.html",
        "task",
        "新建、改建污水管网50公里",
        ["报告原文", "24/50公里", "<b>第一批</b>", "2021-05-11", "区领导甲", "绿灯"],
    )
    # The index: every task listed; its filter script runs under the page's
    # Content-Security-Policy (the form it reveals is hidden without it).
    check_page(
        chromium,
        tmp_path,
        site / "index.html",
        "index",
        "2021年珠海市香洲区政府工作报告",
        ["全部任务（73项）", "显示73项", "新建、改建污水管网50公里"],
    )
