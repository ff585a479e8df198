"""Reading hand-edited YAML safely: lines kept, nothing constructed, every problem an issue."""

from __future__ import annotations

from pathlib import Path

from povdash.data.yamlio import MAX_BYTES, MAX_FATAL_REPORTS, parse_bytes, parse_yaml, read_yaml


def codes(text: str) -> list[str]:
    """The issue codes of a YAML text."""
    return [i.code for i in parse_yaml(text, "f.yaml")[1]]


def test_values_keep_their_lines() -> None:
    root, issues = parse_yaml("a: 1\nb:\n  - x: 2\n    y: [3, 4]\n", "f.yaml")
    assert issues == []
    assert root is not None
    assert root.line == 1
    item = root.value["b"].value[0]
    assert (item.line, item.value["y"].line) == (3, 4)
    assert root.plain() == {"a": 1, "b": [{"x": 2, "y": [3, 4]}]}


def test_safe_scalars_and_timestamps_stay_strings() -> None:
    root, _ = parse_yaml('a: yes\nb: 2020-04-21\nc: "220800"\nd: 5.9\ne: ~\nf: 0x10\n', "f")
    assert root is not None
    assert root.plain() == {
        "a": True,
        "b": "2020-04-21",
        "c": "220800",
        "d": 5.9,
        "e": None,
        "f": 16,
    }


def test_aliases_and_anchors_are_refused() -> None:
    root, issues = parse_yaml("a: &x [1, 2]\nb: *x\n", "f.yaml")
    assert root is None
    # the first anchor stops the reading: nothing an alias could repeat is ever built
    assert [(i.code, i.line) for i in issues] == [("yaml-alias", 1)]
    assert "&x" in issues[0].message
    _, issues = parse_yaml("a: [1]\nb: *x\n", "f.yaml")
    assert [(i.code, i.line) for i in issues] == [("yaml-alias", 2)]


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 9):
        prev = chr(ord("a") + n - 1)
        name = chr(ord("a") + n)
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    root, issues = parse_yaml("\n".join(lines) + "\n", "f.yaml")
    assert root is None
    assert [(i.code, i.line) for i in issues] == [("yaml-alias", 1)]


def test_python_tags_are_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = f'a: !!python/object/apply:os.system ["touch {marker}"]\n'
    root, issues = parse_yaml(text, "f.yaml")
    assert root is None
    assert [i.code for i in issues] == ["unknown-tag"]
    assert not marker.exists()
    assert codes("a: !custom x\n") == ["unknown-tag"]


def test_deep_nesting_is_refused_without_crashing() -> None:
    # libyaml's recursive composer would overflow the C stack on this; the event walk refuses it
    deep = "[" * 200_000 + "]" * 200_000
    assert codes(deep) == ["too-deep"]
    assert codes("a: " + "[" * 40 + "]" * 40) == []


def test_tab_and_syntax_errors_carry_line_and_column() -> None:
    root, issues = parse_yaml("a: 1\nb:\n\t- 2\n", "f.yaml")
    assert root is None
    assert [(i.code, i.line) for i in issues] == [("tab-indentation", 3)]
    assert "line 3, column 1" in issues[0].message
    _, issues = parse_yaml("a: [1, 2\nb: 3\n", "f.yaml")
    assert [i.code for i in issues] == ["yaml-syntax"]
    assert issues[0].line is not None


def test_empty_and_comment_only_files() -> None:
    assert codes("") == ["empty-file"]
    assert codes("# nothing\n# here\n") == ["empty-file"]
    assert codes("---\n") == ["empty-file"]


def test_duplicate_keys_name_their_field_path() -> None:
    root, issues = parse_yaml("o:\n  - id: 1\n  - id: 2\n    id: 3\n", "f.yaml")
    assert root is not None
    assert [(i.code, i.field, i.line) for i in issues] == [("duplicate-key", "o[1].id", 4)]
    assert root.plain() == {"o": [{"id": 1}, {"id": 2}]}


def test_second_document_is_refused() -> None:
    assert codes("a: 1\n---\nb: 2\n") == ["multiple-documents"]


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\r\nb: \xe7\x99\xbd\xe5\x9f\x8e\r\n")
    root, issues = read_yaml(path, "f.yaml")
    assert issues == []
    assert root is not None
    assert root.plain() == {"a": 1, "b": "白城"}
    assert root.value["b"].line == 2


def test_gbk_file_names_the_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes("a: 1\nname: 白城市\n".encode("gbk"))
    root, issues = read_yaml(path, "f.yaml")
    assert root is None
    assert [(i.code, i.line) for i in issues] == [("not-utf8", 2)]
    assert "byte offset 11" in issues[0].message
    assert "GBK" in issues[0].message


def test_oversized_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.write(b"a: 1\n")
        handle.truncate(MAX_BYTES + 1)
    root, issues = read_yaml(path, "big.yaml")
    assert root is None
    assert [i.code for i in issues] == ["file-too-large"]
    assert "5 MB" in issues[0].message


def test_missing_file(tmp_path: Path) -> None:
    root, issues = read_yaml(tmp_path / "nope.yaml", "nope.yaml")
    assert root is None
    assert [i.code for i in issues] == ["file-missing"]


def test_many_tags_are_reported_with_a_bound() -> None:
    text = "".join(f"k{i}: !!python/name:os.system x\n" for i in range(500))
    root, issues = parse_yaml(text, "f.yaml")
    assert root is None
    assert {i.code for i in issues} == {"unknown-tag"}
    assert len(issues) == MAX_FATAL_REPORTS


def test_control_characters_are_a_syntax_issue_at_their_line() -> None:
    root, issues = parse_yaml("a: 1\nb: 示范\x00省\n", "f.yaml")
    assert root is None
    assert [(i.code, i.line) for i in issues] == [("yaml-syntax", 2)]
    # the column counts characters, not UTF-8 bytes
    assert issues[0].message.endswith("#x0000 at line 2, column 6")
    assert "\n" not in issues[0].format()


def test_bytes_are_decoded_then_parsed() -> None:
    root, issues = parse_bytes(b"\xef\xbb\xbfa: \xe7\x99\xbd\r\n", "f.yaml")
    assert issues == [] and root is not None and root.plain() == {"a": "白"}
    root, issues = parse_bytes("a: 白城\n".encode("gbk"), "f.yaml")
    assert root is None and [i.code for i in issues] == ["not-utf8"]


def test_a_folder_is_not_read_as_a_file(tmp_path: Path) -> None:
    root, issues = read_yaml(tmp_path, "f.yaml")
    assert root is None
    assert [i.code for i in issues] == ["file-unreadable"]
    assert "regular file" in issues[0].message
