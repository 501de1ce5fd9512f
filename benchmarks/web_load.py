"""Load on the web service: 20 signed-in clients for 60 s, on SQLite and on PostgreSQL.

For each database: load the demo (19 South East LAs × 12 quarters, the newest open) into a fresh
database, start the service under gunicorn (3 workers × 8 threads, production settings without
HTTPS), sign 20 clients in (key staff with their second factor, the DBG, analysts), warm each
worker, then for 60 s each client loops over its mix: key staff open released rugs and the
overview, the DBG opens the round dashboard, analysts upload their return to the open round.
Each client pauses 0.5-1.5 s between requests, as a person reading a page does
(`--think 0` makes them fire back to back, which measures the saturated service: on this 2-core
machine the load generator then competes with the server for the CPU). Prints requests per
second, p50/p95/p99 latency and errors per database.

    .venv/bin/python benchmarks/web_load.py [--seconds 60] [--clients 20] [--think 1.0] [--databases sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "tartan-demo-2026"
BACKUP = "20262026"
POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
POSTGRES_DB = "tartan_load"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare_database(kind: str, folder: Path, data: str = "web_load_data") -> dict[str, str]:
    """A fresh database loaded by ``data``'s ``populate`` (the demo by default); returns the
    environment the service runs with."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tartan.web.settings.bench",
        "TARTAN_DATA_DIR": str(folder / "var"),
    }
    env.pop("DATABASE_URL", None)
    if kind == "postgresql":
        import psycopg

        with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {POSTGRES_DB} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {POSTGRES_DB}")
        env["DATABASE_URL"] = f"postgresql://postgres@127.0.0.1:5432/{POSTGRES_DB}"
    script = (
        f"import sys; sys.path.insert(0, {str(ROOT / 'benchmarks')!r});"
        "import django; django.setup();"
        f"from pathlib import Path; from {data} import populate;"
        f"populate(Path({str(folder)!r}))"
    )
    subprocess.run([sys.executable, "-c", script], env=env, check=True, cwd=folder)
    return env


@dataclass
class Client:
    username: str
    kind: str  # "keystaff", "dbg" or "analyst"
    la_code: str
    http: httpx.Client = field(repr=False, default=None)  # type: ignore[assignment]


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)
    by_kind: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    client_cpu: float = 0.0  # seconds of CPU the clients themselves used

    def add(self, kind: str, seconds: float, problem: str | None) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.by_kind.setdefault(kind, []).append(seconds)
            if problem:
                self.errors.append(problem)


def sign_in(base: str, client: Client) -> None:
    http = httpx.Client(base_url=base, follow_redirects=True, timeout=30)
    page = http.get("/accounts/sign-in/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token, "no CSRF token on the sign-in page"
    page = http.post(
        "/accounts/sign-in/",
        data={
            "csrfmiddlewaretoken": token.group(1),
            "username": client.username,
            "password": PASSWORD,
        },
    )
    if "/two-factor/" in str(page.url):
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert token
        page = http.post(
            "/accounts/two-factor/", data={"csrfmiddlewaretoken": token.group(1), "token": BACKUP}
        )
    if page.status_code != 200 or "Welcome" not in page.text:
        raise RuntimeError(f"{client.username} could not sign in")
    client.http = http


def one_request(client: Client, urls: dict[str, object], results: Results, upload: bytes) -> None:
    start = time.perf_counter()
    problem = None
    try:
        if client.kind == "keystaff":
            url = random.choice(urls["rugs"])  # type: ignore[arg-type]
            response = client.http.get(url)
        elif client.kind == "dbg":
            response = client.http.get(str(urls["dashboard"]))
        else:
            form = client.http.get(str(urls["submit"]))
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
            response = client.http.post(
                str(urls["submit"]),
                data={"csrfmiddlewaretoken": token.group(1) if token else ""},
                files={"file": (f"{client.la_code}.csv", upload, "text/csv")},
            )
        if response.status_code != 200:
            problem = f"{response.status_code} {response.request.url}"
    except httpx.HTTPError as error:
        problem = f"{type(error).__name__}: {error}"
    results.add(client.kind, time.perf_counter() - start, problem)


def run(kind: str, seconds: int, clients_wanted: int, think: float) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = prepare_database(kind, folder)
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "tartan.web.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "3",
                "--threads",
                "8",
                "--worker-class",
                "gthread",
                "--log-level",
                "warning",
            ],
            env={**env, "DJANGO_SETTINGS_MODULE": "tartan.web.settings.bench"},
            cwd=folder,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    httpx.get(base + "/accounts/sign-in/", timeout=2)
                    break
                except httpx.HTTPError:
                    time.sleep(0.2)
            urls = json.loads((folder / "urls.json").read_text())
            plan = [Client(f"keystaff.{code}", "keystaff", code) for code in urls["keystaff"]][:12]
            plan += [Client(f"dbg.{n}", "dbg", "") for n in range(4)]
            plan += [Client(f"analyst.{code}", "analyst", code) for code in urls["analysts"]][:4]
            plan = plan[:clients_wanted]
            for client in plan:
                sign_in(base, client)
            uploads = {
                code: (folder / f"upload_{code}.csv").read_bytes() for code in urls["analysts"]
            }
            warm = Results()
            for client in plan:  # every worker builds its tables before the clock starts
                for _ in range(6):
                    one_request(client, urls, warm, uploads.get(client.la_code, b""))
            results = Results()
            stop = time.perf_counter() + seconds

            def loop(client: Client) -> None:
                while time.perf_counter() < stop:
                    one_request(client, urls, results, uploads.get(client.la_code, b""))
                    if think:
                        time.sleep(random.uniform(think / 2, think * 1.5))

            threads = [threading.Thread(target=loop, args=(client,)) for client in plan]
            began = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - began
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    latencies = sorted(results.latencies)
    quantiles = statistics.quantiles(latencies, n=100)
    return {
        "clients": len(plan),
        "requests": len(latencies),
        "per_second": len(latencies) / elapsed,
        "p50": quantiles[49] * 1000,
        "p95": quantiles[94] * 1000,
        "p99": quantiles[98] * 1000,
        "errors": len(results.errors),
        "first_error": results.errors[0] if results.errors else "",
        "kinds": {
            kind: (
                len(values),
                statistics.median(values) * 1000,
                statistics.quantiles(values, n=20)[18] * 1000,
            )
            for kind, values in results.by_kind.items()
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument(
        "--think", type=float, default=1.0, help="mean pause between a client's requests (s)"
    )
    args = parser.parse_args()
    print(
        f"{args.clients} clients for {args.seconds} s, pausing {args.think} s on average between requests"
    )
    for kind in args.databases.split(","):
        figures = run(kind, args.seconds, args.clients, args.think)
        print(
            f"{kind:>10}: {figures['clients']} clients, {args.seconds} s, {figures['requests']} requests, "
            f"{figures['per_second']:.1f} req/s, p50 {figures['p50']:.0f} ms, p95 {figures['p95']:.0f} ms, "
            f"p99 {figures['p99']:.0f} ms, errors {figures['errors']} {figures['first_error']}"
        )
        for kind, (count, p50, p95) in figures["kinds"].items():  # type: ignore[union-attr]
            print(f"{'':>12}{kind:>9}: {count} requests, p50 {p50:.0f} ms, p95 {p95:.0f} ms")
    print("target: p95 under 300 ms and zero errors on both")


if __name__ == "__main__":
    main()
