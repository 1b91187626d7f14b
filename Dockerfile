# Sportello: a slim image serving the GraphQL API. Choose a profile with SPORTELLO_CONFIG and point
# SPORTELLO_DATABASE_URL at PostgreSQL for production (SQLite in /data is for a single small site).
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY platform ./platform
COPY plugins ./plugins
RUN pip install --no-cache-dir --prefix=/install .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    SPORTELLO_CONFIG=/app/config/all.toml \
    SPORTELLO_DATABASE_URL=sqlite:///data/sportello.sqlite3 \
    SPORTELLO_DEBUG=false
COPY --from=build /install /usr/local
RUN useradd --system --uid 10001 --home /app sportello && mkdir -p /app /data && chown sportello /data
WORKDIR /app
COPY config ./config
USER 10001
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s \
    CMD ["python", "-c", "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health').status != 200)"]
# Migrations run at start; then one uvicorn process (more with --workers on PostgreSQL).
CMD ["sportello", "serve", "--migrate", "--host", "0.0.0.0", "--port", "8000"]
