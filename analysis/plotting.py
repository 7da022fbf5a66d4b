"""Matplotlib that writes Chinese: a CJK font that ships with kefu's dependencies, no system package needed.

Call :func:`use_cjk_font` once in a notebook or script before plotting::

    from analysis.plotting import use_cjk_font
    use_cjk_font()

It registers Noto Sans CJK SC from the ``mplfonts`` package (SIL Open Font
License) and puts it first in matplotlib's sans-serif list, so titles, tick
labels and legends in Chinese render without "Glyph ... missing from font"
warnings, on any machine where kefu was installed with pip. Nothing happens
at import.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

FAMILY = "Noto Sans CJK SC"
BUNDLED = ("mplfonts", "fonts", "NotoSansCJKsc-Regular.otf")     # package, folder, file
# Fonts a system may have instead, used only when the bundled one is not installed.
SYSTEM_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
                   "WenQuanYi Micro Hei")


def bundled_font() -> Path | None:
    """The Noto Sans CJK SC file shipped by the ``mplfonts`` package (found without importing it), or None."""
    package, *rest = BUNDLED
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations)), *rest)
    return path if path.is_file() else None


def use_cjk_font() -> str:
    """Make matplotlib draw Chinese text; returns the font family now first in ``font.sans-serif``.

    Idempotent. Raises RuntimeError when neither the bundled font nor a known system CJK font is there.
    """
    import matplotlib as mpl
    from matplotlib import font_manager

    path = bundled_font()
    if path is not None:
        known = {Path(f.fname) for f in font_manager.fontManager.ttflist}
        if path not in known:
            font_manager.fontManager.addfont(str(path))
        family = font_manager.FontProperties(fname=str(path)).get_name()
    else:
        installed = {f.name for f in font_manager.fontManager.ttflist}
        family = next((f for f in SYSTEM_FAMILIES if f in installed), None)
        if family is None:
            raise RuntimeError("no CJK font for matplotlib: install kefu's dependencies (pip install mplfonts) "
                               "or a system font such as Noto Sans CJK")
    mpl.rcParams["font.family"] = "sans-serif"
    mpl.rcParams["font.sans-serif"] = [family] + [f for f in mpl.rcParams["font.sans-serif"] if f != family]
    return family
