"""The Kubernetes manifests under deploy/, validated offline.

A small kustomize renderer (resources, strategic-merge patches matched by kind and name, image
tags, labels, namespace) builds each overlay; the tests then check what a cluster would get.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.core
import typer.main
import yaml
from assistance.entrypoints.cli import app as assistance_cli
from disputes.entrypoints.cli import app as disputes_cli
from membership.entrypoints.cli import app as membership_cli
from portal.entrypoints.cli import app as portal_cli
from reporting.entrypoints.cli import app as reporting_cli
from shared.lifecycle import STOP_BOUND_SECONDS
from shared.service import ServiceDescription, load
from shared.settings import DEV_SECRETS, PersonLinkSettings
from training.entrypoints.cli import app as training_cli

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
OVERLAYS = ("dev", "production")
KUSTOMIZATIONS = sorted(DEPLOY.rglob("kustomization.yaml"))
SUPPORTED_FIELDS = {"apiVersion", "kind", "namespace", "labels", "resources", "patches", "images"}
SECRET_SETTINGS = (
    "DATABASE_URL",
    "NATS_URL",
    "JWT_PUBLIC_KEY",
    "JWT_SECRET",
    "PII_KEY",
    "BLIND_INDEX_KEY",
    "PERSON_LINK_KEY",
)
METRICS_PORT = 9464
# Each service: its CLI (every container command must exist in it) and the API's port.
SERVICES: dict[str, tuple[typer.Typer, int]] = {
    "membership": (membership_cli, 8101),
    "assistance": (assistance_cli, 8102),
    "training": (training_cli, 8104),
    "disputes": (disputes_cli, 8103),
    "reporting": (reporting_cli, 8100),
    "portal": (portal_cli, 8080),
}
# Relays and consumers serve no HTTP but their metrics port.
WORKERS_WITHOUT_HTTP = {
    "membership-relay",
    "assistance-relay",
    "assistance-consumer",
    "training-relay",
    "training-consumer",
    "disputes-relay",
    "disputes-consumer",
    "reporting-consumer",
}
KEY_LIKE = re.compile(r"-----BEGIN|://[^/\s:@]+:[^/\s@]+@|^[A-Za-z0-9+/_=-]{24,}$")

Manifest = dict[str, Any]


def uses_nats(service: str) -> bool:
    """Whether the service's description has it publish, provision or consume."""
    description: ServiceDescription = load(f"{service}.entrypoints.service:SERVICE")
    return description.uses_nats


def links_people(service: str) -> bool:
    """Whether the service's settings hold the person link key (training, assistance)."""
    description: ServiceDescription = load(f"{service}.entrypoints.service:SERVICE")
    return issubclass(description.settings, PersonLinkSettings)


def secret_settings(service: str) -> tuple[str, ...]:
    """The secret settings every API container of ``service`` reads."""
    return tuple(
        s
        for s in SECRET_SETTINGS
        if (s != "NATS_URL" or uses_nats(service))
        and (s != "PERSON_LINK_KEY" or links_people(service))
    )


def documents(path: Path) -> list[Manifest]:
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]


def render(directory: Path) -> list[Manifest]:
    spec = documents(directory / "kustomization.yaml")[0]
    assert set(spec) <= SUPPORTED_FIELDS, f"renderer lacks {set(spec) - SUPPORTED_FIELDS}"
    objects: list[Manifest] = []
    for entry in spec.get("resources", []):
        target = directory / entry
        objects += render(target) if target.is_dir() else documents(target)
    for patch in spec.get("patches", []):
        for change in documents(directory / patch["path"]):
            index = find_index(objects, change["kind"], change["metadata"]["name"])
            objects[index] = merge(objects[index], change)
    set_image_tags(objects, spec.get("images", []))
    add_labels(objects, spec.get("labels", []))
    for obj in objects:
        if "namespace" in spec and obj["kind"] != "Namespace":
            obj["metadata"]["namespace"] = spec["namespace"]
    return objects


