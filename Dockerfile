# KaTeX (math in questions, with mhchem), the Tinos font (printed papers), pdf.js and epub.js
# with JSZip (library reader), DejaVu Sans (PDFs written by code) and Swagger UI (the API
# explorer) come from the npm registry, pinned by package-lock.json.
FROM node:20-bookworm-slim AS static
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund && mkdir -p vendor/katex/contrib vendor/fonts/tinos \
 && cp node_modules/katex/dist/katex.min.js node_modules/katex/dist/katex.min.css node_modules/katex/LICENSE vendor/katex/ \
 && cp node_modules/katex/dist/contrib/auto-render.min.js node_modules/katex/dist/contrib/mhchem.min.js vendor/katex/contrib/ \
 && cp -r node_modules/katex/dist/fonts vendor/katex/fonts \
 && for s in latin latin-ext vietnamese; do for w in 400 700; do for st in normal italic; do \
      cp node_modules/@fontsource/tinos/files/tinos-$s-$w-$st.woff2 vendor/fonts/tinos/; done; done; done \
 && cp node_modules/@fontsource/tinos/LICENSE vendor/fonts/tinos/ \
 && mkdir -p vendor/pdfjs vendor/epubjs vendor/fonts/dejavu \
 && cp node_modules/pdfjs-dist/legacy/build/pdf.min.mjs node_modules/pdfjs-dist/legacy/build/pdf.worker.min.mjs \
      node_modules/pdfjs-dist/LICENSE vendor/pdfjs/ \
 && for d in cmaps standard_fonts wasm iccs; do cp -r node_modules/pdfjs-dist/$d vendor/pdfjs/$d; done \
 && cp node_modules/epubjs/dist/epub.min.js node_modules/jszip/dist/jszip.min.js vendor/epubjs/ \
 && cp node_modules/epubjs/license vendor/epubjs/LICENSE \
 && cp node_modules/jszip/LICENSE.markdown vendor/epubjs/LICENSE-jszip.md \
 && cp node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf node_modules/dejavu-fonts-ttf/LICENSE vendor/fonts/dejavu/ \
 && mkdir -p vendor/swagger-ui \
 && cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css \
      node_modules/swagger-ui-dist/favicon-32x32.png node_modules/swagger-ui-dist/LICENSE \
      node_modules/swagger-ui-dist/NOTICE vendor/swagger-ui/

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
# Chromium prints papers, marking guides and answer sheets to PDF (Celery worker).
# libreoffice-draw-nogui: Word imports turn WMF/EMF equation previews into PNG (question_bank/formats/docx/wmf.py)
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core chromium libreoffice-draw-nogui \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /srv/app
COPY pyproject.toml README.md ./
COPY config config
# The apps, bottom layer first (docs/architecture.md); the demo app is for development only.
COPY common common
COPY accounts accounts
COPY curriculum curriculum
COPY question_bank question_bank
COPY content content
COPY lms lms
COPY search search
COPY locale locale
COPY templates templates
COPY static static
COPY --from=static /build/vendor static/vendor
COPY manage.py ./
RUN pip install --no-cache-dir . && useradd --system hoclieu && mkdir -p /srv/media /srv/private-media /srv/static && chown hoclieu /srv/media /srv/private-media /srv/static
USER hoclieu
EXPOSE 8000
CMD ["gunicorn", "-c", "config/gunicorn.py", "config.wsgi:application"]
