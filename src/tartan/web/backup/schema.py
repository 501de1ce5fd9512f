"""The database's tables as the migrations describe them, at any point in their history.

A backup is written from the models of the migrations the database has applied, and restored
into a database migrated to exactly the archive's migrations, through the models of that same
state (Django's historical models): the columns always match, and a backup made before an
upgrade restores, then migrates forward like any database would.
"""

from __future__ import annotations

from typing import Any

from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.models import Model

from tartan.web.backup.errors import BackupError

Node = tuple[str, str]

# Filled in by `migrate` from the code alone: a database holding only these is empty.
REGENERATED = {"django_migrations", "django_content_type", "auth_permission"}


def state_models(nodes: set[Node], loader: MigrationLoader) -> list[type[Model]]:
    """Every table's model at the state after ``nodes``, in table-name order."""
    apps = loader.project_state(sorted(nodes)).apps
    found = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    ]
    return sorted(found, key=lambda model: model._meta.db_table)


def fully_migrated(connection: Any) -> set[Node]:
    """The migrations applied, when they are exactly those the code has."""
    executor = MigrationExecutor(connection)
    applied = set(executor.loader.applied_migrations)
    unknown = applied - set(executor.loader.disk_migrations)
    if unknown:
        raise BackupError(
            f"the database has migrations this tartan does not know ({_names(unknown)}): "
            "use the version of tartan that applied them"
        )
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise BackupError("the database has migrations still to apply: run `tartan migrate` first")
    return applied


def latest_per_app(nodes: set[Node], loader: MigrationLoader) -> list[Node]:
    """The last of ``nodes`` in each app: the targets that migrate an empty database to exactly
    ``nodes`` (Django plans each target in turn, and would undo what follows an earlier one)."""
    return sorted(
        node
        for node in nodes
        if not any(
            later[0] == node[0] and later in nodes
            for later in loader.graph.backwards_plan(node)
            if later != node
        )
    )


def unknown_migrations(nodes: set[Node], connection: Any) -> set[Node]:
    return nodes - set(MigrationLoader(connection, ignore_no_migrations=True).disk_migrations)


def tables_holding_data(connection: Any) -> dict[str, int]:
    """Tables with rows, other than those `migrate` fills by itself."""
    held = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table in REGENERATED:
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            (count,) = cursor.fetchone()
            if count:
                held[table] = count
    return held


def drop_tables(connection: Any, also: set[str]) -> None:
    """Drop the service's tables (the code's, those in ``also``, the migration record) so that
    the migrations can build them afresh; tables of anything else in the database stay."""
    existing = set(connection.introspection.table_names())
    ours = set(connection.introspection.django_table_names()) | also | {"django_migrations"}
    doomed = sorted(existing & ours)
    if not doomed:
        return
    quoted = [connection.ops.quote_name(table) for table in doomed]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE {', '.join(quoted)} CASCADE")
        return
    with connection.constraint_checks_disabled(), connection.cursor() as cursor:
        for table in quoted:
            cursor.execute(f"DROP TABLE {table}")


def _names(nodes: set[Node]) -> str:
    return ", ".join(f"{app}.{name}" for app, name in sorted(nodes)[:5])