def set_image_tags(objects: list[Manifest], images: list[Manifest]) -> None:
    for image in images:
        for container in all_containers(objects):
            if container["image"].partition(":")[0] == image["name"]:
                container["image"] = f"{image.get('newName', image['name'])}:{image['newTag']}"


def add_labels(objects: list[Manifest], labels: list[Manifest]) -> None:
    for label in labels:
        for obj in objects:
            targets = [obj] + (templates(obj) if label.get("includeTemplates") else [])
            for target in targets:
                target.setdefault("metadata", {}).setdefault("labels", {}).update(label["pairs"])


def merge(base: Any, patch: Any) -> Any:
    """Strategic merge: maps recursively (a key patched to null is removed), lists of named
    objects by ``name``, the rest replaced."""
    if isinstance(base, dict) and isinstance(patch, dict):
        merged = {**base, **{k: merge(base[k], v) if k in base else v for k, v in patch.items()}}
        return {k: v for k, v in merged.items() if not (k in patch and patch[k] is None)}
    if isinstance(base, list) and isinstance(patch, list) and named(base) and named(patch):
        merged = list(base)
        positions = {item["name"]: i for i, item in enumerate(merged)}
        for item in patch:
            if item["name"] in positions:
                merged[positions[item["name"]]] = merge(merged[positions[item["name"]]], item)
            else:
                merged.append(item)
        return merged
    return patch


def named(items: list[Any]) -> bool:
    return all(isinstance(item, dict) and "name" in item for item in items)


def find_index(objects: list[Manifest], kind: str, name: str) -> int:
    keys = [(obj["kind"], obj["metadata"]["name"]) for obj in objects]
    matches = [i for i, key in enumerate(keys) if key == (kind, name)]
    assert len(matches) == 1, f"patch target {kind}/{name} matches {len(matches)} objects"
    return matches[0]


def find(objects: list[Manifest], kind: str, name: str) -> Manifest:
    return objects[find_index(objects, kind, name)]


def pod_templates(obj: Manifest) -> list[Manifest]:
    if obj["kind"] in ("Deployment", "StatefulSet", "Job"):
        return [obj["spec"]["template"]]
    if obj["kind"] == "CronJob":
        return [obj["spec"]["jobTemplate"]["spec"]["template"]]
    return []


def templates(obj: Manifest) -> list[Manifest]:
    jobs = [obj["spec"]["jobTemplate"]] if obj["kind"] == "CronJob" else []
    return jobs + pod_templates(obj)


def all_containers(objects: list[Manifest]) -> list[Manifest]:
    pods = [template["spec"] for obj in objects for template in pod_templates(obj)]
    return [c for pod in pods for c in pod.get("initContainers", []) + pod["containers"]]


def env_of(container: Manifest) -> dict[str, Manifest]:
    return {variable["name"]: variable for variable in container.get("env", [])}


def bytes_of(quantity: str) -> float:
    units = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "K": 1e3, "M": 1e6, "G": 1e9}
    parts = re.fullmatch(r"([\d.]+)([A-Za-z]*)", quantity)
    assert parts is not None, quantity
    return float(parts.group(1)) * units.get(parts.group(2), 1)


@pytest.fixture(scope="module", params=OVERLAYS)
def rendered(request: pytest.FixtureRequest) -> list[Manifest]:
    return render(DEPLOY / "overlays" / request.param)


@pytest.mark.parametrize("kustomization", KUSTOMIZATIONS, ids=lambda p: str(p.parent.name))
def test_every_resource_and_patch_of_a_kustomization_exists(kustomization: Path) -> None:
    spec = documents(kustomization)[0]
    for entry in spec.get("resources", []):
        target = kustomization.parent / entry
        assert target.is_file() or (target / "kustomization.yaml").is_file(), target
    for patch in spec.get("patches", []):
        assert (kustomization.parent / patch["path"]).is_file(), patch["path"]
    render(kustomization.parent)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_overlays_build_on_the_base(overlay: str) -> None:
    spec = documents(DEPLOY / "overlays" / overlay / "kustomization.yaml")[0]
    bases = [(DEPLOY / "overlays" / overlay / entry).resolve() for entry in spec["resources"]]
    assert DEPLOY / "base" in bases
    assert (DEPLOY / "base" / "kustomization.yaml").is_file()


