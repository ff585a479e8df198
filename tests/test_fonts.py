"""The CJK font of exports: chosen, registered, proven to draw Chinese (no tofu, no lost text)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from povdash.render import fonts


def dark_pixels(png: bytes, threshold: int = 100) -> int:
    """How many pixels of a PNG are darker than `threshold` (grey level 0..255)."""
    image = Image.open(io.BytesIO(png)).convert("L")
    return sum(image.histogram()[:threshold])


def test_two_chinese_strings_of_equal_length_rasterise_differently() -> None:
    # With tofu every CJK character is the same box, so these two would give identical bytes.
    first, second = fonts.SELF_CHECK_PAIR
    assert len(first) == len(second) and first != second
    stack = fonts.ensure_cjk_font().stack
    assert fonts.render_text_png(first, stack) != fonts.render_text_png(second, stack)


def test_self_check_passes_and_names_the_wheel_font() -> None:
    choice = fonts.self_check()
    assert choice.origin == "wheel"  # pylopdf-fonts-zh-cn is a declared dependency
    assert choice.family == "Noto Sans SC"
    assert choice.directory is not None and any(choice.directory.glob("NotoSansSC*"))


def test_rendered_title_has_dark_pixels() -> None:
    stack = fonts.ensure_cjk_font().stack
    assert dark_pixels(fonts.render_text_png("白城市与柳河县对比", stack)) > 150


def test_unknown_font_alone_draws_no_text_which_is_why_the_stack_ends_in_sans_serif() -> None:
    fonts.ensure_cjk_font()
    assert dark_pixels(fonts.render_text_png("白城市与柳河县对比", "No Such Family Xyz")) == 0
    assert fonts.FONT_FAMILIES[-1] == "sans-serif"
    assert fonts.FONT_STACK.endswith(", sans-serif")


def test_stack_puts_the_chosen_family_first_and_keeps_sans_serif_last() -> None:
    choice = fonts.FontChoice(family="WenQuanYi Micro Hei", origin="system", directory=None)
    parts = choice.stack.split(", ")
    assert parts[0] == "WenQuanYi Micro Hei" and parts[-1] == "sans-serif"
    assert parts.count("WenQuanYi Micro Hei") == 1


def test_wheel_font_is_preferred_over_system_fonts(tmp_path: Path) -> None:
    choice = fonts.choose_font(tmp_path, ["Noto Sans CJK SC"])
    assert (choice.family, choice.origin, choice.directory) == ("Noto Sans SC", "wheel", tmp_path)


def test_system_fallback_prefers_simplified_chinese_sans() -> None:
    families = ["Noto Serif CJK SC", "Noto Sans Mono CJK SC", "AR PL UMing CN", "Noto Sans CJK SC"]
    choice = fonts.choose_font(None, families)
    assert (choice.family, choice.origin, choice.directory) == ("Noto Sans CJK SC", "system", None)


def test_no_font_at_all_fails_with_a_clear_message_and_hint() -> None:
    with pytest.raises(fonts.FontNotFound) as caught:
        fonts.choose_font(None, [])
    message = str(caught.value)
    assert "no Chinese font found" in message
    assert "pylopdf-fonts-zh-cn" in message and "fonts-noto-cjk" in message
    assert "hint:" in message


def test_system_families_are_parsed_from_fc_list() -> None:
    # Either fontconfig is present and lists plain family names, or the probe returns [].
    families = fonts.system_cjk_families()
    assert all(name and "," not in name and ":" not in name for name in families)
