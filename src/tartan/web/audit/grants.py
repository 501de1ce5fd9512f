"""Who may change the audit table on PostgreSQL.

The triggers (triggers.py) refuse UPDATE, DELETE and TRUNCATE, but the owner of a table can drop
its triggers, disable them or drop the table. So in production the tables belong to a migration
role that only `tartan migrate` and `tartan restore` use, and the service connects as a role that
owns nothing: normal DML everywhere (given by default privileges, so later migrations' tables are
covered too) except on the audit table, where it keeps SELECT and INSERT only.

SQLite has no roles: whoever can write the file can change anything in it. There the triggers
stop the application and the mistaken statement, nothing more (docs/web.md says so).
"""

from __future__ import annotations

from typing import Any

from tartan.web.audit.triggers import TABLE

# Every privilege that would let a role other than the owner change what is recorded: the
# rows themselves, or (TRIGGER) a trigger of its own rewriting rows as they are inserted.
WITHHELD = ("UPDATE", "DELETE", "TRUNCATE", "TRIGGER")

# Run by the audit migration as the owner: whatever default privileges gave other roles on the
# audit table, they keep only what does not change it. PUBLIC is grantee 0 in an ACL.
POSTGRES_WITHHOLD = f"""
DO $$
DECLARE holder text;
BEGIN
  FOR holder IN
    SELECT DISTINCT CASE WHEN acl.grantee = 0 THEN 'PUBLIC'
                         ELSE quote_ident(pg_get_userbyid(acl.grantee)) END
    FROM pg_class c, aclexplode(c.relacl) acl
    WHERE c.oid = '{TABLE}'::regclass AND acl.grantee <> c.relowner
      AND acl.privilege_type IN ({", ".join(f"'{p}'" for p in WITHHELD)})
  LOOP
    EXECUTE 'REVOKE {", ".join(WITHHELD)} ON {TABLE} FROM ' || holder;
  END LOOP;
END $$;
"""


def withhold_changes(connection: Any) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(POSTGRES_WITHHOLD)


def setup_sql(database: str, owner: str, service: str) -> str:
    """What the cluster's superuser runs once, before the first `tartan migrate`.

    Passwords are left to the operator (``\\password`` in psql), so that none is ever in a file.
    """
    return f"""CREATE ROLE {owner} LOGIN;
CREATE ROLE {service} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
CREATE DATABASE {database} OWNER {owner};
REVOKE ALL ON DATABASE {database} FROM PUBLIC;
GRANT CONNECT ON DATABASE {database} TO {service};
\\connect {database}
ALTER SCHEMA public OWNER TO {owner};
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO {service};
ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {service};
ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public
  GRANT USAGE, SELECT ON SEQUENCES TO {service};
"""


def weaknesses(connection: Any) -> list[str]:
    """Why the role this connection uses could rewrite the audit trail; empty when it cannot."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT r.rolsuper, pg_has_role(current_user, c.relowner, 'MEMBER'),"
            " pg_get_userbyid(c.relowner)"
            " FROM pg_roles r, pg_class c"
            " WHERE r.rolname = current_user AND c.oid = to_regclass(%s)",
            [TABLE],
        )
        row = cursor.fetchone()
        if row is None:  # not migrated yet: nothing to protect
            return []
        superuser, owns, owner = row
        cursor.execute(
            "SELECT privilege FROM unnest(%s::text[]) AS privilege"
            " WHERE has_table_privilege(current_user, %s, privilege)",
            [list(WITHHELD), TABLE],
        )
        held = [privilege for (privilege,) in cursor.fetchall()]
    found = []
    if superuser:
        found.append("it connects as a superuser, who can disable any trigger")
    elif owns:
        found.append(f"it connects as {owner}, the audit table's owner, who can drop its triggers")
    elif held:
        found.append(f"it holds {', '.join(held)} on {TABLE}")
    return found