def test_http_deployments_probe_livez_and_readyz(rendered: list[Manifest]) -> None:
    for deployment in (o for o in rendered if o["kind"] == "Deployment"):
        containers = deployment["spec"]["template"]["spec"]["containers"]
        serving = [c for c in containers if serves_http(c)]
        if not serving:
            assert deployment["metadata"]["name"] in WORKERS_WITHOUT_HTTP
            continue
        for container in serving:
            ports = {p["name"] for p in container["ports"]} | {
                p["containerPort"] for p in container["ports"]
            }
            for probe, path in (("livenessProbe", "/livez"), ("readinessProbe", "/readyz")):
                assert container[probe]["httpGet"]["path"] == path
                assert container[probe]["httpGet"]["port"] in ports


def serves_http(container: Manifest) -> bool:
    return "http" in {port["name"] for port in container.get("ports", [])}


def test_every_pod_runs_locked_down_within_limits(rendered: list[Manifest]) -> None:
    for template in (t for obj in rendered for t in pod_templates(obj)):
        assert template["spec"]["securityContext"]["runAsNonRoot"] is True
    for container in all_containers(rendered):
        resources = container["resources"]
        assert {"cpu", "memory"} <= set(resources["limits"]) & set(resources["requests"])
        context = container["securityContext"]
        assert context["runAsNonRoot"] is True
        assert context["readOnlyRootFilesystem"] is True
        assert context["allowPrivilegeEscalation"] is False
        assert context["capabilities"]["drop"] == ["ALL"]


def service_of(obj: Manifest) -> str:
    name: str = obj["metadata"]["labels"]["app.kubernetes.io/name"]
    assert name in SERVICES, name
    return name


@pytest.mark.parametrize("service", SERVICES)
def test_api_memory_fits_the_rss_budget(rendered: list[Manifest], service: str) -> None:
    api = find(rendered, "Deployment", service)["spec"]["template"]["spec"]["containers"][0]
    assert api["resources"]["limits"]["memory"] == "256Mi"
    assert bytes_of(api["resources"]["requests"]["memory"]) >= 150e6


def pre_stop_seconds(container: Manifest) -> int:
    hook = container.get("lifecycle", {}).get("preStop")
    if hook is None:
        return 0
    assert set(hook) == {"sleep"}, "a preStop pause is a sleep, not a command the image may lack"
    seconds: int = hook["sleep"]["seconds"]
    return seconds


def test_pods_stop_before_their_grace_period_runs_out(rendered: list[Manifest]) -> None:
    for deployment in (o for o in rendered if o["kind"] == "Deployment"):
        pod = deployment["spec"]["template"]["spec"]
        grace = pod["terminationGracePeriodSeconds"]
        for container in pod["containers"]:
            pause = pre_stop_seconds(container)
            if serves_http(container):  # endpoints must drop the pod before it stops accepting
                assert 2 <= pause <= 10, deployment["metadata"]["name"]
            else:
                assert pause == 0, "a worker serves no Service: a pause would only delay its stop"
            # The process's own bound and a margin, so the kubelet's SIGKILL never lands first.
            assert pause + STOP_BOUND_SECONDS + 3 <= grace, deployment["metadata"]["name"]
            assert grace <= pause + STOP_BOUND_SECONDS + 15, (
                "a stuck pod holds a rolling update this long"
            )


