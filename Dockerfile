# syntax=docker/dockerfile:1
# One image per service, from the same Dockerfile: `make images` builds
#   docker build --build-arg SERVICE=membership -t unionhub/membership:0.1.0 .
# The environment is installed from uv.lock exactly (--frozen), without development packages,
# as non-editable wheels; the runtime stage holds only the virtual environment and runs as
# the unprivileged user 10001 the manifests expect (runAsUser, readOnlyRootFilesystem).
ARG PYTHON_IMAGE=python:3.11.13-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ARG SERVICE
ARG UV_VERSION=0.13.8
ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN pip install --no-cache-dir "uv==${UV_VERSION}"
WORKDIR /src
COPY . .
RUN test -n "${SERVICE}" && test -f "services/${SERVICE}/pyproject.toml" \
    && uv sync --frozen --no-dev --no-editable --package "unionhub-${SERVICE}" \
    && "/app/bin/${SERVICE}" --help > /dev/null

FROM ${PYTHON_IMAGE} AS runtime
ARG SERVICE
ENV PATH=/app/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    UNIONHUB_SERVICE=${SERVICE}
RUN groupadd --gid 10001 unionhub \
    && useradd --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin unionhub
COPY --from=build /app /app
USER 10001:10001
EXPOSE 9464
# The manifests name the command (`<service> serve|relay|consume|migrate …`); alone, the
# image shows its service's commands.
CMD ["sh", "-c", "exec \"$UNIONHUB_SERVICE\" --help"]
