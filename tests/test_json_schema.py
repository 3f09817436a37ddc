"""The exported JSON Schema: up to date, referenced by every data file, and agreeing with the data."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from showcase.editing.json_schema import stale_schemas
from tools.harness import REPO

DATA_FILES = sorted((REPO / "data").rglob("*.yml"))


def test_exported_schemas_are_up_to_date():
    assert stale_schemas(REPO / "schemas") == [], "run `make schema`"


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_data_file_points_to_its_schema_and_validates(path: Path):
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first_line.startswith(prefix)
    schema_path = (path.parent / first_line.removeprefix(prefix)).resolve()
    assert schema_path.parent == REPO / "schemas"
    expected = "site" if path.name == "site.yml" else {"brands": "brand", "projects": "project", "honours": "honour", "activities": "activity"}[path.parent.name]
    assert schema_path.name == f"{expected}.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)


def test_json_schema_rejects_what_the_loader_rejects():
    schema = json.loads((REPO / "schemas/honour.schema.json").read_text(encoding="utf-8"))
    good = yaml.safe_load((REPO / "data/honours/li-yanqiang.yml").read_text(encoding="utf-8"))
    for bad in ({**good, "level": "国家级"}, {**good, "slug": "Li Yanqiang"}, {**good, "titel": "x"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)
