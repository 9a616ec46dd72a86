"""The rendered overlays as a cluster would take them: strict schemas and network paths.

Every object of both overlays and of deploy/platform is validated strictly against the
Kubernetes schemas bundled by kubernetes-validate (1.30 and the newest it has), offline. The
Prometheus Operator's and cert-manager's kinds are validated against the models generated from
their CRD schemas (cloudcoil-models-*), unknown fields refused; External Secrets and
CloudNativePG have no such package: their fields the platform relies on are checked instead.

The NetworkPolicies are evaluated on the rendered pods and on the platform's pods (NATS,
PostgreSQL, the collector, Tempo, the Pushgateway, the ingress controller, Prometheus, DNS, the
internet):
the connections they allow must be exactly the needed ones.
"""

from __future__ import annotations

import importlib.util
import ipaddress
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import shared.metrics  # noqa: F401 - registers the platform's metrics in REGISTRY
from cloudcoil.models.cert_manager import v1 as certificates
from cloudcoil.models.prometheus_operator import v1 as monitoring
from prometheus_client import REGISTRY
from pydantic import BaseModel
from shared.batch_metrics import run_registry

HERE = Path(__file__).resolve().parent
DEPLOY = HERE.parents[1] / "deploy"
_spec = importlib.util.spec_from_file_location("deploy_manifests", HERE / "test_manifests.py")
assert _spec is not None
assert _spec.loader is not None
manifests = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(manifests)

Manifest = dict[str, Any]
OVERLAYS = ("dev", "production")
VERSIONS = ("1.30.0", kubernetes_validate.latest_version())
NAMESPACE = "unionhub"
PLATFORM_FILES = sorted(
    p for p in (DEPLOY / "platform").rglob("*.yaml") if p.name not in {"values.yaml", "auth.yaml"}
)
OPERATOR_KINDS = {
    "PodMonitor": ("monitoring.coreos.com/v1", ("selector", "podMetricsEndpoints")),
    "ServiceMonitor": ("monitoring.coreos.com/v1", ("selector", "endpoints")),
    "PrometheusRule": ("monitoring.coreos.com/v1", ("groups",)),
    "ExternalSecret": ("external-secrets.io/v1", ("secretStoreRef", "target", "data")),
    "Cluster": ("postgresql.cnpg.io/v1", ("instances", "storage", "bootstrap")),
    "ScheduledBackup": ("postgresql.cnpg.io/v1", ("schedule", "cluster")),
    "Database": ("postgresql.cnpg.io/v1", ("name", "owner", "cluster")),
    "Certificate": ("cert-manager.io/v1", ("secretName", "issuerRef")),
    "Issuer": ("cert-manager.io/v1", ()),
}


def platform_objects() -> list[Manifest]:
    return [doc for path in PLATFORM_FILES for doc in manifests.documents(path)]


def every_object() -> list[tuple[str, Manifest]]:
    rendered = [(o, m) for o in OVERLAYS for m in manifests.render(DEPLOY / "overlays" / o)]
    return rendered + [("platform", m) for m in platform_objects()]


@pytest.mark.parametrize("version", VERSIONS)
def test_every_object_validates_strictly(version: str) -> None:
    checked = set()
    for origin, obj in every_object():
        if obj["kind"] in OPERATOR_KINDS:
            continue
        try:
            kubernetes_validate.validate(obj, version, strict=True)
        except kubernetes_validate.ValidationError as error:
            name = f"{origin} {obj['kind']}/{obj['metadata']['name']}"
            raise AssertionError(f"{name}: {error}") from error
        checked.add(obj["kind"])
    assert {"Deployment", "Job", "CronJob", "NetworkPolicy", "Ingress", "StatefulSet"} <= checked


CRD_MODELS: dict[str, type[BaseModel]] = {
    "PodMonitor": monitoring.PodMonitor,
    "ServiceMonitor": monitoring.ServiceMonitor,
    "PrometheusRule": monitoring.PrometheusRule,
    "Certificate": certificates.Certificate,
    "Issuer": certificates.Issuer,
}


