"""Loading and validation of data/: each kind of bad input names file, line and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from showcase.content.loader import load_catalog
from showcase.content.problems import DataInvalid, Problem

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A private copy of the real data/, to break one file at a time."""
    target = tmp_path / "data"
    shutil.copytree(REPO / "data", target)
    return target


def problems_of(data: Path) -> list[Problem]:
    with pytest.raises(DataInvalid) as raised:
        load_catalog(data)
    return [p for p in raised.value.problems if p.severity == "error"]


def only_problem(data: Path) -> Problem:
    problems = problems_of(data)
    assert len(problems) == 1, problems
    return problems[0]


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def test_real_data_loads_with_the_whole_brand_matrix():
    catalog = load_catalog(REPO / "data")
    assert catalog.master.name == "党旗引领·法耀浔州"
    assert [b.name for b in catalog.sub_brands] == [
        "红心向党·护航浔法",
        "党旗引领·浔州枫桥",
        "忠诚警魂·护航天平",
        "党耀天平·法润民生",
        "天平向党·诉服先锋",
        "党旗映天平·利剑护民安",
    ]
    fengqiao = catalog.find("xunzhou-fengqiao")
    assert [p.tribunal for p in catalog.projects_of(fengqiao)] == ["金田法庭", "木乐法庭", "麻垌法庭"]
    assert fengqiao.branch == "人民法庭党支部"
    # The source names no other branch: those stay empty rather than guessed.
    assert [b.branch for b in catalog.sub_brands if b.slug != "xunzhou-fengqiao"] == [None] * 5


def test_yaml_syntax_error_names_file_and_line(data: Path):
    brand = data / "brands" / "hongxin-xiangdang.yml"
    replace_in(brand, "name: 红心向党·护航浔法", 'name: "红心向党·护航浔法')
    problem = only_problem(data)
    assert problem.file == "data/brands/hongxin-xiangdang.yml"
    assert problem.line is not None and problem.line >= line_of(brand, "name:")
    assert "YAML 格式有误" in problem.message


def test_missing_required_field(data: Path):
    project = data / "projects" / "mule.yml"
    line = line_of(project, "tribunal:")
    text = project.read_text(encoding="utf-8").splitlines()
    project.write_text("\n".join(t for t in text if not t.startswith("tribunal:")) + "\n", encoding="utf-8")
    problem = only_problem(data)
    assert (problem.file, problem.field) == ("data/projects/mule.yml", "tribunal")
    assert problem.line is not None and problem.line < line
    assert "缺少必填字段 tribunal" in problem.message
    assert "正确示例：tribunal: 金田法庭" in problem.message


def test_wrong_type(data: Path):
    brand = data / "brands" / "lijian-minan.yml"
    replace_in(brand, "order: 60", "order: 第六")
    problem = only_problem(data)
    assert (problem.file, problem.line, problem.field) == ("data/brands/lijian-minan.yml", line_of(brand, "order:"), "order")
    assert "应填整数" in problem.message and "“第六”" in problem.message


def test_unknown_field_suggests_the_right_name(data: Path):
    brand = data / "brands" / "sufu-xianfeng.yml"
    brand.write_text(brand.read_text(encoding="utf-8") + "slogn: 测试口号\n", encoding="utf-8")
    problem = only_problem(data)
    assert (problem.file, problem.line, problem.field) == ("data/brands/sufu-xianfeng.yml", line_of(brand, "slogn:"), "slogn")
    assert "未知字段 slogn" in problem.message and "您是不是想写 slogan" in problem.message


def test_reference_to_missing_brand(data: Path):
    honour = data / "honours" / "dangjian-chuangxin-anli.yml"
    replace_in(honour, "brand: xunzhou-fengqiao", "brand: xunzhou-fengqio")
    problem = only_problem(data)
    assert (problem.file, problem.line, problem.field) == (
        "data/honours/dangjian-chuangxin-anli.yml",
        line_of(honour, "brand:"),
        "brand",
    )
    assert "品牌 xunzhou-fengqio 不存在" in problem.message and "xunzhou-fengqiao" in problem.message


def test_project_parent_must_be_a_sub_brand(data: Path):
    project = data / "projects" / "madong.yml"
    replace_in(project, "parent: xunzhou-fengqiao", "parent: fayao-xunzhou")
    problem = only_problem(data)
    assert (problem.file, problem.field) == ("data/projects/madong.yml", "parent")
    assert "fayao-xunzhou 是总品牌" in problem.message


def test_duplicate_slugs_across_files(data: Path):
    original = data / "brands" / "farun-minsheng.yml"
    copy = data / "brands" / "zz-copy.yml"
    shutil.copy(original, copy)
    problem = only_problem(data)
    assert (problem.file, problem.line, problem.field) == ("data/brands/zz-copy.yml", line_of(copy, "slug:"), "slug")
    assert "data/brands/farun-minsheng.yml" in problem.message


@pytest.mark.parametrize("slug", ["Xunzhou", "xun zhou", "../etc", "a/b", "a\\\\b", "浔州", "a..b", "-a", "a--b"])
def test_unsafe_slug(data: Path, slug: str):
    brand = data / "brands" / "zhongcheng-jinghun.yml"
    replace_in(brand, "slug: zhongcheng-jinghun", f'slug: "{slug}"')
    problem = only_problem(data)
    assert (problem.file, problem.line, problem.field) == (
        "data/brands/zhongcheng-jinghun.yml",
        line_of(brand, "slug:"),
        "slug",
    )
    assert "网址名" in problem.message and "小写英文字母" in problem.message


