"""gunicorn's configuration for bin/serve (``gunicorn -c python:netra.ops.gunicorn_conf``).

Everything can be changed from the environment: BIND, WEB_CONCURRENCY (worker processes; gunicorn
reads it itself), GUNICORN_CMD_ARGS for anything else. Access and error logs are JSON lines through
the same scrubbing filter as Django's (netra/ops/logs.py); the access log leaves out the client's
address and user agent, which could identify a reporter, and the filter removes receipts from paths.
"""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", str(2 * (os.cpu_count() or 1) + 1)))
worker_class = "sync"  # every request is short; long work goes to the task workers
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5  # behind the load balancer's keep-alive connections
# Recycle workers now and then so that no slow leak accumulates; jitter avoids all at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
# X-Forwarded-* are trusted from the load balancer on this machine only (docs/deploy.md).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = "-" if os.environ.get("NETRA_ACCESS_LOG", "1") != "0" else None
access_log_format = '"%(r)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

_json_handler = {
    "class": "logging.StreamHandler",
    "formatter": "json",
    "filters": ["scrub"],
}
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"scrub": {"()": "netra.ops.logs.ScrubSensitive"}},
    "formatters": {"json": {"()": "netra.ops.logs.JsonFormatter"}},
    "handlers": {
        "access": {**_json_handler, "stream": "ext://sys.stdout"},
        "error": {**_json_handler, "stream": "ext://sys.stderr"},
        # gunicorn's own defaults send the root logger to a handler of this name.
        "console": {**_json_handler, "stream": "ext://sys.stderr"},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "gunicorn.error": {"handlers": ["error"], "level": loglevel.upper(), "propagate": False},
        "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
    },
}