def unknown_fields(given: Any, known: Any, path: str = "") -> list[str]:
    """Keys of ``given`` that the validated model did not keep (it drops unknown ones)."""
    if isinstance(given, dict) and isinstance(known, dict):
        return [
            found
            for key, value in given.items()
            for found in (
                unknown_fields(value, known[key], f"{path}.{key}")
                if key in known
                else [f"{path}.{key}"]
            )
        ]
    if isinstance(given, list) and isinstance(known, list):
        return [
            found
            for i, (a, b) in enumerate(zip(given, known, strict=True))
            for found in unknown_fields(a, b, f"{path}[{i}]")
        ]
    return []


def test_operator_kinds_validate_against_their_crd_models() -> None:
    validated = set()
    for origin, obj in every_object():
        model = CRD_MODELS.get(obj["kind"])
        if model is None:
            continue
        name = f"{origin} {obj['kind']}/{obj['metadata']['name']}"
        kept = model.model_validate(obj).model_dump(by_alias=True, exclude_unset=True)
        assert not unknown_fields(obj, kept), f"{name}: {unknown_fields(obj, kept)}"
        validated.add(obj["kind"])
    assert validated == set(CRD_MODELS)


def test_a_misspelt_field_is_caught() -> None:
    [monitor] = [o for _, o in every_object() if o["kind"] == "PodMonitor"][:1]
    wrong = {**monitor, "spec": {**monitor["spec"], "podMetricEndpoints": []}}
    kept = monitoring.PodMonitor.model_validate(wrong).model_dump(by_alias=True, exclude_unset=True)
    assert unknown_fields(wrong, kept) == [".spec.podMetricEndpoints"]


def test_operator_kinds_have_their_required_fields() -> None:
    seen = set()
    for origin, obj in every_object():
        if obj["kind"] not in OPERATOR_KINDS:
            continue
        api_version, required = OPERATOR_KINDS[obj["kind"]]
        name = f"{origin} {obj['kind']}/{obj['metadata']['name']}"
        assert obj["apiVersion"] == api_version, name
        assert set(required) <= set(obj["spec"]), name
        seen.add(obj["kind"])
        if obj["kind"] == "ExternalSecret":
            for entry in obj["spec"]["data"]:
                assert set(entry) == {"secretKey", "remoteRef"}, name
                assert {"key", "property"} <= set(entry["remoteRef"]), name
        if obj["kind"] == "PrometheusRule":
            for group in obj["spec"]["groups"]:
                for rule in group["rules"]:
                    assert {"alert", "expr", "labels", "annotations"} <= set(rule), name
    assert seen == set(OPERATOR_KINDS)


def pushed_by_batch_jobs() -> set[str]:
    """The metrics a batch run pushes, whether it succeeded or failed."""
    runs = [
        run_registry(duration=1.0, items=1, succeeded=succeeded, finished_at=0.0)
        for succeeded in (True, False)
    ]
    return {family.name for registry in runs for family in registry.collect()}


def test_alerts_read_metrics_the_services_export() -> None:
    suffixes = {"counter": ("_total",), "histogram": ("_bucket", "_count", "_sum"), "gauge": ("",)}
    exported = {
        family.name + suffix
        for family in REGISTRY.collect()
        for suffix in suffixes.get(family.type, ("",))
    } | pushed_by_batch_jobs()
    rules = [o for _, o in every_object() if o["kind"] == "PrometheusRule"]
    expressions = " ".join(
        r["expr"] for o in rules for g in o["spec"]["groups"] for r in g["rules"]
    )
    used = {word for word in _words(expressions) if word.startswith("unionhub_")}
    assert used, "the rules read the services' metrics"
    assert used <= exported, used - exported
    for needed in (
        "unionhub_dead_letters_total",
        "unionhub_outbox_backlog",
        "unionhub_outbox_oldest_age_seconds",
        "unionhub_outbox_publish_errors_total",
        "unionhub_consumer_lag",
        "unionhub_consumer_last_sequence",
        "unionhub_http_request_duration_seconds_bucket",
        "unionhub_http_request_duration_seconds_count",
        "unionhub_batch_last_success_timestamp_seconds",
        "unionhub_batch_last_run_succeeded",
    ):
        assert needed in used, needed
    assert "kube_job_status_failed" in expressions
    assert "kube_cronjob_status_last_successful_time" in expressions
    assert "jetstream_consumer" in expressions


