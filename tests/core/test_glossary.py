"""The built-in bilingual glossary: what it holds, how it is validated, and its canonical map."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import rolemap.resources
from rolemap.core.glossary import (
    GlossaryError,
    builtin_groups,
    canonical_map,
    group_problems,
    load_glossary,
    normalise_term,
)
from rolemap.resources import glossary_path, resources_dir

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
REPO = Path(__file__).resolve().parents[2]


def _is_chinese(term: str) -> bool:
    return bool(_CJK.search(term))


def _is_english(term: str) -> bool:
    return bool(_LATIN.search(term)) and not _is_chinese(term)


def _group_of(term: str) -> set[str]:
    key = normalise_term(term)
    for group in builtin_groups():
        if key in {normalise_term(t) for t in group}:
            return {normalise_term(t) for t in group}
    raise AssertionError(f"{term!r} is in no built-in group")


# --- the shipped file --------------------------------------------------------------------------


def test_builtin_glossary_loads_with_at_least_180_groups() -> None:
    groups = builtin_groups()
    assert len(groups) >= 180
    assert all(len(group) >= 2 for group in groups)
    assert all(isinstance(t, str) and t.strip() for group in groups for t in group)


def test_no_term_is_in_two_groups() -> None:
    keys = [normalise_term(t) for group in builtin_groups() for t in group]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    assert duplicates == []


def test_most_groups_are_bilingual() -> None:
    groups = builtin_groups()
    bilingual = [g for g in groups if any(map(_is_chinese, g)) and any(map(_is_english, g))]
    assert len(bilingual) >= 150, f"{len(bilingual)} of {len(groups)} groups are bilingual"


def test_english_is_lower_case_except_abbreviations_and_names() -> None:
    # A capitalised word ("Launch") belongs only in a proper name (Double 11, Little Red Book);
    # abbreviations (DAU, D1, H5) and names like WeChat are not capitalised words.
    names = {"double", "singles'", "day", "little", "red", "book", "spring", "festival", "chinese",
             "new", "year", "lunar", "mid-autumn", "qixi", "north", "star", "weixin", "weibo",
             "douyin", "kuaishou", "xiaohongshu", "bilibili", "zhihu", "taobao", "tmall",
             "pinduoduo", "meituan", "moments", "channels", "work"}  # fmt: skip
    capitalised = {
        word
        for group in builtin_groups()
        for term in filter(_is_english, group)
        for word in term.split()
        if word[0].isupper() and word[1:].islower()
    }
    assert {w.lower() for w in capitalised} - names == set()


@pytest.mark.parametrize(
    "terms",
    [
        ["acquisition", "user acquisition", "拉新", "获客"],
        ["DAU", "daily active users", "日活"],
        ["CS", "customer service", "客服"],
        ["KOL", "influencer", "达人", "网红"],
        ["mini program", "小程序"],
        ["article", "post", "推文", "文章"],
        ["recruit", "hire", "招募", "招聘"],
        ["SAO", "sales accepted opportunity"],
        ["retention", "留存"],
        ["churn", "流失"],
        ["activation", "激活"],
        ["conversion", "CVR", "转化"],
        ["repurchase", "复购"],
        ["awareness", "知名度"],
        ["reputation", "美誉度"],
        ["partnership", "合作"],
        ["engagement", "活跃"],
        ["launch", "上线"],
        ["onboarding", "新手引导"],
        ["campaign", "活动", "营销活动"],
        ["coupon", "voucher", "优惠券"],
        ["referral", "拉新裂变", "老带新"],
        ["newsletter", "EDM"],
        ["official account", "公众号"],
        ["landing page", "落地页"],
        ["poster", "海报"],
        ["livestream", "直播"],
        ["BD", "business development", "商务拓展"],
        ["sales", "销售"],
        ["promotion", "促销"],
    ],
)
def test_named_group_exists(terms: list[str]) -> None:
    group = _group_of(terms[0])
    assert {normalise_term(t) for t in terms} <= group


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("sales", "revenue"),
        ("awareness", "reputation"),
        ("DAU", "MAU"),
        ("retention", "churn"),
        ("KOL", "KOC"),
        ("SQL", "MQL"),
        ("campaign", "promotion"),
        ("closed beta", "open beta"),
        ("spokesperson", "brand ambassador"),
        ("group buying", "team buying"),
    ],
)
def test_related_terms_stay_apart(a: str, b: str) -> None:
    assert normalise_term(b) not in _group_of(a)


@pytest.mark.parametrize("word", ["user", "data", "plan", "用户", "数据", "计划", "etc", "points"])
def test_generic_words_are_not_terms(word: str) -> None:
    assert normalise_term(word) not in canonical_map(builtin_groups())


def test_builtin_glossary_is_read_once() -> None:
    assert builtin_groups() is builtin_groups()


# --- packaging ---------------------------------------------------------------------------------


def test_glossary_ships_with_the_resources() -> None:
    path = glossary_path()
    assert path.is_file()
    assert path.is_relative_to(resources_dir())
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    force_include = pyproject.split("[tool.hatch.build.targets.wheel.force-include]", 1)[1]
    assert force_include.split("[", 1)[0].strip() == '"resources" = "rolemap/resources"'


def test_glossary_is_found_in_the_installed_layout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In a wheel the package directory holds resources/ (force-include); mimic that layout.
    package = tmp_path / "rolemap"
    shutil.copytree(resources_dir() / "glossary", package / "resources" / "glossary")
    monkeypatch.setattr(rolemap.resources, "_PACKAGE_DIR", package)
    assert glossary_path() == package / "resources" / "glossary" / "terms.yaml"
    assert load_glossary(glossary_path()) == builtin_groups()


# --- validation --------------------------------------------------------------------------------


def _load(tmp_path: Path, text: str) -> GlossaryError:
    path = tmp_path / "terms.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryError) as info:
        load_glossary(path)
    return info.value


def test_duplicate_term_is_reported_with_its_place(tmp_path: Path) -> None:
    error = _load(tmp_path, "groups:\n  - [DAU, 日活]\n  - [MAU, ｄａｕ]\n")
    (problem,) = error.problems
    assert (problem.line, problem.column) == (3, 11)
    assert problem.path == "groups[1][1]"
    assert "already in groups[0][0]" in problem.message
    assert str(tmp_path / "terms.yaml") + ":3:11:" in str(error)


def test_each_bad_group_and_term_is_reported(tmp_path: Path) -> None:
    error = _load(
        tmp_path,
        "groups:\n  - [lonely]\n  - [618, 618大促]\n  - ['  ', blank]\n  - just text\n",
    )
    messages = {(p.line, p.path): p.message for p in error.problems}
    assert "at least two terms" in messages[(2, "groups[0]")]
    assert "put it in quotes" in messages[(3, "groups[1][0]")]
    assert "must not be empty" in messages[(4, "groups[2][0]")]
    assert "expected a group as a list" in messages[(5, "groups[3]")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- [a, b]\n", "groups:"),
        ("groups: {a: b}\n", "expected a list of groups"),
        ("groups: [[a, b]\n", "YAML syntax error"),
    ],
)
def test_malformed_file_is_a_clear_error(tmp_path: Path, text: str, expected: str) -> None:
    assert expected in str(_load(tmp_path, text))


def test_unreadable_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="cannot read the glossary"):
        load_glossary(tmp_path / "missing.yaml")


def test_group_problems_accepts_a_chart_glossary() -> None:
    assert group_problems([["SAO", "sales accepted opportunity"], ["拉新", "获客"]]) == []
    (problem,) = group_problems([["SAO", "sao"]], ("glossary",))
    assert problem.path == "glossary[0][1]"


# --- canonical map -----------------------------------------------------------------------------


def test_every_term_maps_to_its_groups_first_term() -> None:
    mapping = canonical_map(builtin_groups())
    assert mapping["日活"] == mapping["daily active users"] == "dau"
    assert mapping["获客"] == mapping["拉新"] == "acquisition"
    assert mapping["招聘"] == mapping["hire"] == "recruit"
    assert mapping["mau"] != mapping["dau"]
    keys = {normalise_term(t) for group in builtin_groups() for t in group}
    assert set(mapping) == keys
    assert len(set(mapping.values())) == len(builtin_groups())


def test_terms_are_normalised() -> None:
    mapping = canonical_map([["Daily  Active\tUsers", "ＤＡＵ"]])
    assert mapping == {"daily active users": "daily active users", "dau": "daily active users"}


def test_a_chart_group_joins_the_builtin_group_it_shares_a_term_with() -> None:
    chart = [["SAO", "sales accepted opps"], ["拉新", "new customers", "获客"]]
    mapping = canonical_map([*chart, *builtin_groups()])
    assert mapping["sales accepted opps"] == mapping["销售接受商机"] == "sao"
    assert mapping["new customers"] == mapping["user acquisition"] == "拉新"
    mapping = canonical_map([*builtin_groups(), *chart])
    assert mapping["new customers"] == "acquisition"


def test_groups_linked_through_a_shared_term_become_one() -> None:
    mapping = canonical_map([["a", "b"], ["c", "d"], ["d", "b"]])
    assert set(mapping.values()) == {"a"}


def test_empty_terms_and_groups_are_skipped() -> None:
    assert canonical_map([[], ["", " "], ["x", ""]]) == {"x": "x"}
