"""gunicorn settings for production (`make serve`) and for the benchmarks (bench/run)."""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Threaded workers keep connections alive behind nginx and overlap database waits.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A worker stuck on one request for 30 s is restarted (nginx waits 35 s, deploy/nginx.conf);
# idle keep-alive connections close after 5 s (nginx drops its idle ones after 4 s). Slow
# clients never reach gunicorn: nginx reads whole requests first (tests/stack/test_slow_clients.py).
keepalive = 5
# One limit on a request line's length, nginx's (large_client_header_buffers 8k: up to 8190
# bytes): gunicorn's own default (4094) would answer a longer search or admin list URL that
# nginx let through with its bare English "URI Too Long" (tests/stack/test_long_urls.py).
# 8190 is the most gunicorn allows.
limit_request_line = 8190
timeout = 30
graceful_timeout = 20
# Import Django once in the master: a worker (re)starts by forking, in milliseconds, instead of
# importing the whole application again (which costs a second or more of CPU).
preload_app = True
# Workers are not recycled by default: a recycled worker drops the keep-alive connections it
# holds, which a reader under load sees as an error. Set GUNICORN_MAX_REQUESTS (e.g. 200000) to
# recycle each worker after that many requests if memory ever creeps up.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "warning")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def pre_fork(server, worker):
    # Objects created while importing live for the whole process: keep them out of the garbage
    # collector's scans (and their pages shared between the workers).
    gc.freeze()