def test_secrets_come_only_from_secret_references(rendered: list[Manifest]) -> None:
    assert not [o for o in rendered if o["kind"] == "Secret"], "secrets are never committed"
    for obj in (o for o in rendered if pod_templates(o)):
        for container in all_containers([obj]):
            for name, variable in env_of(container).items():
                if name in SECRET_SETTINGS:
                    reference = variable["valueFrom"]["secretKeyRef"]
                    assert (reference["name"], reference["key"]) == (
                        f"{service_of(obj)}-secrets",
                        name,
                    )
                else:
                    assert not KEY_LIKE.search(str(variable.get("value", ""))), name
    for config in (o for o in rendered if o["kind"] == "ConfigMap"):
        assert not set(config["data"]) & set(SECRET_SETTINGS)
        assert not [v for v in config["data"].values() if KEY_LIKE.search(v)]
    for service in SERVICES:
        api = find(rendered, "Deployment", service)["spec"]["template"]["spec"]["containers"][0]
        assert set(secret_settings(service)) <= set(env_of(api))


def test_commands_exist_in_the_service_cli(rendered: list[Manifest]) -> None:
    for obj in (o for o in rendered if pod_templates(o)):
        service = service_of(obj)
        group = typer.main.get_command(SERVICES[service][0])
        assert isinstance(group, typer.core.TyperGroup)
        for container in all_containers([obj]):
            program, subcommand, *arguments = container["command"]
            assert program == service
            assert container["image"].partition(":")[0] == f"unionhub/{service}"
            command = group.commands[subcommand]
            options = {opt for param in command.params for opt in param.opts + param.secondary_opts}
            assert {a for a in arguments if a.startswith("--")} <= options


