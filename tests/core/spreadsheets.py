"""Realistic RACI spreadsheets for the import tests, built in code: the quirks of published
templates and of what teams actually type."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Font

Rows = list[list[Any]]

# Layout A as templates publish it: title, project block, legend, header after ID and Phase
# columns, section rows (bold, first cell only), trailing Priority/Deadline/Status columns.
CAMPAIGN: Rows = [
    ["RACI Matrix – Spring campaign launch"],
    ["Project:", "Spring launch", None, "Date:", "2026-03-01"],
    ["Prepared by: Li Wei", None, None, "Version:", 3],
    [],
    ["Legend"],
    ["R", "Responsible – does the work"],
    ["A", "Accountable – owns the outcome"],
    ["C", "Consulted – asked before"],
    ["I", "Informed – told after"],
    [],
    ["ID", "Task", "Marketing", "Operations", "Product", "Legal", "Priority", "Status"],
    ["Planning"],  # row 12, bold
    ["1.1", "Define target audience", "A/R", "C", "I", None, "High", "Done"],
    ["1.2", "Set campaign budget", "R, A", "С", "-", "I", "High", None],  # Cyrillic С
    ["1.3", "Pick channels", "AR", "ｒ", "Ｃ", "—", "Medium"],  # full-width r, C
    ["Launch"],  # row 16, bold
    ["2.1", "Write press release", "R", "А", "x", "C"],  # Cyrillic А; x unreadable
    ["2.2", "Brief sales team", "A", "A", "R", "i"],  # two A's
    ["2.3", "Coordinate influencers", "r/a", "І", "C", "A/A"],  # Cyrillic І; A twice
]
CAMPAIGN_BOLD = (12, 16)

# Everyone is R: six R's on one row, two A's on another, functions with Chinese names.
CROWD: Rows = [
    ["任务", "市场部", "运营部", "产品部", "客服", "销售", "法务"],
    ["校园大使招募", "R", "R", "R", "R", "R", "R"],
    ["双十一大促", "A", "A", "C", "I", "R", "C"],
]

# Chinese labels instead of letters, with a Goal and a Kind column.
CHINESE_LABELS: Rows = [
    ["编号", "工作事项", "市场部", "运营部", "产品部", "目标", "目标类型"],
    ["T1", "品牌发布会", "负责、批准", "知会", "咨询", "品牌知名度", "awareness"],
    ["T2", "拉新活动", "负责", "批准", "知会", "新用户增长", "拉新"],
    ["T3", "用户留存分析", "知会", "负责执行", "咨询", "新用户增长", ""],
]

# 主办 / 协办 / 配合: the lead unit, the assisting unit, the cooperating unit.
LEAD_UNITS: Rows = [
    ["序号", "任务", "市场部", "运营部", "客服部"],
    [1, "暑期拉新活动", "主办", "协办", "配合"],
    [2, "会员日", "配合", "主办", "协办"],
]

# Layout B: one column per letter, comma-separated function names in the cells.
LETTER_COLUMNS: Rows = [
    ["Task", "Responsible", "Accountable", "Consulted", "Informed"],
    ["Launch plan", "Marketing, Operations", "Marketing", "Legal", "Product; Sales"],
    ["Referral program", "Operations", "operations", "Marketing", ""],
    ["Price test", "Product", "Product, Sales", "", "Marketing/Operations"],
]

# RASCI and DACI letters.
RASCI: Rows = [
    ["Task", "Marketing", "Operations", "Product"],
    ["Launch plan", "A", "S", "R"],
    ["Referral program", "S", "RA", "C"],
    ["Price test", "I", "R?", "A"],
]
DACI: Rows = [
    ["Decision", "Marketing", "Operations", "Finance"],
    ["Choose the agency", "D", "C", "A"],
    ["Set the discount", "C", "D", "A"],
    ["Pick the city", "I", "D", "A?"],
]


def workbook(
    path: Path,
    rows: Rows,
    *,
    title: str = "RACI",
    bold: tuple[int, ...] = (),
    more: dict[str, Rows] | None = None,
) -> Path:
    """Write ``rows`` to the first sheet (and ``more`` sheets after it)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for number in bold:
        sheet.cell(row=number, column=1).font = Font(bold=True)
    for name, extra in (more or {}).items():
        other = book.create_sheet(name)
        for row in extra:
            other.append(row)
    book.save(path)
    return path


def csv_text(rows: Rows, delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows([["" if c is None else c for c in row] for row in rows])
    return out.getvalue()
