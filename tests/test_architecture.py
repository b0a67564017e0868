"""Dependencies point one way (docs/ARCHITECTURE.md): knowledge_base > decisions > casestudies >
catalog > platform_survey. The contract is .importlinter at the repository root (CI runs
``.venv/bin/lint-imports``); these tests run it, show that it sees function-local imports, and check
what moving Company into the catalog promised: the same tables and rows, permissions kept.

The move was also checked by hand on SQLite and PostgreSQL databases holding the knowledge base and a
curator group: rows, history, links and the group's permission all survived, and migrating back and
forth again changed nothing.
"""

from __future__ import annotations

import importlib
import io
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
APPS = ["platform_survey", "catalog", "casestudies", "decisions", "knowledge_base"]


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own virtualenv's lint-imports, fixed arguments
        [str(LINT_IMPORTS), "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def fake_project(tmp_path: Path, files: dict[str, str]) -> Path:
    """Empty packages named like ours, under our .importlinter, plus ``files``."""
    shutil.copy(ROOT / ".importlinter", tmp_path / ".importlinter")
    for app in APPS:
        (tmp_path / app).mkdir()
        (tmp_path / app / "__init__.py").write_text("")
    # The modules the engine contract names must exist.
    (tmp_path / "decisions" / "engine").mkdir()
    for name in ("decisions/engine/__init__.py", "decisions/models.py", "decisions/rendering.py"):
        (tmp_path / name).write_text("")
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    return tmp_path


def test_no_module_imports_an_app_above_its_own():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_contract_catches_a_function_local_import_against_the_direction(tmp_path):
    project = fake_project(
        tmp_path,
        {
            "casestudies/models.py": "class StackEntry: ...\n",
            "catalog/views.py": "def radar():\n    from casestudies.models import StackEntry\n    return StackEntry\n",
        },
    )
    result = lint_imports(project)
    assert result.returncode == 1
    assert "catalog.views -> casestudies.models" in result.stdout


def test_the_contract_catches_infrastructure_importing_an_app(tmp_path):
    project = fake_project(
        tmp_path, {"catalog/views.py": "def home(): ...\n", "platform_survey/urls.py": "from catalog import views\n"}
    )
    result = lint_imports(project)
    assert result.returncode == 1
    assert "platform_survey.urls -> catalog.views" in result.stdout


def test_companies_keep_their_original_tables():
    from catalog.models import Company, Pitfall

    assert Company._meta.app_label == "catalog"
    assert Company._meta.db_table == "casestudies_company"
    assert Company.history.model._meta.db_table == "casestudies_historicalcompany"
    assert Pitfall._meta.get_field("reported_by").remote_field.through._meta.db_table == "catalog_pitfall_reported_by"


@pytest.mark.parametrize(("app", "migration"), [("catalog", "0008"), ("casestudies", "0004")])
def test_the_company_move_changes_no_table(django_db_blocker, app, migration):
    """State only: no table, column or constraint is created, renamed or dropped, so the rows stay."""
    out = io.StringIO()
    with django_db_blocker.unblock():
        call_command("sqlmigrate", app, migration, stdout=out)
    statements = [line for line in out.getvalue().splitlines() if line.strip() and not line.startswith("--")]
    assert statements in ([], ["BEGIN;", "COMMIT;"])


@pytest.mark.django_db
def test_the_company_move_keeps_curators_permissions_attached():
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType

    # The database as it was before the move: the permission belongs to casestudies.company.
    ContentType.objects.filter(app_label="catalog", model="company").delete()
    old_type = ContentType.objects.create(app_label="casestudies", model="company")
    permission = Permission.objects.create(content_type=old_type, codename="change_company", name="Can change company")
    group = Group.objects.create(name="curators-before-the-move")
    group.permissions.add(permission)

    move = importlib.import_module("casestudies.migrations.0004_company_moves_to_catalog")
    move.forwards(django_apps, SimpleNamespace(connection=connection))

    assert list(group.permissions.values_list("content_type__app_label", "codename")) == [("catalog", "change_company")]
    assert not ContentType.objects.filter(app_label="casestudies", model="company").exists()


@pytest.mark.django_db
def test_old_admin_links_to_companies_redirect_to_the_catalog(client):
    response = client.get("/admin/casestudies/company/3/change/?_changelist_filters=q%3Dx")
    assert response.status_code == 301
    assert response["Location"] == "/admin/catalog/company/3/change/?_changelist_filters=q%3Dx"


def test_the_contract_keeps_the_engine_free_of_django_and_of_other_apps(tmp_path):
    project = fake_project(
        tmp_path,
        {
            "catalog/models.py": "class Technology: ...\n",
            "decisions/engine/scoring.py": "from django.utils.translation import gettext\n"
            "from catalog.models import Technology\n",
        },
    )
    result = lint_imports(project)
    assert result.returncode == 1
    assert "decisions.engine is not allowed to import django" in result.stdout
    assert "decisions.engine is not allowed to import catalog" in result.stdout
