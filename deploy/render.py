#!/usr/bin/env python3
"""Render Dugnad's server configuration for one installation into a folder laid out like /.

    python3 deploy/render.py --domain dugnad.example --out /tmp/dugnad-config
    python3 deploy/render.py --domain dugnad.example --out /tmp/dugnad-config \
        --custom-domain frivillig.example.no

writes, under the output folder, etc/dugnad/environment (fresh SECRET_KEY and database
password, only when that file does not exist there yet), etc/nginx/sites-available/,
etc/nginx/snippets/, etc/systemd/system/ and etc/postgresql/<version>/main/conf.d/. The
operator copies them into place as deploy/README.md shows. Standard library only: it runs
with Debian's python3 before the application's .venv exists.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import sys
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent
HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
PLACEHOLDER = re.compile(r"@[A-Z_]+@")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--domain", required=True, help="platform domain, e.g. dugnad.example")
    parser.add_argument("--out", required=True, type=Path, help="folder to write into")
    parser.add_argument("--app-dir", default="/srv/dugnad", help="where the code is checked out")
    parser.add_argument("--user", default="dugnad", help="system user the services run as")
    parser.add_argument("--custom-domain", action="append", default=[], help="a centre's domain")
    parser.add_argument(
        "--web-instances",
        type=int,
        default=0,
        help="gunicorn instances, each host always on the same one (0: one per core of this "
        "machine)",
    )
    parser.add_argument(
        "--web-workers", type=int, default=2, help="gunicorn workers per instance (default 2)"
    )
    parser.add_argument(
        "--first-port",
        type=int,
        default=8001,
        help="the first instance's port on 127.0.0.1; the others follow (default 8001)",
    )
    parser.add_argument("--pg-version", default="17", help="PostgreSQL major version (Debian)")
    parser.add_argument("--letsencrypt-dir", default="/etc/letsencrypt/live")
    parser.add_argument("--acme-root", default="/var/www/acme")
    parser.add_argument("--nginx-snippets", default="/etc/nginx/snippets")
    args = parser.parse_args(argv)
    args.domain = args.domain.strip().lower()
    args.custom_domain = [host.strip().lower() for host in args.custom_domain]
    for host in [args.domain, *args.custom_domain]:
        if not HOST.match(host):
            parser.error(f"not a host name: {host!r}")
    args.web_instances = args.web_instances or os.cpu_count() or 1
    if not 1 <= args.web_instances <= 64 or not 1 <= args.web_workers <= 64:
        parser.error("--web-instances and --web-workers: from 1 to 64")
    if not 1024 <= args.first_port <= 65535 - args.web_instances:
        parser.error(f"not a free port range from {args.first_port}")
    if not re.fullmatch(r"[a-z_][a-z0-9_-]{0,31}", args.user):
        parser.error(f"not a user name: {args.user!r}")
    return args


def fill(template: str, values: dict[str, str]) -> str:
    for name, value in values.items():
        template = template.replace(f"@{name}@", value)
    left = sorted(set(PLACEHOLDER.findall(template)))
    if left:
        raise ValueError(f"placeholders without a value: {', '.join(left)}")
    return template


def render(args: argparse.Namespace) -> list[Path]:
    """Write every file; return the paths written."""
    ports = range(args.first_port, args.first_port + args.web_instances)
    values = {
        "PLATFORM_DOMAIN": args.domain,
        "APP_DIR": args.app_dir.rstrip("/"),
        "APP_USER": args.user,
        "CUSTOM_DOMAINS": ",".join(args.custom_domain),
        # gunicorn reads WEB_CONCURRENCY itself and fails on an empty value: always a number.
        "WEB_CONCURRENCY": str(args.web_workers),
        "WEB_INSTANCE_UNITS": " ".join(f"dugnad-web@{port}.service" for port in ports),
        "WEB_UPSTREAM_SERVERS": "\n".join(
            f"    server 127.0.0.1:{port} fail_timeout=0;" for port in ports
        ),
        "PG_VERSION": args.pg_version,
        "LETSENCRYPT_DIR": args.letsencrypt_dir.rstrip("/"),
        "ACME_ROOT": args.acme_root.rstrip("/"),
        "NGINX_SNIPPETS": args.nginx_snippets.rstrip("/"),
    }
    out = args.out
    files: dict[str, str] = {
        "etc/nginx/sites-available/dugnad.conf": fill(
            (DEPLOY / "nginx" / "dugnad.conf").read_text(), values
        ),
        "etc/nginx/conf.d/dugnad-http.conf": fill(
            (DEPLOY / "nginx" / "dugnad-http.conf").read_text(), values
        ),
        "etc/nginx/snippets/dugnad-proxy.conf": fill(
            (DEPLOY / "nginx" / "dugnad-proxy.conf").read_text(), values
        ),
        f"etc/postgresql/{args.pg_version}/main/conf.d/dugnad.conf": fill(
            (DEPLOY / "postgresql" / "dugnad.conf").read_text(), values
        ),
        "etc/systemd/system/postgresql@.service.d/dugnad.conf": fill(
            (DEPLOY / "postgresql" / "limits.conf").read_text(), values
        ),
    }
    for host in args.custom_domain:
        files[f"etc/nginx/sites-available/dugnad-{host}.conf"] = fill(
            (DEPLOY / "nginx" / "custom-domain.conf").read_text(), {**values, "CUSTOM_DOMAIN": host}
        )
    for unit in sorted((DEPLOY / "systemd").iterdir()):
        if unit.suffix in {".service", ".timer", ".target"}:
            files[f"etc/systemd/system/{unit.name}"] = fill(unit.read_text(), values)
    environment = out / "etc/dugnad/environment"
    if not environment.exists():
        secret_values = {
            **values,
            "SECRET_KEY": secrets.token_urlsafe(64),
            "DATABASE_PASSWORD": secrets.token_urlsafe(24),
        }
        files["etc/dugnad/environment"] = fill((DEPLOY / "environment").read_text(), secret_values)
    written = []
    for relative, text in files.items():
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        if relative == "etc/dugnad/environment":
            path.chmod(0o640)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    for path in render(args):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
