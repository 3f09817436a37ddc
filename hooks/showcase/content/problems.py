"""Problems found in the data, worded in Chinese for the media team."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one data file, located as precisely as we can."""

    file: str
    line: int | None
    field: str | None
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        label = "错误" if self.severity == "error" else "提醒"
        field = f"  字段 {self.field}" if self.field else ""
        return f"{label}  {where}{field}\n    {self.message}"


class DataInvalid(Exception):
    """Raised when the data has errors; carries every problem of the run."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(format_report(problems))


def format_report(problems: list[Problem]) -> str:
    errors = [p for p in problems if p.severity == "error"]
    lines = [str(p) for p in problems]
    if errors:
        lines.append(f"共 {len(errors)} 处错误，请按提示修改后再试。")
    return "\n".join(lines)
