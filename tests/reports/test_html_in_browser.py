"""The HTML report in a real browser: headless Chromium from Debian's packages, started
without network. The page runs its script without a console error, shows the failure
section, filters by a #q= link, and still reads with JavaScript off. A screenshot is
kept: under $ARTIFACTS_DIR, else artifacts/ in CI, else the test's tmp dir.

Chromium is installed by scripts/install-chromium.sh when CI is set; elsewhere the
test skips without it."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from pytest_testronaut.reports import build_report, gather, write_reports

from .helpers import failed, passed, run_info

ROOT = Path(__file__).resolve().parent.parent.parent
FAILURE_RED = (0xCF, 0x22, 0x2E)  # --fail in report.css: a failure's border and verdict


@pytest.fixture(scope="module")
def chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    if not os.environ.get("CI"):
        pytest.skip("no chromium: run scripts/install-chromium.sh (CI does it by itself)")
    done = subprocess.run(["bash", str(ROOT / "scripts" / "install-chromium.sh")],
                          capture_output=True, text=True, timeout=900, check=False)
    if done.returncode != 0:
        pytest.fail(f"CI is set but chromium could not be installed:\n{done.stderr[-2000:]}")
    return done.stdout.strip().splitlines()[-1]


def _browse(chromium: str, tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Chromium, headless, with no network: its own empty network namespace when the
    system allows one, and in any case no proxy or name resolution that could reach out."""
    argv = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            f"--user-data-dir={tmp / 'profile'}", "--proxy-server=127.0.0.1:9",
            "--host-resolver-rules=MAP * ~NOTFOUND", "--disable-background-networking",
            "--enable-logging=stderr", "--v=0", *args]
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "--net", "true"], capture_output=True,
                                  check=False).returncode == 0:
        argv = [unshare, "--net", *argv]
    return subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False,
                          env={**os.environ, "HOME": str(tmp)})


def _console_errors(stderr: str) -> list[str]:
    """The page's console messages; the browser's own pages (``source: chrome://...``,
    such as its "slow network" notice on a loaded machine) are not the report's."""
    return [line for line in stderr.splitlines()
            if ("CONSOLE" in line or "Uncaught" in line or "Content Security Policy" in line)
            and "source: chrome://" not in line]


def _pixels(png: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and rows (RGB or RGBA bytes) of an 8-bit, non-interlaced PNG."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, data, width, height, channels = 8, b"", 0, 0, 3
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        chunk = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and color in (2, 6), (depth, color)
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            data += chunk
        pos += 12 + length
    raw, rows, stride = zlib.decompress(data), [], width * channels
    previous = bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                guess = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + guess) & 0xFF
        rows.append(bytes(line[j] for j in range(stride) if j % channels < 3))
        previous = line
    return width, height, rows


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cases = [passed("a"), passed("b", "tool list"),
             failed("broken", "tool run --fast", stderr="tool: cannot open <db>\n",
                    check="stdout equals", expected="1\n2\n", actual="1\n3\n",
                    diff="--- expected\n+++ actual\n@@ -1,2 +1,2 @@\n 1\n-2\n+3\n")]
    hand_written = passed("test_cli.py::test_sort", "sort -r")
    hand_written.kind, hand_written.tier = "test", None
    run = run_info("browser")
    folder = tmp_path_factory.mktemp("report")
    report = build_report(gather(None, run, [*cases, hand_written], {}, stored=False))
    report["summary"]["llm"] = {  # as llm/summary.py writes it (tested there)
        "source": "llm", "model": "openai:gpt-4o-mini", "label": "Written by openai:gpt-4o-mini",
        "text": "`tool run --fast` prints 3 where 2 was expected.", "causes": [],
        "next_steps": ["re-record `broken` if 3 is right"]}
    files = write_reports(report, folder)
    return files["html"]


def _artifacts(tmp_path: Path) -> Path:
    chosen = os.environ.get("ARTIFACTS_DIR") or (
        str(ROOT / "artifacts") if os.environ.get("CI") else str(tmp_path))
    folder = Path(chosen)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_the_page_runs_clean_and_shows_its_failures(chromium: str, report_file: Path,
                                                    tmp_path: Path) -> None:
    shot = _artifacts(tmp_path) / "report-screenshot.png"
    shot.unlink(missing_ok=True)
    done = _browse(chromium, tmp_path, f"--screenshot={shot}", "--window-size=1200,900",
                   "--hide-scrollbars", report_file.as_uri())
    assert shot.exists(), done.stderr[-3000:]
    assert _console_errors(done.stderr) == []
    width, height, rows = _pixels(shot.read_bytes())
    assert (width, height) == (1200, 900)
    # The failure section is on the first screen: its red border and verdict are drawn.
    red = sum(row.count(bytes(FAILURE_RED)) for row in rows)
    assert red > 200, f"only {red} pixels of the failure colour in the first screen"

    dom = _browse(chromium, tmp_path, "--dump-dom", report_file.as_uri()).stdout
    assert 'data-ready="1"' in dom and re.search(r'<html[^>]*class="[^"]*\bjs\b', dom)
    assert "Failures (1)" in dom and "cannot open &lt;db&gt;" in dom
    # the failures in words, the model's first, each labelled; a hand-written test tagged
    assert dom.index("Written by openai:gpt-4o-mini") < dom.index("Deterministic analysis") \
        < dom.index("Failures (1)")
    assert re.search(r'test_cli.py::test_sort <span class="tag">test</span>', dom)


def test_a_q_link_filters_the_cases(chromium: str, report_file: Path, tmp_path: Path) -> None:
    done = _browse(chromium, tmp_path, "--dump-dom", report_file.as_uri() + "#q=tool%20list")
    assert _console_errors(done.stderr) == []
    rows = re.findall(r'<tr (?:class="([^"]*)" )?data-v="(\w+)"><td>([^<]+)', done.stdout)
    shown = [key for classes, _, key in rows if "hidden" not in (classes or "")]
    assert shown == ["p.yaml::b"], rows


def test_the_page_reads_without_javascript(chromium: str, report_file: Path,
                                           tmp_path: Path) -> None:
    # The page with its script taken out (Chromium's own switch to turn scripts off
    # also stops its headless screenshot).
    html = report_file.read_text()
    bare = tmp_path / "no-script.html"
    bare.write_text(re.sub(r"<script>.*?</script>", "", html, flags=re.S))
    shot = tmp_path / "no-script.png"
    done = _browse(chromium, tmp_path, f"--screenshot={shot}", "--window-size=1200,900",
                   bare.as_uri())
    assert shot.exists(), done.stderr[-3000:]
    _, _, rows = _pixels(shot.read_bytes())
    assert sum(row.count(bytes(FAILURE_RED)) for row in rows) > 200
    # Everything is in the markup the server wrote; the script only adds the filters.
    assert html.index("Failures (1)") < html.index("<script>")
    assert '<span class="add">+3</span>' in html
