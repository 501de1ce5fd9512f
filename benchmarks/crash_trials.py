"""kill -9 in the middle of uploads: does any saved return version lack its audit events?

For each database (SQLite in a temporary folder, PostgreSQL at 127.0.0.1:5432), a fresh
database with one LA analyst and an open round; then, trial after trial, the service starts
under gunicorn, the analyst signs in and uploads a return, and the whole server is killed with
SIGKILL at a random moment while the upload is in flight. The service runs with a test-only app
(benchmarks/crash_window) that holds each upload for TARTAN_CRASH_WINDOW seconds just before its
audit event is written, so that most kills land between the version's write and its event's:
the place where separate transactions used to leave a version with no event. After the trials
it counts the versions saved, and those with no upload or no validation event.

    .venv/bin/python benchmarks/crash_trials.py [--trials 20] [--databases sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
POSTGRES_DB = "tartan_crash"
PASSWORD = "crash-trial-password-2026"
WINDOW = 1.0
# Kills fall anywhere from just after the upload is sent to well after it would have finished,
# so that some trials leave a finished upload behind and most land in the window.
KILL_BY = 3.0

SETUP = """
import django
django.setup()
from datetime import date, timedelta
from django.core.management import call_command
call_command("migrate", verbosity=0)
from tartan.web.accounts.models import Organisation, User
from tartan.web.collection import services
org = Organisation.objects.create(name="East Sussex", kind="la", la_code="845", group_key="south-east")
User.objects.create_user("analyst", password="%s", organisation=org, roles=["la_analyst"])
dbg_org = Organisation.objects.create(name="DBG", kind="processor")
dbg = User.objects.create_user("dbg", password="%s", organisation=dbg_org, roles=["dbg_member"])
print(services.open_round(dbg, "south-east", "2025-26 Q1", date.today() + timedelta(days=30)).pk)
""".replace("%s", PASSWORD)

COUNT = """
import django
django.setup()
from tartan.web.audit.models import AuditEvent
from tartan.web.collection.models import ReturnVersion
versions = list(ReturnVersion.objects.values_list("pk", flat=True))
def has(action, pk):
    return AuditEvent.objects.filter(action=action, object_type="ReturnVersion", object_id=str(pk)).exists()
print(len(versions), sum(not has("upload", pk) for pk in versions), sum(not has("validate", pk) for pk in versions))
"""


def environment(kind: str, folder: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "crash_settings",
        "PYTHONPATH": str(ROOT / "benchmarks"),
        "TARTAN_DATA_DIR": str(folder),
        "TARTAN_CRASH_WINDOW": str(WINDOW),
    }
    env.pop("DATABASE_URL", None)
    if kind == "postgresql":
        import psycopg

        with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {POSTGRES_DB} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {POSTGRES_DB}")
        env["DATABASE_URL"] = f"postgresql://postgres@127.0.0.1:5432/{POSTGRES_DB}"
    return env


def python(env: dict[str, str], code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def start_server(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "tartan.web.wsgi:application",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "1",
            "--timeout",
            "60",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(200):
        try:
            httpx.get(f"http://127.0.0.1:{port}/accounts/sign-in/", timeout=1)
            return server
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError("the service did not start")


def one_trial(env: dict[str, str], port: int, round_id: int, upload: bytes) -> None:
    server = start_server(env, port)
    base = f"http://127.0.0.1:{port}"
    with httpx.Client(base_url=base, timeout=30) as client:
        page = client.get("/accounts/sign-in/").text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        client.post(
            "/accounts/sign-in/",
            data={"csrfmiddlewaretoken": token, "username": "analyst", "password": PASSWORD},
        )
        form = client.get(f"/rounds/{round_id}/submit/").text
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)  # type: ignore[union-attr]
        once = re.search(r'name="_once" value="([^"]+)"', form).group(1)  # type: ignore[union-attr]

        def send() -> None:
            # The server may die under it: that is the trial.
            with contextlib.suppress(httpx.HTTPError):
                client.post(
                    f"/rounds/{round_id}/submit/",
                    data={"csrfmiddlewaretoken": csrf, "_once": once},
                    files={"file": ("return.csv", upload)},
                )

        sender = threading.Thread(target=send)
        sender.start()
        time.sleep(random.uniform(0.05, KILL_BY))
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
        sender.join()


def run(kind: str, trials: int, upload: bytes) -> tuple[int, int, int]:
    with tempfile.TemporaryDirectory() as folder:
        env = environment(kind, Path(folder))
        round_id = int(python(env, SETUP).splitlines()[-1])
        port = 18000 + random.randrange(1000)
        for n in range(trials):
            one_trial(env, port, round_id, upload)
            print(f"  {kind}: trial {n + 1} of {trials}", end="\r", flush=True)
        saved, no_upload, no_validate = (int(x) for x in python(env, COUNT).split())
    return saved, no_upload, no_validate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--databases", default="sqlite,postgresql")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from tartan.catalogue import shipped_catalogue
    from tartan.demo.synthetic import synthetic_returns
    from tartan.periods import Period
    from tartan.reference.register import shipped_register
    from tartan.returns.template import template_csv

    quarter = Period.parse("2025-26 Q1")
    figures = synthetic_returns(["845"], quarter, 1)[0].figures
    upload = template_csv(shipped_register()["845"], quarter, shipped_catalogue(), figures)
    random.seed(11)
    for kind in args.databases.split(","):
        started = time.perf_counter()
        saved, no_upload, no_validate = run(kind, args.trials, upload)
        print(
            f"{kind}: {args.trials} kill -9 trials in {time.perf_counter() - started:.0f} s; "
            f"{saved} versions saved; {no_upload} without their upload event, "
            f"{no_validate} without their validation event"
        )


if __name__ == "__main__":
    main()
