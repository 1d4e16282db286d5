"""`wargame db upgrade` creates the schema; `wargame db current` reports it."""

from typer.testing import CliRunner

from game.cli import app
from game.store import migrate

runner = CliRunner()


def test_db_upgrade_creates_the_schema_and_current_reports_it(tmp_path):
    url = f"sqlite:///{tmp_path / 'w.sqlite'}"
    assert migrate.current_revision(url) is None
    result = runner.invoke(app, ["db", "upgrade", "--database-url", url])
    assert result.exit_code == 0, result.output
    assert migrate.current_revision(url) == migrate.head_revision()
    shown = runner.invoke(app, ["db", "current", "--database-url", url])
    assert shown.exit_code == 0 and migrate.head_revision() in shown.output
