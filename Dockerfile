# syntax=docker/dockerfile:1
# specimen in a container: the HTTP server by default (CMD), the daily clock with `specimen clock` (compose.yaml runs
# both from this one image). The builder installs the locked dependencies and builds the wheel; the runtime image
# gets the virtualenv only: the catalog is inside the wheel, so no source file is copied into it.
ARG PYTHON_VERSION=3.11

FROM python:${PYTHON_VERSION}-slim-bookworm AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/specimen
WORKDIR /src
# The lock first, so that a change to the code alone reuses this layer.
COPY requirements.lock ./
RUN /opt/specimen/bin/pip install --require-hashes -r requirements.lock
# What building the wheel reads (bot/catalog is a link to records/); tests/e2e/test_wheel.py builds from the same.
COPY pyproject.toml README.md LICENSE ./
COPY records ./records
COPY bot ./bot
RUN /opt/specimen/bin/pip wheel --no-deps --no-build-isolation --wheel-dir /wheels . \
    && /opt/specimen/bin/pip install --no-deps --no-index /wheels/specimen-*.whl

FROM python:${PYTHON_VERSION}-slim-bookworm
ENV PATH=/opt/specimen/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PORT=3000 \
    XDG_DATA_HOME=/data
# A user of its own, by number (so that a platform can check it is not root without reading /etc/passwd).
RUN groupadd --system --gid 10001 specimen \
    && useradd --system --uid 10001 --gid 10001 --create-home --home-dir /home/specimen specimen \
    && mkdir /data && chown 10001:10001 /data
COPY --from=builder /opt/specimen /opt/specimen
USER 10001:10001
WORKDIR /home/specimen
EXPOSE 3000
# No curl in a slim image: the standard library asks /healthz (urlopen fails on anything but a 2xx answer).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '3000'), timeout=4)"
CMD ["specimen", "serve"]
