"""The HTML report in a real browser: headless Chromium renders it with Chinese text and charts.

The browser gets its CJK font the way kefu's plots do, from the pip-installed Noto Sans CJK SC
(added to the system's fontconfig setup for these runs): no system font package is needed.
"""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from gold_tables import CORPUS

from analysis import report_html
from analysis.plotting import bundled_font
from analysis.tables import read_tables

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian package: chromium)")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--force-device-scale-factor=1"]


@pytest.fixture(scope="module")
def font_env(tmp_path_factory) -> dict:
    """Environment whose fontconfig sees the system fonts plus the bundled Noto Sans CJK SC."""
    font = bundled_font()
    assert font is not None, "the mplfonts package (a kefu dependency) is not installed"
    home = tmp_path_factory.mktemp("fontconfig")
    (home / "fonts").mkdir()
    (home / "fonts" / font.name).symlink_to(font)
    conf = home / "fonts.conf"
    conf.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{home / "fonts"}</dir>
  <cachedir>{home / "cache"}</cachedir>
</fontconfig>
""", encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


def chromium(tmp_path, env, *args) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=90, check=False, env=env)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    from analysis import pipeline

    out = tmp_path_factory.mktemp("tables")
    pipeline.run_corpus(CORPUS, out)      # the page a user gets from the corpus itself
    path = out / "report.html"
    path.write_text(report_html.render_html(read_tables(out), out_dir=out), encoding="utf-8")
    return path


def test_rendered_dom_has_title_and_charts(page, tmp_path, font_env):
    done = chromium(tmp_path, font_env, "--dump-dom", page.as_uri())
    dom = done.stdout
    assert "<title>kefu report — 5 篇客服文章</title>" in dom, done.stderr[-2000:]
    assert dom.count("<svg") >= 3 and "<script" not in dom


def test_screenshot_is_not_blank_and_shows_a_chart(page, tmp_path, font_env):
    import matplotlib.image as mpimg
    import numpy as np

    shot = tmp_path / "report.png"
    done = chromium(tmp_path, font_env, "--window-size=1100,1400", f"--screenshot={shot}", page.as_uri())
    assert shot.exists(), done.stderr[-2000:]
    img = mpimg.imread(shot)[..., :3]
    assert img.shape[0] == 1400 and img.shape[1] == 1100
    # not blank: plenty of ink on the light background
    ink = (img.mean(axis=2) < 0.6).mean()
    assert ink > 0.01, ink
    assert img.std() > 0.05
    # a chart: bars in the palette colours (blue #2f6f9f, orange #d9822b, green #3a9a6b)
    found = 0
    for hex_colour in ("2f6f9f", "d9822b", "3a9a6b"):
        rgb = np.array([int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4)])
        found += int((np.abs(img - rgb).max(axis=2) < 0.04).sum() > 500)
    assert found >= 1, "no chart bars visible in the screenshot"


def test_cjk_font_is_available_to_the_browser(font_env):
    fc = shutil.which("fc-list")
    if fc is None:
        pytest.skip("fontconfig's fc-list is not installed")
    fonts = subprocess.run([fc, ":lang=zh-cn", "family"], capture_output=True, text=True, check=False,
                           env=font_env).stdout
    assert "Noto Sans CJK SC" in fonts, fonts
