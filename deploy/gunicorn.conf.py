"""gunicorn settings for Dugnad (gunicorn is pinned in pyproject.toml; ADR 0019).

Started by deploy/systemd/dugnad-web@.service from the application folder, once per instance:
`.venv/bin/gunicorn --config deploy/gunicorn.conf.py --bind 127.0.0.1:<port>`. Values come
from /etc/dugnad/environment.
"""

import os

wsgi_app = "config.wsgi:application"
# platform/ holds the `config`, `toolkit` packages; the folder itself holds the apps.
pythonpath = "platform,."
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")

# Sync workers per instance: every request is a few short queries to PostgreSQL on the same
# machine. The deploy runs one instance per core, each serving its share of the hosts (nginx:
# `hash $host consistent`), with 2 workers each, so that a core stays busy while a worker
# waits for the database; bench/load measures this on 2 cores. WEB_CONCURRENCY overrides
# (deploy/SCALING.md).
workers = int(os.environ.get("WEB_CONCURRENCY") or 0) or 2
worker_class = "sync"
timeout = 30
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then: a worker's server connection caches the catalogue of every
# centre schema it has served (about 75 MB for 477 centres, half that with the hosts split
# over two instances; measured by bench/load), and a new worker starts with a new connection.
max_requests = 2000
max_requests_jitter = 200
# Load the application once in the master (faster restarts, shared memory); the database
# pool is created per worker on first use, so no connection crosses a fork.
preload_app = True

# nginx on the same machine sets X-Forwarded-Proto; trust it from there only.
forwarded_allow_ips = "127.0.0.1"
proxy_allow_ips = "127.0.0.1"
accesslog = None  # nginx logs requests
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
proc_name = "dugnad-web"
# No control socket (gunicornc): every instance would share $HOME/.gunicorn/gunicorn.ctl, in
# the application folder, which the unit keeps read-only (ProtectSystem=strict).
control_socket_disable = True
