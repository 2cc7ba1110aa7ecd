"""A real two-node Ray cluster on this machine, started once per test session.

``ray start --block`` keeps each node's launcher in the foreground, in a session of its
own, so teardown can stop exactly the processes this fixture started (by session id,
never ``ray stop``, which would hit other users' clusters on a shared machine). Every
port is picked free and every node has a custom resource naming it (``node_head``,
``node_worker``) plus one ``replica_slot``: replicas that ask for a slot must land on
different nodes, and the node ids they report prove which node did the work.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RAY = str(Path(sys.executable).with_name("ray"))
OBJECT_STORE_BYTES = 200 * 1024 * 1024


def free_ports(count: int) -> list[int]:
    """Ports free right now (held open together so they differ)."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def cluster_env() -> dict[str, str]:
    """The nodes' environment: this checkout importable, offline, no usage stats."""
    return {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "RAY_USAGE_STATS_ENABLED": "0",
        # a ray.init() elsewhere on the machine may have written ~/.ray/auth_token; this
        # cluster and its clients must agree, so token auth is off for all of them
        "RAY_AUTH_MODE": "disabled",
        # a busy CI machine can take longer than the default 30 s to register a node
        "RAY_raylet_start_wait_time_s": "180",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "TOKENIZERS_PARALLELISM": "false",
        "OMP_NUM_THREADS": "1",
    }


@dataclass
class RayNode:
    """One ``ray start --block`` launcher and the log it writes."""

    name: str
    process: subprocess.Popen[bytes]
    log: Path

    def kill(self) -> None:
        """SIGKILL every process of this node's session: a node lost without warning."""
        _signal_session(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)

    def stop(self) -> None:
        """Ask the launcher to stop its node, then kill whatever of its session is left."""
        if self.process.poll() is None:
            self.process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=5)
        self.kill()


@dataclass
class RayCluster:
    address: str
    temp_dir: Path
    nodes: list[RayNode] = field(default_factory=list)

    def start_node(self, name: str, *, head: bool = False) -> RayNode:
        """Start a node with a custom resource ``name`` and one replica slot."""
        ports = free_ports(20)
        args = [
            RAY,
            "start",
            "--block",
            "--num-cpus=1",
            f"--object-store-memory={OBJECT_STORE_BYTES}",
            f"--resources={json.dumps({name: 1, 'replica_slot': 1})}",
            f"--node-manager-port={ports[0]}",
            f"--object-manager-port={ports[1]}",
            f"--metrics-export-port={ports[2]}",
            f"--dashboard-agent-listen-port={ports[3]}",
            f"--dashboard-agent-grpc-port={ports[4]}",
            f"--runtime-env-agent-port={ports[5]}",
            f"--worker-port-list={','.join(map(str, ports[8:]))}",
        ]
        if head:
            port = self.address.rpartition(":")[2]
            args += [
                "--head",
                f"--port={port}",
                f"--ray-client-server-port={ports[6]}",
                "--include-dashboard=false",
                f"--temp-dir={self.temp_dir}",
            ]
        else:
            args.append(f"--address={self.address}")
        log = self.temp_dir / f"{name}.log"
        with log.open("wb") as out:
            proc = subprocess.Popen(
                args,
                env=cluster_env(),
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        node = RayNode(name, proc, log)
        self.nodes.append(node)
        return node

    def wait_for_nodes(self, names: set[str], timeout: float = 120) -> dict[str, str]:
        """Block until a node with each resource name is alive; return name -> node id."""
        deadline = time.monotonic() + timeout
        found: dict[str, str] = {}
        while time.monotonic() < deadline:
            found = alive_nodes(self.address)
            if names <= set(found):
                return found
            for node in self.nodes:
                if node.process.poll() is not None:
                    raise RuntimeError(
                        f"ray node {node.name} exited:\n{node.log.read_text()[-3000:]}"
                    )
            time.sleep(1)
        raise TimeoutError(f"ray nodes {sorted(names - set(found))} did not join in {timeout} s")

    def stop(self) -> None:
        for node in reversed(self.nodes):
            node.stop()
        shutil.rmtree(self.temp_dir, ignore_errors=True)


_NODES_SCRIPT = """
import json, sys, ray
ray.init(address=sys.argv[1], logging_level="ERROR", log_to_driver=False)
print(json.dumps({r: n["NodeID"] for n in ray.nodes() if n["Alive"]
                  for r in n["Resources"] if r.startswith("node_")}))
"""


def alive_nodes(address: str) -> dict[str, str]:
    """Resource name -> node id of the cluster's live nodes (asked from a throwaway driver)."""
    done = subprocess.run(
        [sys.executable, "-c", _NODES_SCRIPT, address],
        env=cluster_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    if done.returncode != 0:
        return {}
    lines = done.stdout.strip().splitlines()
    return json.loads(lines[-1]) if lines else {}


def _signal_session(session_id: int, sig: signal.Signals) -> None:
    """Send ``sig`` to every process whose session id is ``session_id`` (ours alone)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[3]) == session_id:  # fields after "(comm)": state ppid pgrp session
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(int(entry.name), sig)


def start_cluster() -> RayCluster:
    """Head plus one worker node, both alive, with a temp dir short enough for sockets."""
    temp_dir = Path(tempfile.mkdtemp(prefix="mray-", dir="/tmp"))
    cluster = RayCluster(f"127.0.0.1:{free_ports(1)[0]}", temp_dir)
    try:
        cluster.start_node("node_head", head=True)
        cluster.wait_for_nodes({"node_head"})
        cluster.start_node("node_worker")
        cluster.wait_for_nodes({"node_head", "node_worker"})
    except BaseException:
        cluster.stop()
        raise
    return cluster