def _rule(alert: str) -> Manifest:
    rules = [o for _, o in every_object() if o["kind"] == "PrometheusRule"]
    found = [
        r for o in rules for g in o["spec"]["groups"] for r in g["rules"] if r["alert"] == alert
    ]
    assert found, alert
    return found[0]


def test_every_cron_job_is_watched_by_its_last_success() -> None:
    """A cron job that stops running leaves no failed Job: its last success is what tells.

    The rule's 26 hours hold for daily jobs only, so every CronJob must run once a day; a Job
    that hangs must end (activeDeadlineSeconds) and a failed one stay visible (its history).
    """
    missed = _rule("UnionHubCronJobMissed")["expr"]
    assert 'namespace="unionhub"' in missed
    assert "cronjob=~" not in missed, "no allow-list: a new CronJob is watched without an edit"
    excluded = set(re.findall(r'cronjob!="([^"]+)"', missed))
    assert excluded == {"nats-backup"}
    assert "nats-backup" in _rule("UnionHubNatsBackupMissing")["expr"]
    assert "kube_cronjob_spec_suspend" in _rule("UnionHubCronJobSuspended")["expr"]
    cron_jobs = {o["metadata"]["name"]: o for _, o in every_object() if o["kind"] == "CronJob"}
    assert {"nats-backup", "disputes-mark-overdue", "membership-outbox-purge"} <= set(cron_jobs)
    for name, cron in cron_jobs.items():
        minute, hour, *rest = cron["spec"]["schedule"].split()
        assert minute.isdigit(), name
        assert hour.isdigit(), name  # once a day, at a fixed hour
        assert rest == ["*", "*", "*"], name
        assert cron["spec"]["failedJobsHistoryLimit"] >= 1, name
        assert cron["spec"]["jobTemplate"]["spec"]["activeDeadlineSeconds"] <= 6 * 3600, name


# The batch commands that report their run (shared.batch_metrics), each tested pushing.
REPORTING_BATCH_COMMANDS = {"purge", "flag-overdue", "mark-overdue"}


def _platform_object(kind: str, name: str) -> Manifest:
    [found] = [o for o in platform_objects() if (o["kind"], o["metadata"]["name"]) == (kind, name)]
    return found


def pushgateway_url() -> str:
    """The in-namespace URL of the Pushgateway's Service, from its manifest."""
    service = _platform_object("Service", "pushgateway")
    [port] = service["spec"]["ports"]
    return f"http://{service['metadata']['name']}:{port['port']}"


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_cron_job_of_ours_pushes_its_runs_to_the_pushgateway(overlay: str) -> None:
    rendered = manifests.render(DEPLOY / "overlays" / overlay)
    cron_jobs = [o for o in rendered if o["kind"] == "CronJob"]
    assert len(cron_jobs) >= 6, "the four outbox purges and the two overdue jobs"
    for cron in cron_jobs:
        name = cron["metadata"]["name"]
        template = cron["spec"]["jobTemplate"]["spec"]["template"]
        assert template["metadata"]["labels"]["unionhub/batch"] == "true", name
        for container in template["spec"]["containers"]:
            assert container["command"][1] in REPORTING_BATCH_COMMANDS, name
            env = manifests.env_of(container)
            assert env["PROMETHEUS_PUSHGATEWAY_URL"]["value"] == pushgateway_url(), name
    # The NATS backup runs nats-box, not our code: it stays on the Job-status alerts.
    backup = _platform_object("CronJob", "nats-backup")
    for container in backup["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"]:
        assert "PROMETHEUS_PUSHGATEWAY_URL" not in manifests.env_of(container)


