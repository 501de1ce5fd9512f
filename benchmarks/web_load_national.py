"""Load on a national instance (issue 15.7), on PostgreSQL by default.

A fresh database holds 153 LAs in the nine regional groups, 40 quarters each (the newest open),
and 1,500 accounts (benchmarks/web_load_national_data.py). The service runs under gunicorn (3
workers x 8 threads, production settings without HTTPS) with Redis as the shared cache when one
answers at 127.0.0.1:6379. 100 clients sign in: 40 LA key staff (their group's released rugs and
overviews), 20 DBG members (their group's dashboard), 20 analysts (upload to their group's open
round) and 20 DfE viewers (the national view, any group's rugs and overviews). Every worker is
warmed, then for the measured time each client loops with a person's pause between requests.
The same run then measures saturated throughput (no pauses) on the national instance and, for
comparison, on today's one-group demo (benchmarks/web_load.py's data).

    .venv/bin/python benchmarks/web_load_national.py [--seconds 60] [--clients 100] [--think 5]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import redis

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_load import Client as OneGroupClient
from web_load import Results, free_port, prepare_database
from web_load import run as one_group_run
from web_load import sign_in as sign_in_one


@dataclass
class Client:
    username: str
    kind: str  # keystaff, dbg, analyst, dfe
    group: str
    la_code: str = ""
    http: httpx.Client = field(repr=False, default=None)  # type: ignore[assignment]


def sign_in(base: str, client: Client) -> None:
    probe = OneGroupClient(client.username, client.kind, client.la_code)
    sign_in_one(base, probe)
    client.http = probe.http


def one_request(client: Client, urls: dict, results: Results, upload: bytes) -> None:
    start = time.perf_counter()
    problem = None
    group = urls["groups"][client.group]
    try:
        if client.kind == "keystaff":
            url = random.choice(group["rugs"] + group["overviews"])
            response = client.http.get(url)
        elif client.kind == "dbg":
            response = client.http.get(group["dashboard"])
        elif client.kind == "dfe":
            anywhere = urls["groups"][random.choice(list(urls["groups"]))]
            url = random.choice([urls["national"], *anywhere["overviews"], *anywhere["rugs"][:20]])
            response = client.http.get(url)
        else:
            form = client.http.get(group["submit"])
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
            response = client.http.post(
                group["submit"],
                data={"csrfmiddlewaretoken": token.group(1) if token else ""},
                files={"file": (f"{client.la_code}.csv", upload, "text/csv")},
            )
        if response.status_code != 200:
            problem = f"{response.status_code} {response.request.url}"
    except httpx.HTTPError as error:
        problem = f"{type(error).__name__}: {error}"
    results.add(client.kind, time.perf_counter() - start, problem)


def plan_clients(urls: dict, wanted: int) -> list[Client]:
    rng = random.Random(2026)
    groups = list(urls["groups"])
    plan: list[Client] = []
    for n in range(40):
        key = groups[n % len(groups)]
        code = rng.choice(urls["groups"][key]["codes"])
        plan.append(Client(f"la_key_staff.{code}.{n % 4}", "keystaff", key, code))
    for n in range(20):
        key = groups[n % len(groups)]
        plan.append(Client(f"dbg.{key}.{n // len(groups) % 4}", "dbg", key))
    for n in range(20):
        key = groups[n % len(groups)]
        code = urls["groups"][key]["codes"][n // len(groups) % 3]
        plan.append(Client(f"la_analyst.{code}.{n // 9 % 4}", "analyst", key, code))
    for n in range(20):
        plan.append(Client(f"dfe.{n}", "dfe", groups[0]))
    rng.shuffle(plan)
    return plan[:wanted]


def measure(plan, urls, uploads, seconds: float, think: float) -> tuple[Results, float]:
    results = Results()
    stop = time.perf_counter() + seconds

    def loop(client: Client) -> None:
        while time.perf_counter() < stop:
            one_request(client, urls, results, uploads.get(client.la_code, b""))
            if think:
                time.sleep(random.uniform(think / 2, think * 1.5))

    threads = [threading.Thread(target=loop, args=(c,)) for c in plan]
    began = time.perf_counter()
    cpu = time.process_time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # The clients run on the server's machine: what they use of its cores, the server has not.
    results.client_cpu = time.process_time() - cpu
    return results, time.perf_counter() - began


def summary(results: Results, elapsed: float) -> str:
    latencies = sorted(results.latencies)
    q = statistics.quantiles(latencies, n=100)
    text = (
        f"{len(latencies)} requests, {len(latencies) / elapsed:.1f} req/s, p50 {q[49] * 1000:.0f} ms, "
        f"p95 {q[94] * 1000:.0f} ms, p99 {q[98] * 1000:.0f} ms, errors {len(results.errors)}"
        f" {results.errors[0] if results.errors else ''}"
        f"\n{'':>14}the clients' own CPU: {results.client_cpu:.0f} s in {elapsed:.0f} s"
        f" ({results.client_cpu / elapsed:.0%} of a core, on the server's machine)"
    )
    for kind, values in sorted(results.by_kind.items()):
        p95 = statistics.quantiles(values, n=20)[18] * 1000 if len(values) > 1 else values[0] * 1000
        text += f"\n{'':>14}{kind:>9}: {len(values)} requests, p50 {statistics.median(values) * 1000:.0f} ms, p95 {p95:.0f} ms"
    return text


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--think", type=float, default=5.0, help="mean pause (s) between pages")
    parser.add_argument("--database", default="postgresql")
    parser.add_argument("--no-compare", action="store_true", help="skip the one-group run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        began = time.perf_counter()
        env = prepare_database(args.database, folder, "web_load_national_data")
        print(f"set-up (not measured): {time.perf_counter() - began:.0f} s")
        try:
            redis.Redis(host="127.0.0.1", port=6379, db=9).flushdb()
            env["TARTAN_CACHE_URL"] = "redis://127.0.0.1:6379/9"
            cache = "Redis"
        except redis.ConnectionError:
            cache = "memory per worker (no Redis answered)"
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "tartan.web.wsgi:application", "--bind",
             f"127.0.0.1:{port}", "--workers", "3", "--threads", "8", "--worker-class",
             "gthread", "--log-level", "warning", "--timeout", "120", "--keep-alive", "75"],
            env=env,
            cwd=folder,
        )  # fmt: skip
        # --keep-alive: gunicorn's 2 s default closes a connection while a client pausing 5 s
        # still holds it, and the request sent as it closes is reset (one or two a run).
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(150):
                try:
                    httpx.get(base + "/accounts/sign-in/", timeout=2)
                    break
                except httpx.HTTPError:
                    time.sleep(0.2)
            urls = json.loads((folder / "urls.json").read_text())
            plan = plan_clients(urls, args.clients)
            for client in plan:
                sign_in(base, client)
            uploads = {p.name[7:10]: p.read_bytes() for p in folder.glob("upload_*.csv")}
            warming = time.perf_counter()
            warm = Results()
            for key, group in urls["groups"].items():  # every table built before the clock
                warmer = next(c for c in plan if c.kind == "dfe")
                for url in group["overviews"]:
                    for _ in range(3):
                        warmer.http.get(url)
                del key
            for client in plan:
                for _ in range(3):
                    one_request(client, urls, warm, uploads.get(client.la_code, b""))
            print(f"warm-up: {time.perf_counter() - warming:.0f} s; cache: {cache}")
            results, elapsed = measure(plan, urls, uploads, args.seconds, args.think)
            print(
                f"national, {len(plan)} clients, pauses {args.think} s on average, {args.seconds} s:\n"
                f"  {summary(results, elapsed)}"
            )
            saturated, elapsed = measure(plan[:20], urls, uploads, min(args.seconds, 30), 0)
            print(f"national, saturated (20 clients, no pauses):\n  {summary(saturated, elapsed)}")
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    if not args.no_compare:
        figures = one_group_run(args.database, min(args.seconds, 30), 20, 0)
        print(
            f"one group (today's demo), saturated (20 clients, no pauses): {figures['requests']} requests, "
            f"{figures['per_second']:.1f} req/s, p95 {figures['p95']:.0f} ms, errors {figures['errors']}"
        )
    print("target: p95 under 300 ms and zero errors with people's pauses")


if __name__ == "__main__":
    main()
