# kpmap as an image: docker build -t kpmap . && docker run --rm -p 8501:8501 kpmap
# One process per container; run several behind a load balancer with sticky sessions (deploy/).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    # The data to serve: the bundled copy, or a read-only volume mounted over /data.
    KPMAP_DATA_DIR=/data \
    # Empty: the default light basemap; "none" for none (closed networks); or an XYZ URL template.
    KPMAP_TILES="" \
    KPMAP_TILES_ATTRIBUTION=""

WORKDIR /app
# The app's locked dependencies first (a layer that changes rarely), then kpmap itself.
COPY requirements/app.txt requirements/app.txt
RUN pip install --require-hashes -r requirements/app.txt
COPY pyproject.toml README.md LICENSE ./
COPY src ./src
COPY data ./data
RUN pip install --no-deps . && rm -rf build src/*.egg-info
COPY app.py navigation.py ./
COPY views ./views
COPY assets ./assets
COPY .streamlit ./.streamlit
COPY data /data

RUN useradd --uid 10001 --no-create-home --home-dir /app --shell /usr/sbin/nologin kpmap
USER kpmap

EXPOSE 8501
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=2)"
# 0.0.0.0 inside the container only; publish the port on the host as you choose.
CMD ["python", "-m", "streamlit", "run", "app.py", "--server.address", "0.0.0.0", "--server.port", "8501"]