def test_the_pushgateway_is_scraped_keeping_the_pushed_job_labels() -> None:
    gateway = _platform_object("StatefulSet", "pushgateway")
    service = _platform_object("Service", "pushgateway")
    monitor = _platform_object("ServiceMonitor", "pushgateway")
    pod_labels = gateway["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= pod_labels.items()
    assert (
        monitor["spec"]["selector"]["matchLabels"].items() <= service["metadata"]["labels"].items()
    )
    [container] = gateway["spec"]["template"]["spec"]["containers"]
    [service_port] = service["spec"]["ports"]
    container_ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert service_port["targetPort"] in container_ports
    assert (container_ports[service_port["targetPort"]], "TCP") == PUSHGATEWAY_PORT
    [endpoint] = monitor["spec"]["endpoints"]
    assert endpoint["port"] == service_port["name"]
    assert endpoint["honorLabels"] is True, "the pushed job label must win over the target's"
    assert monitor["metadata"]["labels"] == {"release": "prometheus"}
    # The last success of each job must outlive a restart of the gateway.
    persisted = [a for a in container["args"] if a.startswith("--persistence.file=")]
    assert persisted, "the gateway keeps its groups on its volume"
    mounts = [m["mountPath"] for m in container["volumeMounts"]]
    assert any(persisted[0].split("=", 1)[1].startswith(m + "/") for m in mounts)


def test_batch_jobs_are_alerted_on_a_stale_success_and_a_failed_last_run() -> None:
    stale = _rule("UnionHubBatchJobStale")["expr"]
    assert "unionhub_batch_last_success_timestamp_seconds" in stale
    assert "by (job)" in stale, "one alert per batch job"
    hours = re.search(r">\s*(\d+)\s*\*\s*3600", stale)
    assert hours is not None, stale
    # Every CronJob runs daily (test_every_cron_job_is_watched_by_its_last_success): a day and
    # a margin, no more than two hours, for the run to end and be scraped.
    assert 24 < int(hours.group(1)) <= 26
    failed = _rule("UnionHubBatchJobFailed")["expr"]
    assert re.fullmatch(r"max by \(job\) \(unionhub_batch_last_run_succeeded\) == 0", failed)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-zA-Z_:][a-zA-Z0-9_:]*", text))


# --- NetworkPolicies --------------------------------------------------------------------------

INTERNET = "internet"
PUSHGATEWAY_PORT = (9091, "TCP")


@dataclass
class Pod:
    name: str
    namespace: str
    labels: dict[str, str]
    ports: dict[str, tuple[int, str]] = field(default_factory=dict)
    kind: str = ""

    def port_list(self) -> set[tuple[int, str]]:
        return set(self.ports.values())


def pods_of(objects: list[Manifest]) -> list[Pod]:
    found = []
    for obj in objects:
        for template in manifests.pod_templates(obj):
            ports = {
                port["name"]: (port["containerPort"], port.get("protocol", "TCP"))
                for container in template["spec"]["containers"]
                for port in container.get("ports", [])
            }
            namespace = obj["metadata"].get("namespace", NAMESPACE)
            labels = template["metadata"]["labels"]
            found.append(Pod(obj["metadata"]["name"], namespace, labels, ports, obj["kind"]))
    return found