@pytest.mark.parametrize("date, message", [
    ("2023-02-30", "不是真实存在的日期"),
    # A month or day out of range breaks the pattern that the form editor checks as it is typed too.
    ("2022-13", "月份 01 到 12"),
    ("2022-00-10", "月份 01 到 12"),
    ("2022-05-32", "日 01 到 31"),
])
def test_impossible_date(data: Path, date: str, message: str):
    honour = data / "honours" / "mofan-jiguan.yml"
    replace_in(honour, 'date: "2022"', f'date: "{date}"')
    problem = only_problem(data)
    assert (problem.file, problem.line, problem.field) == ("data/honours/mofan-jiguan.yml", line_of(honour, "date:"), "date")
    assert message in problem.message


def test_badly_written_date(data: Path):
    honour = data / "honours" / "mofan-jiguan.yml"
    replace_in(honour, 'date: "2022"', "date: 2022年")
    problem = only_problem(data)
    assert problem.field == "date" and "应写成 2022、2022-05 或 2022-05-01" in problem.message


def test_value_outside_allowed_list(data: Path):
    honour = data / "honours" / "li-yanqiang.yml"
    replace_in(honour, "level: 全国", "level: 国家级")
    problem = only_problem(data)
    assert (problem.file, problem.line, problem.field) == ("data/honours/li-yanqiang.yml", line_of(honour, "level:"), "level")
    assert "“国家级”不在可选范围内" in problem.message and "只能填：全国、全区、贵港市、桂平市。" in problem.message


@pytest.mark.parametrize("old", ["县级", "市级"])
def test_old_level_words_point_to_the_awarding_level(data: Path, old: str):
    replace_in(data / "honours" / "li-yanqiang.yml", "level: 全国", f"level: {old}")
    problem = only_problem(data)
    assert problem.field == "level" and "桂平市授予的填 桂平市" in problem.message


def test_an_honour_without_source_waits_as_a_draft(data: Path):
    honour = data / "honours" / "li-yanqiang.yml"
    replace_in(honour, "source: 2023-12-27 报告·发挥两个作用", "draft: true")
    load_catalog(data, include_drafts=True)  # a draft may wait for its source
    replace_in(honour, "draft: true", "draft: false")
    problem = only_problem(data)
    assert problem.file == "data/honours/li-yanqiang.yml" and problem.field == "source"
    assert "还没有出处" in problem.message and "全国法院先进个人" in problem.message


def test_make_new_writes_an_honour_without_source_as_a_draft(data: Path):
    from showcase.editing.scaffold import create

    path = create("honour", {"slug": "shili-daibu", "title": "示例荣誉", "recipient": "示例党支部",
                             "level": "贵港市", "honour_kind": "集体"}, data.parent)
    assert "# source:" in path.read_text(encoding="utf-8")
    catalog = load_catalog(data, include_drafts=True)
    assert [h.level for h in catalog.honours if h.slug == "shili-daibu"] == ["贵港市"]


def test_a_draft_activity_record_stays_out_of_the_public_site(data: Path):
    log = data / "activities" / "fayao-xunzhou.yml"
    replace_in(log, "    title: 组织党员上党课\n", "    title: 组织党员上党课\n    draft: true\n")
    public = load_catalog(data).activities["fayao-xunzhou"]
    preview = load_catalog(data, include_drafts=True).activities["fayao-xunzhou"]
    assert len(preview) == len(public) + 1 and "组织党员上党课" not in [r.title for r in public]


def test_a_brand_is_not_its_own_parent(data: Path):
    replace_in(data / "brands" / "farun-minsheng.yml", "parent: fayao-xunzhou", "parent: farun-minsheng")
    problems = problems_of(data)
    assert any(p.field == "parent" and "不能是自己的上级品牌" in p.message for p in problems), problems


def test_nested_field_is_named_with_its_position(data: Path):
    brand = data / "brands" / "fayao-xunzhou.yml"
    replace_in(brand, "unit: 名", "unit: [名]")
    problem = only_problem(data)
    assert problem.field is not None and problem.field.startswith("results[") and problem.field.endswith(".unit")
    assert problem.line == line_of(brand, "unit: [名]")


def test_every_error_of_a_run_is_reported(data: Path):
    replace_in(data / "honours" / "li-yanqiang.yml", "level: 全国", "level: 国家级")
    replace_in(data / "brands" / "lijian-minan.yml", "order: 60", "order: 第六")
    (data / "projects" / "jintian.yml").write_text("", encoding="utf-8")
    files = sorted(p.file for p in problems_of(data))
    assert files == ["data/brands/lijian-minan.yml", "data/honours/li-yanqiang.yml", "data/projects/jintian.yml"]


def test_duplicate_key_in_one_mapping(data: Path):
    brand = data / "brands" / "farun-minsheng.yml"
    brand.write_text(brand.read_text(encoding="utf-8") + "order: 41\n", encoding="utf-8")
    problem = only_problem(data)
    assert problem.file == "data/brands/farun-minsheng.yml" and problem.line == line_of(brand, "order: 41")
    assert "字段 order 重复出现" in problem.message


def test_non_yaml_file_in_data(data: Path):
    (data / "brands" / "notes.txt").write_text("备忘", encoding="utf-8")
    problem = only_problem(data)
    assert problem.file == "data/brands/notes.txt" and "只能放 YAML" in problem.message


def test_an_unreadable_brand_file_reports_one_error_not_a_cascade(data: Path):
    master = data / "brands" / "fayao-xunzhou.yml"
    master.write_text(master.read_text(encoding="utf-8").replace("\n  - title:", "\n\t- title:", 1), encoding="utf-8")
    problem = only_problem(data)
    assert problem.file == "data/brands/fayao-xunzhou.yml" and "Tab" in problem.message
