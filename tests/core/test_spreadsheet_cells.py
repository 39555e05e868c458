"""One cell at a time: what reads as role letters, what each reading reports, what does not."""

from __future__ import annotations

import pytest

from rolemap.core.spreadsheet.cells import header_role, parse_cell, split_names


@pytest.mark.parametrize(
    ("text", "letters", "groups"),
    [
        ("R", "R", set()),
        ("RA", "RA", set()),  # as rolemap writes it: nothing to report
        ("R?A", "R?A", set()),
        ("AR", "AR", {"combined"}),
        ("A/R", "AR", {"combined"}),
        ("A,R", "AR", {"combined"}),
        ("R, A", "RA", {"combined"}),
        ("R;C", "RC", {"combined"}),
        ("R+A", "RA", {"combined"}),
        ("R & C", "RC", {"combined"}),
        ("R A", "RA", {"combined"}),
        ("R、A", "RA", {"combined"}),
        ("r", "R", {"lower-case"}),
        ("Ａ", "A", {"full-width"}),
        ("Ｒ／Ａ", "RA", {"full-width", "combined"}),
        ("\u0410", "A", {"look-alike"}),  # Cyrillic А
        ("\u0421", "C", {"look-alike"}),  # Cyrillic С
        ("\u0406", "I", {"look-alike"}),  # Cyrillic І
        ("\u0391", "A", {"look-alike"}),  # Greek Alpha
        ("\u0399", "I", {"look-alike"}),  # Greek Iota
        ("A/A", "A", {"duplicate"}),
        ("Responsible", "R", {"label"}),
        ("accountable", "A", {"label"}),
        ("Consulted, Informed", "CI", {"label"}),
        ("批准", "A", {"label"}),
        ("咨询", "C", {"label"}),
        ("知会", "I", {"label"}),
        ("执行", "R", {"label"}),
        ("负责", "F", {"label"}),  # R or A, decided for the whole sheet
        ("主办", "O", {"label"}),  # the lead unit: R and A, or D in DACI
        ("协办", "S", {"label"}),
        ("配合", "C", {"label"}),
        ("S", "S", set()),
        ("D", "D", set()),
        ("", "", set()),
    ],
)
def test_cells_that_read_as_letters(text: str, letters: str, groups: set[str]) -> None:
    parsed = parse_cell(text)
    assert parsed.ok
    got = "".join(f"{x}{'?' if c else ''}" for x, c in parsed.letters or ())
    assert sorted(got) == sorted(letters)
    assert {c.group for c in parsed.changes} == groups


@pytest.mark.parametrize("text", ["-", "—", "–", "n/a", "N/A", "无"])
def test_no_role_marks(text: str) -> None:
    parsed = parse_cell(text)
    assert parsed.ok and parsed.letters == () and parsed.no_role_mark


@pytest.mark.parametrize("text", ["x", "X", "✓", "TBD", "P", "R1", "Marketing", "负责人员", "?"])
def test_cells_that_are_not_letters(text: str) -> None:
    assert not parse_cell(text).ok


@pytest.mark.parametrize(
    ("text", "letter"),
    [
        ("Responsible", "R"),
        ("R (Responsible)", "R"),
        ("Accountable:", "A"),
        ("Consulted", "C"),
        ("Informed", "I"),
        ("Supports", "S"),
        ("Driver", "D"),
        ("负责人", "F"),
        ("主办单位", "O"),
        ("协办部门", "S"),
        ("Marketing", None),
        ("Task", None),
        ("Who is informed", "I"),
    ],
)
def test_letter_column_headers(text: str, letter: str | None) -> None:
    assert header_role(text) == letter


def test_function_names_in_a_cell() -> None:
    assert split_names("Marketing, Operations") == ["Marketing", "Operations"]
    assert split_names("市场部、运营部；客服") == ["市场部", "运营部", "客服"]
    assert split_names("Product/Sales\nLegal") == ["Product", "Sales", "Legal"]
    assert split_names("Marketing & Sales") == ["Marketing & Sales"]
    assert split_names("-") == []