def platform_pods() -> list[Pod]:
    """The pods the platform's charts and operators run, with their documented labels."""
    made = [
        Pod("nats", NAMESPACE, {"app.kubernetes.io/name": "nats", "app.kubernetes.io/component": "nats", "app.kubernetes.io/instance": "nats"},
            {"nats": (4222, "TCP"), "cluster": (6222, "TCP"), "monitor": (8222, "TCP"), "prom-metrics": (7777, "TCP")}),
        Pod("unionhub-pg", NAMESPACE, {"cnpg.io/cluster": "unionhub-pg", "cnpg.io/podRole": "instance"},
            {"postgresql": (5432, "TCP"), "status": (8000, "TCP"), "metrics": (9187, "TCP")}),
        Pod("ingress-nginx", "ingress-nginx", {"app.kubernetes.io/name": "ingress-nginx"}, {"https": (443, "TCP")}),
        Pod("prometheus", "monitoring", {"app.kubernetes.io/name": "prometheus"}, {"web": (9090, "TCP")}),
        Pod("grafana", "monitoring", {"app.kubernetes.io/name": "grafana"}, {"http": (3000, "TCP")}),
        Pod("cnpg-operator", "cnpg-system", {"app.kubernetes.io/name": "cloudnative-pg"}, {"webhook": (9443, "TCP")}),
        Pod("kube-dns", "kube-system", {"k8s-app": "kube-dns"}, {"dns": (53, "UDP"), "dns-tcp": (53, "TCP")}),
        Pod("stranger", "default", {"app": "stranger"}, {"http": (8080, "TCP")}),
        Pod(INTERNET, INTERNET, {}, {"https": (443, "TCP"), "kube-api": (6443, "TCP"), "http": (80, "TCP")}),
    ]  # fmt: skip
    objects = [o for path in PLATFORM_FILES for o in manifests.documents(path)]
    return made + pods_of(objects)


def peer_matches(peer: Manifest, pod: Pod) -> bool:
    if "ipBlock" in peer:
        block = ipaddress.ip_network(peer["ipBlock"]["cidr"])
        excepted = [ipaddress.ip_network(c) for c in peer["ipBlock"].get("except", [])]
        address = ipaddress.ip_address("203.0.113.10")  # any public address
        return (
            pod.namespace == INTERNET
            and address in block
            and not any(address in e for e in excepted)
        )
    if pod.namespace == INTERNET:
        return False
    if "namespaceSelector" in peer:
        wanted = peer["namespaceSelector"].get("matchLabels", {})
        if not wanted.items() <= {"kubernetes.io/metadata.name": pod.namespace}.items():
            return False
    elif pod.namespace != NAMESPACE:
        return False
    return label_selector_matches(peer.get("podSelector", {}), pod.labels)


def label_selector_matches(selector: Manifest, labels: dict[str, str]) -> bool:
    """A Kubernetes label selector: every matchLabels pair and every matchExpressions term."""
    if not selector.get("matchLabels", {}).items() <= labels.items():
        return False
    for term in selector.get("matchExpressions", []):
        key, operator, values = term["key"], term["operator"], term.get("values", [])
        present = {
            "In": key in labels and labels[key] in values,
            "NotIn": labels.get(key) not in values,
            "Exists": key in labels,
            "DoesNotExist": key not in labels,
        }
        if not present[operator]:
            return False
    return True


def port_matches(rule_ports: list[Manifest] | None, target: Pod, port: tuple[int, str]) -> bool:
    if not rule_ports:
        return True
    for entry in rule_ports:
        protocol = entry.get("protocol", "TCP")
        number = (
            target.ports.get(entry["port"])
            if isinstance(entry["port"], str)
            else (entry["port"], protocol)
        )
        if number == port and protocol == port[1]:
            return True
    return False


def selects(policy: Manifest, pod: Pod) -> bool:
    selector = policy["spec"]["podSelector"]
    return pod.namespace == NAMESPACE and label_selector_matches(selector, pod.labels)


def allowed(policies: list[Manifest], source: Pod, target: Pod, port: tuple[int, str]) -> bool:
    def direction(kind: str, subject: Pod, other: Pod, rules_key: str, peers_key: str) -> bool:
        governing = [
            p for p in policies if selects(p, subject) and kind in p["spec"]["policyTypes"]
        ]
        if subject.namespace != NAMESPACE or not governing:
            return True
        return any(
            (not rule.get(peers_key) or any(peer_matches(peer, other) for peer in rule[peers_key]))
            and port_matches(rule.get("ports"), target, port)
            for policy in governing
            for rule in policy["spec"].get(rules_key, [])
        )

    return direction("Egress", source, target, "egress", "to") and direction(
        "Ingress", target, source, "ingress", "from"
    )


