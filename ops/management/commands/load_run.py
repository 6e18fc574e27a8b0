"""`make load`: gunicorn with the production settings on loopback, and simulated users for a while.

Prints requests per second, the median and p95 time and the errors of every page and in total,
and checks the targets (no errors, p95 under 300 ms). With --restart-postgres-at it restarts the
PostgreSQL cluster during the run and prints the errors of every second: requests may fail while
the database is down, and must all succeed again once it is back.
"""

import json
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from accounts.demo import DEMO_PASSWORD
from accounts.models import Membership, Role, User
from ops.loadtest.client import LOGIN_PATH, Browser
from ops.loadtest.run import run_load, summary_rows, timeline

# How the 50 simulated users divide among the roles: many mentors and curators, a few coordinators.
ROLE_SHARES = {Role.CURATOR: 0.3, Role.DIRECTOR: 0.2, Role.MENTOR: 0.4, Role.COORDINATOR: 0.1}
P95_TARGET_MS = 300
RESTART_COMMAND = ["pg_ctlcluster", "--skip-systemctl-redirect", "15", "main", "restart"]
# Requests already waiting when the database comes back may still fail for a moment.
RECOVERY_GRACE_SECONDS = 2.0


def cpu_seconds() -> dict[str, float]:
    """CPU time used so far by this process (the simulated users), by its finished children (the
    gunicorn servers, counted once stopped) and by the whole machine (Linux; 0 elsewhere)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
        # user, nice, system, idle, iowait, irq, softirq, steal: busy is all but idle and iowait.
        ticks = [int(value) for value in fields[:8]]
        machine = (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        machine = 0.0
    return {
        "users": own.ru_utime + own.ru_stime,
        "servers": children.ru_utime + children.ru_stime,
        "machine": machine,
    }


class Command(BaseCommand):
    help = "Load test: gunicorn with the production settings and simulated users of the four roles."

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=50)
        parser.add_argument("--seconds", type=float, default=60)
        parser.add_argument("--port", type=int, default=18765)
        parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
        parser.add_argument("--password", default=DEMO_PASSWORD, help="the password of the users of the dataset")
        parser.add_argument("--username-prefix", default="", help="simulate only the users whose login starts so")
        parser.add_argument(
            "--set-password",
            action="store_true",
            help="give the simulated users --password first (the benchmark's users have none)",
        )
        parser.add_argument("--dataset", default="", help="the name of the dataset, printed with the results")
        parser.add_argument(
            "--think",
            type=float,
            nargs=2,
            default=(1.0, 4.0),
            metavar=("MIN", "MAX"),
            help="seconds a user pauses between two clicks",
        )
        parser.add_argument("--ramp", type=float, default=10.0, help="seconds over which the users arrive")
        parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
        parser.add_argument(
            "--restart-postgres-at",
            type=float,
            default=None,
            metavar="SECONDS",
            help="restart the PostgreSQL cluster 15/main this many seconds into the run (fault test)",
        )

    def handle(self, *args, **options):
        if settings.DEBUG:
            raise CommandError("Run the load test with the production settings: DEBUG=0.")
        if connection.vendor != "postgresql":
            raise CommandError("Run the load test against PostgreSQL: set DATABASE_URL=postgres://…")
        users = self.pick_users(options["users"], options["username_prefix"])
        if options["set_password"]:
            # One hash for all: hashing is deliberately slow.
            User.objects.filter(username__in={username for _, username in users}).update(
                password=make_password(options["password"])
            )
        load_before = os.getloadavg()[0]
        cpu_before = cpu_seconds()
        host, port = "127.0.0.1", options["port"]
        log_dir = Path(tempfile.mkdtemp(prefix="mentoring-load-"))
        # Connections of this process must not outlive the restart of the fault test.
        connection.close()
        server = self.start_gunicorn(host, port, options["workers"], log_dir / "gunicorn.log")
        try:
            self.wait_until_up(host, port, server)
            restart = {}
            if options["restart_postgres_at"] is not None:
                restarter = threading.Thread(
                    target=self.restart_postgres, args=(options["restart_postgres_at"], restart), daemon=True
                )
                restarter.start()
            recorder = run_load(
                users=users,
                password=options["password"],
                host=host,
                port=port,
                seconds=options["seconds"],
                think=tuple(options["think"]),
                ramp=options["ramp"],
            )
        finally:
            self.stop_gunicorn(server)
        cpu = {name: spent - cpu_before[name] for name, spent in cpu_seconds().items()}
        if options["restart_postgres_at"] is not None:
            restarter.join()
            ok = self.report_faults(recorder, restart, options["seconds"])
        else:
            ok = self.report_load(recorder, options, users)
        # The machine may be shared: its load says how much of it the run had.
        load_after = os.getloadavg()[0]
        self.stdout.write(f"Load average (1 min) of the machine: {load_before:.1f} before, {load_after:.1f} after")
        # Where the machine's CPU went: on a small machine the simulated users compete with the app.
        self.stdout.write(
            f"CPU seconds: simulated users {cpu['users']:.0f}, gunicorn {cpu['servers']:.0f}, "
            f"rest of the machine (PostgreSQL, …) {max(0.0, cpu['machine'] - cpu['users'] - cpu['servers']):.0f}; "
            f"{os.cpu_count()} CPUs × {options['seconds']:.0f} s = {(os.cpu_count() or 1) * options['seconds']:.0f}"
        )
        self.stdout.write(f"Server log: {log_dir / 'gunicorn.log'}")
        if not ok:
            raise CommandError("The run missed its targets (see above).")

    def pick_users(self, count: int, prefix: str) -> list[tuple[str, str]]:
        """(role, username) of `count` simulated users, spread over the logins of each role."""
        picked = []
        for role, share in ROLE_SHARES.items():
            logins = list(
                Membership.objects.filter(role=role, user__is_active=True, user__username__startswith=prefix)
                .order_by("user__username")
                .values_list("user__username", flat=True)
                .distinct()[:count]
            )
            if not logins:
                raise CommandError(f"The database has no {role.label}: load a dataset first.")
            for index in range(max(1, round(count * share))):
                picked.append((role.value, logins[index % len(logins)]))
        return picked[:count]

    def start_gunicorn(self, host, port, workers, log_path):
        command = [
            sys.executable, "-m", "gunicorn", "mentoring.wsgi:application",
            "--bind", f"{host}:{port}", "--workers", str(workers), "--timeout", "60",
            "--log-level", "warning", "--error-logfile", str(log_path),
        ]  # fmt: skip
        self.stdout.write(f"gunicorn on http://{host}:{port} with {workers} workers (log {log_path})")
        with socket.socket() as probe:
            # A server left on the port would answer in place of ours.
            if probe.connect_ex((host, port)) == 0:
                raise CommandError(f"Something already listens on {host}:{port}; choose another --port.")
        return subprocess.Popen(command, cwd=settings.BASE_DIR, env=os.environ.copy(), start_new_session=True)

    def stop_gunicorn(self, server):
        server.terminate()
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            # The workers too: an orphaned worker would keep the port and answer the next run.
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()

    def wait_until_up(self, host, port, server, timeout=60.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise CommandError("gunicorn stopped at start-up: see its log.")
            try:
                if Browser(host, port, timeout=5).get(LOGIN_PATH).status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise CommandError("gunicorn did not answer within a minute.")

    def restart_postgres(self, at: float, restart: dict) -> None:
        started = time.monotonic()
        time.sleep(at)
        restart["from"] = at
        result = subprocess.run(RESTART_COMMAND, capture_output=True, text=True, check=False)
        restart["to"] = time.monotonic() - started
        restart["output"] = (result.stdout + result.stderr).strip()
        restart["code"] = result.returncode

    def report_load(self, recorder, options, users) -> bool:
        samples = recorder.samples
        rows = summary_rows(samples)
        roles = {}
        for role, _ in users:
            roles[role] = roles.get(role, 0) + 1
        seconds = options["seconds"]
        total = rows[-2]
        self.stdout.write("")
        self.stdout.write(
            f"Dataset: {options['dataset'] or settings.DATABASES['default']['NAME']}; "
            f"{len(users)} users ({', '.join(f'{n} {r}' for r, n in roles.items())}) for {seconds:.0f} s, "
            f"arriving over {options['ramp']:g} s, pauses {options['think'][0]:g}–{options['think'][1]:g} s, "
            f"{options['workers']} gunicorn workers"
        )
        header = f"{'page':<34}{'requests':>9}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}{'errors':>8}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for page, count, median, p95, slowest, errors in rows:
            if page == "TOTAL":  # the two totals follow the pages
                self.stdout.write("-" * len(header))
            self.stdout.write(f"{page:<34}{count:>9}{median:>11.0f}{p95:>9.0f}{slowest:>9.0f}{errors:>8}")
        rate = total[1] / seconds
        self.stdout.write(f"Requests per second: {rate:.1f}")
        kinds = sorted({sample.error for sample in samples if sample.error})
        if kinds:
            self.stdout.write(f"Errors: {', '.join(kinds)}")
        ok = total[5] == 0 and total[3] < P95_TARGET_MS and total[1] > 0
        verdict = "met" if ok else "MISSED"
        self.stdout.write(f"Targets (no errors, p95 < {P95_TARGET_MS} ms): {verdict}")
        if options["json"]:
            options["json"].write_text(
                json.dumps(
                    {
                        "dataset": options["dataset"],
                        "users": len(users),
                        "seconds": seconds,
                        "requests_per_second": rate,
                        "pages": [
                            dict(zip(("page", "requests", "median_ms", "p95_ms", "max_ms", "errors"), row, strict=True))
                            for row in rows
                        ],
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
        return ok

    def report_faults(self, recorder, restart, seconds) -> bool:
        if restart.get("code") != 0:
            self.stdout.write(f"The restart failed: {restart.get('output')}")
            return False
        down, up = restart["from"], restart["to"]
        self.stdout.write("")
        self.stdout.write(f"PostgreSQL restart from {down:.1f} s to {up:.1f} s of the run")
        self.stdout.write(f"{'second':>6}{'requests':>10}{'errors':>8}  ")
        late_errors = 0
        for second, total, errors, kinds in timeline(recorder.samples, seconds):
            mark = " <- restart" if down - 1 < second <= up + 1 else ""
            self.stdout.write(f"{second:>6}{total:>10}{errors:>8}  {'#' * errors}{mark}  {', '.join(sorted(kinds))}")
        for sample in recorder.samples:
            if sample.error and not (down - 0.5 <= sample.at <= up + RECOVERY_GRACE_SECONDS):
                late_errors += 1
        after = [sample for sample in recorder.samples if sample.at > up + RECOVERY_GRACE_SECONDS]
        recovered = bool(after) and all(not sample.error for sample in after)
        total_errors = sum(1 for sample in recorder.samples if sample.error)
        self.stdout.write(
            f"Errors: {total_errors} in all, {late_errors} outside the outage; "
            f"{len(after)} requests after it, {'all succeeded' if recovered else 'NOT all succeeded'}"
        )
        return late_errors == 0 and recovered