@pytest.mark.parametrize("service", SERVICES)
def test_service_hpa_and_budget_select_the_api(rendered: list[Manifest], service: str) -> None:
    api = find(rendered, "Deployment", service)
    pod_labels = api["spec"]["template"]["metadata"]["labels"]
    endpoint = find(rendered, "Service", service)
    assert endpoint["spec"]["selector"].items() <= pod_labels.items()
    assert endpoint["spec"]["ports"][0]["port"] == SERVICES[service][1]
    assert endpoint["spec"]["ports"][0]["targetPort"] == "http"
    budget = find(rendered, "PodDisruptionBudget", service)
    assert budget["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
    autoscaler = find(rendered, "HorizontalPodAutoscaler", service)
    assert autoscaler["spec"]["scaleTargetRef"]["name"] == service
    assert autoscaler["spec"]["metrics"][0]["resource"]["name"] == "cpu"
    assert "replicas" not in api["spec"], "the autoscaler owns the API's replica count"
    assert {o["metadata"].get("namespace") for o in rendered if o["kind"] != "Namespace"} == {
        "unionhub"
    }


def test_production_render_is_production_and_free_of_dev_secrets() -> None:
    objects = render(DEPLOY / "overlays" / "production")
    for service in SERVICES:
        settings = find(objects, "ConfigMap", f"{service}-config")["data"]
        assert settings["ENVIRONMENT"] == "production"
        assert find(objects, "HorizontalPodAutoscaler", service)["spec"]["minReplicas"] >= 3
    assert {c["image"] for c in all_containers(objects)} == {
        f"unionhub/{service}:0.1.0" for service in SERVICES
    }
    text = yaml.safe_dump_all(objects)
    assert not [secret for secret in DEV_SECRETS if secret in text]
    assert "optional: true" not in text, "production requires every secret"


def test_dev_patches_merge_into_the_base_instead_of_replacing_it() -> None:
    objects = render(DEPLOY / "overlays" / "dev")
    assert find(objects, "ConfigMap", "membership-config")["data"]["ENVIRONMENT"] == "dev"
    api = find(objects, "Deployment", "membership")["spec"]["template"]["spec"]
    variables = env_of(api["containers"][0])
    assert variables["JWT_PUBLIC_KEY"]["valueFrom"]["secretKeyRef"]["optional"] is True
    assert set(secret_settings("membership")) <= set(variables)
    assert api["containers"][0]["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert "initContainers" not in api, "the migration Job migrates, not every pod"
    assert {c["image"] for c in all_containers(objects)} == {
        f"unionhub/{service}:dev" for service in SERVICES
    }
    for service in SERVICES:
        assert find(objects, "ConfigMap", f"{service}-config")["data"]["ENVIRONMENT"] == "dev"
        secret = find(objects, "ExternalSecret", f"{service}-secrets")["spec"]
        assert "JWT_PUBLIC_KEY" not in secret["target"]["template"]["data"]
        assert "JWT_SECRET" in secret["target"]["template"]["data"]
        properties = {entry["remoteRef"]["property"] for entry in secret["data"]}
        assert "jwt_public_key" not in properties
        assert {"db_password", "jwt_secret", "metrics_token"} <= properties
        assert ("nats_password" in properties) == uses_nats(service)
        assert ("person_link_key" in properties) == links_people(service)


def test_nats_runs_three_replicas_that_fsync_before_acknowledging() -> None:
    path = DEPLOY / "platform" / "nats" / "values.yaml"
    config = documents(path)[0]["config"]
    assert config["cluster"]["enabled"] is True
    assert config["cluster"]["replicas"] == 3
    assert config["cluster"]["tls"]["enabled"] is True
    assert config["nats"]["tls"] == {"enabled": True, "secretName": "nats-server-tls"}
    jetstream = config["jetstream"]
    assert jetstream["fileStore"]["enabled"] is True
    assert jetstream["fileStore"]["pvc"]["enabled"] is True
    assert jetstream["merge"]["sync_interval"] == "always"
    assert "jepsen.io/analyses/nats-2.12.1" in path.read_text(encoding="utf-8")


def test_postgres_cluster_has_three_instances_and_backups_from_a_named_secret() -> None:
    cluster, schedule, _ = documents(DEPLOY / "platform" / "postgres" / "cluster.yaml")
    assert cluster["kind"] == "Cluster"
    assert cluster["spec"]["instances"] == 3
    assert cluster["spec"]["bootstrap"]["initdb"]["database"] == "unionhub"
    store = cluster["spec"]["backup"]["barmanObjectStore"]
    assert store["destinationPath"].startswith("s3://")
    for reference in store["s3Credentials"].values():
        assert set(reference) == {"name", "key"}
    assert schedule["kind"] == "ScheduledBackup"
    assert schedule["spec"]["cluster"]["name"] == cluster["metadata"]["name"]


def test_otel_collector_exports_to_the_endpoint_its_environment_names() -> None:
    objects = documents(DEPLOY / "platform" / "otel" / "collector.yaml")
    config = yaml.safe_load(find(objects, "ConfigMap", "otel-collector")["data"]["collector.yaml"])
    traces = config["service"]["pipelines"]["traces"]
    assert traces["receivers"] == ["otlp"]
    assert "batch" in traces["processors"]
    for section in ("receivers", "processors", "exporters"):
        assert set(traces[section]) <= set(config[section])
    variable = re.fullmatch(r"\$\{env:(\w+)\}", config["exporters"]["otlp"]["endpoint"])
    assert variable is not None
    collector = find(objects, "Deployment", "otel-collector")["spec"]["template"]["spec"]
    assert variable.group(1) in env_of(collector["containers"][0])
    service = find(objects, "Service", "otel-collector")
    settings = find(render(DEPLOY / "overlays" / "production"), "ConfigMap", "membership-config")
    target = re.fullmatch(r"http://([\w-]+):(\d+)", settings["data"]["OTEL_EXPORTER_OTLP_ENDPOINT"])
    assert target is not None
    assert target.group(1) == service["metadata"]["name"]
    assert int(target.group(2)) in {port["port"] for port in service["spec"]["ports"]}


def test_the_workbench_is_reached_through_its_ingress_and_signs_with_a_secret_key() -> None:
    objects = render(DEPLOY / "overlays" / "production")
    ingress = find(objects, "Ingress", "portal")
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend == {"name": "portal", "port": {"name": "http"}}
    assert ingress["spec"]["tls"], "the sign-in page is served over HTTPS only"
    api = find(objects, "Deployment", "portal")["spec"]["template"]["spec"]["containers"][0]
    assert env_of(api)["SIGNING_KEY"]["valueFrom"]["secretKeyRef"] == {
        "name": "portal-secrets",
        "key": "SIGNING_KEY",
    }
    for service in ("membership", "assistance", "reporting"):
        settings = find(objects, "ConfigMap", f"{service}-config")["data"]
        assert settings["JWT_JWKS_URL"] == "http://portal:8080/.well-known/jwks.json"


def test_migrations_run_once_per_release_in_a_job_not_in_every_pod(
    rendered: list[Manifest],
) -> None:
    for obj in (o for o in rendered if o["kind"] in ("Deployment", "CronJob")):
        for template in pod_templates(obj):
            assert "initContainers" not in template["spec"], obj["metadata"]["name"]
    for service in SERVICES:
        job = find(rendered, "Job", f"{service}-migrate")["spec"]
        pod = job["template"]["spec"]
        assert [c["command"][1] for c in pod["initContainers"]] == ["migrate"]
        assert [c["command"][1] for c in pod["containers"]] == ["provision"]
        assert pod["restartPolicy"] == "Never"
        assert job["backoffLimit"] >= 1


def test_every_deployment_has_a_metrics_port_a_pod_monitor_selects(
    rendered: list[Manifest],
) -> None:
    [monitor] = [o for o in rendered if o["kind"] == "PodMonitor"]
    selector = monitor["spec"]["selector"]["matchLabels"]
    scraped = {endpoint["port"] for endpoint in monitor["spec"]["podMetricsEndpoints"]}
    assert scraped == {"metrics"}
    deployments = [o for o in rendered if o["kind"] == "Deployment"]
    assert {d["metadata"]["name"] for d in deployments} >= WORKERS_WITHOUT_HTTP | set(SERVICES)
    for deployment in deployments:
        template = deployment["spec"]["template"]
        assert selector.items() <= template["metadata"]["labels"].items()
        settings = find(rendered, "ConfigMap", f"{service_of(deployment)}-config")["data"]
        assert int(settings["METRICS_PORT"]) == METRICS_PORT
        for container in template["spec"]["containers"]:
            ports = {port["name"]: port["containerPort"] for port in container["ports"]}
            assert ports["metrics"] == METRICS_PORT, deployment["metadata"]["name"]
            token = env_of(container)["METRICS_TOKEN"]["valueFrom"]["secretKeyRef"]
            assert token["name"] == f"{service_of(deployment)}-secrets"
    for endpoint in monitor["spec"]["podMetricsEndpoints"]:
        credentials = endpoint["authorization"]["credentials"]
        assert any(
            o["kind"] == "ExternalSecret" and o["spec"]["target"]["name"] == credentials["name"]
            for o in rendered
        )


def test_every_service_secret_comes_from_the_secret_store(rendered: list[Manifest]) -> None:
    for service in SERVICES:
        external = find(rendered, "ExternalSecret", f"{service}-secrets")["spec"]
        assert external["secretStoreRef"]["kind"] == "ClusterSecretStore"
        produced = set(external["target"]["template"]["data"])
        referenced = {
            variable["valueFrom"]["secretKeyRef"]["key"]
            for obj in rendered
            if pod_templates(obj) and service_of(obj) == service
            for container in all_containers([obj])
            for variable in container.get("env", [])
            if "secretKeyRef" in variable.get("valueFrom", {})
            and not variable["valueFrom"]["secretKeyRef"].get("optional")
        }
        assert referenced <= produced, referenced - produced
        url = external["target"]["template"]["data"]["DATABASE_URL"]
        assert url.startswith(f"postgresql://{service}:"), "the service's own database role"
        assert "sslmode=verify-full" in url
        if uses_nats(service):
            nats_url = external["target"]["template"]["data"]["NATS_URL"]
            assert nats_url.startswith(f"tls://{service}:")
        else:
            assert "NATS_URL" not in external["target"]["template"]["data"]
        for entry in external["data"]:
            assert entry["remoteRef"]["key"] in {f"unionhub/{service}", "unionhub/shared"}


@pytest.mark.parametrize("service", SERVICES)
def test_the_api_is_reached_through_an_ingress_with_tls(
    rendered: list[Manifest], service: str
) -> None:
    ingress = find(rendered, "Ingress", service)["spec"]
    hosts = {rule["host"] for rule in ingress["rules"]}
    assert hosts <= {host for tls in ingress["tls"] for host in tls["hosts"]}
    for rule in ingress["rules"]:
        for path in rule["http"]["paths"]:
            assert path["backend"]["service"] == {"name": service, "port": {"name": "http"}}


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_the_workbench_has_no_nats_user_url_or_path(overlay: str) -> None:
    objects = render(DEPLOY / "overlays" / overlay)
    assert not uses_nats("portal")
    for obj in (o for o in objects if pod_templates(o) and service_of(o) == "portal"):
        for container in all_containers([obj]):
            assert "NATS_URL" not in env_of(container), obj["metadata"]["name"]
    external = find(objects, "ExternalSecret", "portal-secrets")["spec"]
    assert "NATS_URL" not in external["target"]["template"]["data"]
    assert "nats_password" not in {entry["secretKey"] for entry in external["data"]}
    auth = documents(DEPLOY / "platform" / "nats" / "auth.yaml")[0]
    names = {u["user"] for u in auth["config"]["merge"]["authorization"]["users"]}
    assert "portal" not in names
    assert {s for s in SERVICES if uses_nats(s)} <= names
    assert not any("PORTAL" in variable for variable in auth["container"]["env"])


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_the_workbench_config_names_every_service_it_calls(overlay: str) -> None:
    from portal.config import PortalSettings

    settings = find(render(DEPLOY / "overlays" / overlay), "ConfigMap", "portal-config")["data"]
    urls = {name.upper() for name in PortalSettings.model_fields if name.endswith("_url")}
    urls -= {"DATABASE_URL", "NATS_URL", "JWT_JWKS_URL", "REPORTING_URL"}  # secrets, own, public
    called = {
        f"{service.upper()}_URL" for service in SERVICES if service not in ("portal", "reporting")
    }
    assert called <= urls, "the settings read every service's API address"
    for name in called:
        service = name.removesuffix("_URL").lower()
        assert settings[name] == f"http://{service}:{SERVICES[service][1]}", name
    assert settings["REPORTING_URL"], "the dashboards' address, opened in the user's browser"


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_the_person_link_key_is_shared_by_the_linking_services_only(overlay: str) -> None:
    objects = render(DEPLOY / "overlays" / overlay)
    linking = [service for service in SERVICES if links_people(service)]
    assert sorted(linking) == ["assistance", "training"]
    for service in SERVICES:
        external = find(objects, "ExternalSecret", f"{service}-secrets")["spec"]
        sources = {
            entry["remoteRef"]["key"]
            for entry in external["data"]
            if entry["remoteRef"]["property"] == "person_link_key"
        }
        assert sources == ({"unionhub/shared"} if service in linking else set())
        assert ("PERSON_LINK_KEY" in external["target"]["template"]["data"]) == (service in linking)
        # Every process of a linking service builds its settings, which refuse the development
        # key outside dev: each of its containers needs the key, not only the API's.
        for obj in (o for o in objects if pod_templates(o) and service_of(o) == service):
            for container in all_containers([obj]):
                assert ("PERSON_LINK_KEY" in env_of(container)) == (service in linking), obj[
                    "metadata"
                ]["name"]
