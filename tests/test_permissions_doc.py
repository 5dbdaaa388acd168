from pathlib import Path

from shared_apps.devtools.access_matrix import access_matrix_markdown

DOC = Path(__file__).resolve().parents[1] / "docs" / "PERMISSIONS.md"


def test_permissions_doc_matches_the_declared_policies():
    assert DOC.read_text(encoding="utf-8") == access_matrix_markdown(), (
        "docs/PERMISSIONS.md is out of date: ./manage.py access_matrix > docs/PERMISSIONS.md"
    )
