# KaTeX (math in questions, with mhchem) and the Tinos font (printed papers) come from the npm
# registry, pinned by package-lock.json.
FROM node:20-bookworm-slim AS static
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund && mkdir -p vendor/katex/contrib vendor/fonts/tinos \
 && cp node_modules/katex/dist/katex.min.js node_modules/katex/dist/katex.min.css node_modules/katex/LICENSE vendor/katex/ \
 && cp node_modules/katex/dist/contrib/auto-render.min.js node_modules/katex/dist/contrib/mhchem.min.js vendor/katex/contrib/ \
 && cp -r node_modules/katex/dist/fonts vendor/katex/fonts \
 && for s in latin latin-ext vietnamese; do for w in 400 700; do for st in normal italic; do \
      cp node_modules/@fontsource/tinos/files/tinos-$s-$w-$st.woff2 vendor/fonts/tinos/; done; done; done \
 && cp node_modules/@fontsource/tinos/LICENSE vendor/fonts/tinos/

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
# Chromium prints papers, marking guides and answer sheets to PDF (Celery worker).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core chromium \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /srv/app
COPY pyproject.toml README.md ./
COPY config config
COPY lms lms
COPY content content
COPY question_bank question_bank
COPY search search
COPY templates templates
COPY static static
COPY --from=static /build/vendor static/vendor
COPY manage.py ./
RUN pip install --no-cache-dir . && useradd --system hoclieu && mkdir -p /srv/media /srv/static && chown hoclieu /srv/media /srv/static
USER hoclieu
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000"]
