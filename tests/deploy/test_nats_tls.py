"""Services reach NATS over TLS exactly as the manifests configure them.

The manifests give every process ``NATS_URL=tls://<service>:<password>@nats:4222`` and
``SSL_CERT_FILE`` naming the NATS CA in the projected ``ca`` volume. Here a nats-server with a
certificate from a CA of the test's own and the generated users accepts the kit's connection
made that way, requires TLS of every client, and refuses a wrong password (a client that does
not trust the CA cannot connect).
"""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import json
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import nats
import pytest
import yaml
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from shared.bus import connect_nats
from shared.devstack.children import spawn, stop_process
from shared.devstack.nats import find_nats_server
from shared.devstack.ports import free_port, wait_for_port
from shared.nats_permissions import authorization, describe, users

ROOT = Path(__file__).resolve().parents[2]
SERVICES = sorted(p.parent.name for p in (ROOT / "services").glob("*/pyproject.toml"))


def issue(
    subject: str,
    key: ec.EllipticCurvePrivateKey,
    issuer: tuple[x509.Name, ec.EllipticCurvePrivateKey] | None,
    *,
    ca: bool,
) -> x509.Certificate:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    issuer_name, signer = issuer if issuer else (name, key)
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if not ca:
        builder = builder.add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
    return builder.sign(signer, hashes.SHA256())


def pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    root = tmp_path_factory.mktemp("nats-tls")
    ca_key, server_key = (
        ec.generate_private_key(ec.SECP256R1()),
        ec.generate_private_key(ec.SECP256R1()),
    )
    ca = issue("unionhub-nats-ca", ca_key, None, ca=True)
    server = issue("nats", server_key, (ca.subject, ca_key), ca=False)
    (root / "ca.crt").write_bytes(pem(ca))
    (root / "tls.crt").write_bytes(pem(server))
    (root / "tls.key").write_bytes(
        server_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    port = free_port()
    config = {
        "host": "127.0.0.1",
        "port": port,
        "tls": {"cert_file": str(root / "tls.crt"), "key_file": str(root / "tls.key")},
        "authorization": authorization(users(describe(SERVICES)), lambda u: f"pw-{u}"),
    }
    (root / "nats.conf").write_text(json.dumps(config), encoding="utf-8")
    with (root / "nats.log").open("ab") as log:
        process = spawn(
            [find_nats_server(), "-c", str(root / "nats.conf")],
            death_signal=signal.SIGKILL,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for_port(port)
        yield port, root / "ca.crt"
    finally:
        stop_process(process, signal.SIGTERM, 2.0)


def configured_ca_path(service: str) -> str:
    """SSL_CERT_FILE of the service's ConfigMap, checked against the ``ca`` volume it names."""
    base = ROOT / "deploy" / "base" / service
    settings = yaml.safe_load((base / "configmap.yaml").read_text(encoding="utf-8"))["data"]
    deployment = yaml.safe_load((base / "deployment-api.yaml").read_text(encoding="utf-8"))
    pod = deployment["spec"]["template"]["spec"]
    [mount] = [m for m in pod["containers"][0]["volumeMounts"] if m["name"] == "ca"]
    [volume] = [v for v in pod["volumes"] if v["name"] == "ca"]
    files = {
        f"{mount['mountPath']}/{item['path']}": source["secret"]["name"]
        for source in volume["projected"]["sources"]
        for item in source["secret"]["items"]
    }
    assert files[settings["SSL_CERT_FILE"]] == "nats-ca", "SSL_CERT_FILE names the NATS CA"
    assert "NATS_URL" not in settings, "the URL carries a password: it is a secret"
    external = yaml.safe_load((base / "externalsecret.yaml").read_text(encoding="utf-8"))
    url = external["spec"]["target"]["template"]["data"]["NATS_URL"]
    assert url.startswith(f"tls://{service}:")
    return str(settings["SSL_CERT_FILE"])


@pytest.mark.parametrize("service", [s for s in SERVICES if s != "portal"])  # no NATS user
async def test_the_kit_connects_over_tls_as_the_service_user(
    tls_server: tuple[int, Path], service: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert configured_ca_path(service).endswith("nats-ca.crt")
    port, ca = tls_server
    monkeypatch.setenv("SSL_CERT_FILE", str(ca))  # where the pod's projected volume puts it
    url = f"tls://{service}:pw-{service}@localhost:{port}"
    nc = await asyncio.wait_for(connect_nats([url], f"{service}-tls-test"), 10)
    try:
        assert nc.is_connected
        assert nc.connected_url is not None
        assert nc.connected_url.scheme == "tls"
        await nc.flush(timeout=2)
    finally:
        await nc.close()


async def test_a_client_that_does_not_trust_the_ca_is_refused(
    tls_server: tuple[int, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    port, _ = tls_server
    other = issue("another-ca", ec.generate_private_key(ec.SECP256R1()), None, ca=True)
    (tmp_path / "other.crt").write_bytes(pem(other))
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "other.crt"))
    with pytest.raises(Exception):  # noqa: B017, PT011 - nats-py wraps the TLS failure variously
        await nats.connect(
            f"tls://membership:pw-membership@localhost:{port}",
            allow_reconnect=False,
            max_reconnect_attempts=0,
            connect_timeout=3,
        )


async def test_plain_text_and_a_wrong_password_are_refused(
    tls_server: tuple[int, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    port, ca = tls_server
    monkeypatch.setenv("SSL_CERT_FILE", str(ca))
    # The server announces that it takes no client without TLS (clients upgrade at once).
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        info = await asyncio.wait_for(reader.readline(), 3)
    finally:
        writer.close()
    assert info.startswith(b"INFO ")
    assert json.loads(info[5:])["tls_required"] is True
    with pytest.raises(Exception, match=r"[Aa]uthorization"):
        await nats.connect(
            f"tls://membership:wrong@localhost:{port}", allow_reconnect=False, connect_timeout=3
        )