def expected_paths(
    service_pods: list[Pod], pods: dict[str, Pod]
) -> set[tuple[str, str, tuple[int, str]]]:
    dns = {(53, "UDP"), (53, "TCP")}
    paths: set[tuple[str, str, tuple[int, str]]] = set()

    def add(source: str, target: str, ports: set[tuple[int, str]]) -> None:
        paths.update((source, target, port) for port in ports)

    for pod in service_pods:
        add(pod.name, "unionhub-pg", {(5432, "TCP")})
        if pod.labels.get("app.kubernetes.io/name") != "portal":  # the workbench uses no NATS
            add(pod.name, "nats", {(4222, "TCP")})
        add(pod.name, "otel-collector", {(4318, "TCP")})
        add(pod.name, "kube-dns", dns)
        if "metrics" in pod.ports:
            add("prometheus", pod.name, {pod.ports["metrics"]})
        if pod.kind == "CronJob":  # a batch job pushes its run (shared.batch_metrics)
            add(pod.name, "pushgateway", {PUSHGATEWAY_PORT})
        if pod.labels.get("app.kubernetes.io/component") == "api":
            add("ingress-nginx", pod.name, {pod.ports["http"]})
            # The APIs fetch the workbench's key set; the workbench calls the APIs (the API
            # selectors include the workbench itself).
            add(pod.name, "portal", {(8080, "TCP")})
            add("portal", pod.name, {pod.ports["http"]})
    add("nats", "nats", {(6222, "TCP")})
    add("nats", "kube-dns", dns)
    add("prometheus", "nats", {(7777, "TCP")})
    add("nats-backup", "nats", {(4222, "TCP")})
    add("nats-backup", "kube-dns", dns)
    add("unionhub-pg", "unionhub-pg", {(5432, "TCP")})
    add("unionhub-pg", "kube-dns", dns)
    add("unionhub-pg", INTERNET, {(443, "TCP"), (6443, "TCP")})
    add("cnpg-operator", "unionhub-pg", {(8000, "TCP")})
    add("prometheus", "unionhub-pg", {(9187, "TCP")})
    add("otel-collector", "tempo", {(4317, "TCP")})
    add("otel-collector", "kube-dns", dns)
    add("grafana", "tempo", {(3200, "TCP")})
    add("prometheus", "pushgateway", {PUSHGATEWAY_PORT})
    return paths


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_network_policies_open_the_needed_paths_and_nothing_else(overlay: str) -> None:
    rendered = manifests.render(DEPLOY / "overlays" / overlay)
    policies = [o for o in rendered if o["kind"] == "NetworkPolicy"]
    deny = [p for p in policies if p["spec"]["podSelector"] == {}]
    assert deny, "a default deny"
    assert set(deny[0]["spec"]["policyTypes"]) == {"Ingress", "Egress"}
    assert not deny[0]["spec"].get("ingress")
    assert not deny[0]["spec"].get("egress")
    service_pods = pods_of(rendered)
    assert all(p.labels.get("app.kubernetes.io/part-of") == "unionhub" for p in service_pods)
    pods = {pod.name: pod for pod in service_pods + platform_pods()}
    assert {"otel-collector", "tempo", "nats-backup", "pushgateway"} <= set(pods)
    assert any(pod.kind == "CronJob" for pod in service_pods)
    expected = expected_paths(service_pods, pods)
    actual = {
        (source.name, target.name, port)
        for source, target in itertools.product(pods.values(), repeat=2)
        if NAMESPACE in (source.namespace, target.namespace)
        for port in target.port_list()
        if allowed(policies, source, target, port)
    }
    missing, extra = expected - actual, actual - expected
    assert not missing, f"needed but closed: {sorted(missing)}"
    assert not extra, f"open but not needed: {sorted(extra)}"
