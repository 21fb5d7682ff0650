#!/usr/bin/env python3
"""The node-side helper of kpviz's kernel probe harness (kernel/probe.ts); standard library only.

Runs inside the node's network namespace, in one of two modes (the first argument):

send -- reads {"packets": [...], "answersTable": "kpviz_probe"} on stdin, one item per packet:
  {"src": "10.0.0.9", "dst": "10.96.0.1", "protocol": "tcp" | "udp" | "sctp",
   "sport": 40000, "dport": 80,
   "netns": "kpviz-…", "ifname": "peer", "srcMac": "02:…", "dstMac": "02:…"}
  With "ifname", the packet goes out as an Ethernet frame on that interface (AF_PACKET) of
  namespace "netns" (default: ours); without, a raw IPv4 socket (IP_HDRINCL) of our namespace
  sends it, so it takes the OUTPUT path with exactly the given source. TCP is a SYN (60 bytes,
  the options Linux puts on one), UDP a datagram without payload (28 bytes), SCTP an INIT
  (52 bytes). Then it waits until the kernel has processed them all, and writes JSON:
  {"failures": [{"index": i, "error": "EPERM"}, …],   # sends that failed (local packets)
   "conntrack": "<the text of /proc/net/nf_conntrack>",
   "save": "<what iptables-save -c printed>",
   "answers": {"rst": n, "other": n},                  # the answersTable's counters
   "backlogDrops": n}                                  # packets the kernel lost on input queues

reset -- empties every /proc/net/xt_recent list, flushes conntrack (`conntrack -F`), zeroes
  every iptables counter (`iptables-restore --noflush` with `-Z` per table).

Waiting for the kernel: the process pins itself to one CPU and sends every packet from there.
A frame written to a veth, and a packet a local probe sends to one of the node's own addresses
(through lo), queue on that CPU's input backlog, which is processed in order. The last packet
is an IPv6 UDP datagram from ::1 to a socket of ours on ::1: it queues behind all of them, so
when it arrives every probe has been through netfilter. (IPv6, so that no iptables chain sees it.)
Sockets of other namespaces are made after setns() into them (a socket stays in the namespace it
was made in), so one process serves the whole batch, in order.
"""

import ctypes
import errno
import json
import os
import re
import socket
import struct
import subprocess
import sys

ETH_P_IP = 0x0800


def checksum16(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def _crc32c_table() -> list:
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


CRC32C = _crc32c_table()


def crc32c(data: bytes) -> int:
    crc = 0xFFFFFFFF
    for b in data:
        crc = (crc >> 8) ^ CRC32C[(crc ^ b) & 0xFF]
    return crc ^ 0xFFFFFFFF


def pseudo_header(src: bytes, dst: bytes, proto: int, length: int) -> bytes:
    return src + dst + struct.pack("!BBH", 0, proto, length)


def tcp_syn(src: bytes, dst: bytes, sport: int, dport: int, seq: int) -> bytes:
    # Options as Linux sends them on a SYN (MSS, SACK permitted, timestamps, NOP, window
    # scale): 40 bytes of TCP header, a 60-byte packet.
    options = (
        struct.pack("!BBH", 2, 4, 1460)
        + struct.pack("!BB", 4, 2)
        + struct.pack("!BBII", 8, 10, 1, 0)
        + struct.pack("!B", 1)
        + struct.pack("!BBB", 3, 3, 7)
    )
    offset = (20 + len(options)) // 4
    header = struct.pack("!HHIIBBHHH", sport, dport, seq, 0, offset << 4, 0x02, 64240, 0, 0)
    segment = header + options
    csum = checksum16(pseudo_header(src, dst, socket.IPPROTO_TCP, len(segment)) + segment)
    return segment[:16] + struct.pack("!H", csum) + segment[18:]


def udp(src: bytes, dst: bytes, sport: int, dport: int) -> bytes:
    datagram = struct.pack("!HHHH", sport, dport, 8, 0)
    csum = checksum16(pseudo_header(src, dst, socket.IPPROTO_UDP, len(datagram)) + datagram)
    return datagram[:6] + struct.pack("!H", csum or 0xFFFF)


def sctp_init(sport: int, dport: int, tag: int) -> bytes:
    # Common header with verification tag 0 (an INIT must carry 0), then one INIT chunk:
    # initiate tag, a_rwnd, outbound / inbound streams, initial TSN.
    chunk = struct.pack("!BBHIIHHI", 1, 0, 20, tag, 65535, 10, 65535, tag)
    packet = struct.pack("!HHII", sport, dport, 0, 0) + chunk
    # RFC 4960 appendix B: the CRC32c goes on the wire least significant byte first.
    return packet[:8] + struct.pack("<I", crc32c(packet)) + packet[12:]


def ipv4(src: bytes, dst: bytes, proto: int, ident: int, payload: bytes) -> bytes:
    header = struct.pack(
        "!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, 0, 64, proto, 0, src, dst
    )
    return header[:10] + struct.pack("!H", checksum16(header)) + header[12:] + payload


def build(item: dict, index: int) -> bytes:
    src = socket.inet_aton(item["src"])
    dst = socket.inet_aton(item["dst"])
    proto = item["protocol"]
    sport, dport = item["sport"], item["dport"]
    if proto == "tcp":
        number, payload = socket.IPPROTO_TCP, tcp_syn(src, dst, sport, dport, 1000 + index)
    elif proto == "udp":
        number, payload = socket.IPPROTO_UDP, udp(src, dst, sport, dport)
    elif proto == "sctp":
        number, payload = socket.IPPROTO_SCTP, sctp_init(sport, dport, 0x1000 + index)
    else:
        raise ValueError(f"unknown protocol {proto!r}")
    return ipv4(src, dst, number, (index % 0xFFFF) + 1, payload)


def mac(text: str) -> bytes:
    return bytes(int(part, 16) for part in text.split(":"))


NETNS_NAME = re.compile(r"^kpviz-[A-Za-z0-9][A-Za-z0-9_.-]*$")
CLONE_NEWNET = 0x40000000
_libc = ctypes.CDLL(None, use_errno=True)


def setns(fd: int) -> None:
    if _libc.setns(fd, CLONE_NEWNET) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"setns: {os.strerror(err)}")


class Senders:
    """The sockets of a batch: one AF_PACKET socket per (namespace, interface), one raw socket."""

    def __init__(self) -> None:
        self.home = os.open("/proc/self/ns/net", os.O_RDONLY)
        self.packet = {}
        self.raw = None

    def packet_socket(self, netns, ifname: str) -> socket.socket:
        key = (netns, ifname)
        sock = self.packet.get(key)
        if sock is not None:
            return sock
        if netns is None:
            sock = self._bound(ifname)
        else:
            if not NETNS_NAME.match(netns):
                raise ValueError(f"refusing namespace {netns!r}")
            fd = os.open(f"/run/netns/{netns}", os.O_RDONLY)
            try:
                setns(fd)
                try:
                    sock = self._bound(ifname)
                finally:
                    setns(self.home)
            finally:
                os.close(fd)
        self.packet[key] = sock
        return sock

    @staticmethod
    def _bound(ifname: str) -> socket.socket:
        sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
        sock.bind((ifname, 0))
        return sock

    def raw_socket(self) -> socket.socket:
        if self.raw is None:
            # IPPROTO_RAW implies IP_HDRINCL: the header goes out as written.
            self.raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
        return self.raw


def softnet_drops() -> int:
    """Packets dropped because a CPU's input backlog was full (all CPUs, all namespaces)."""
    with open("/proc/net/softnet_stat") as f:
        return sum(int(line.split()[1], 16) for line in f if line.strip())


def wait_for_backlog(timeout: float) -> None:
    """Return once every packet queued on this CPU's backlog before now has been processed."""
    with socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as sock:
        sock.bind(("::1", 0))
        sock.settimeout(timeout)
        token = os.urandom(8)
        sock.sendto(token, sock.getsockname()[:2])
        while sock.recv(64) != token:
            pass


def run_all(commands: list) -> list:
    """Run (argv, stdin text) commands at the same time; their outputs, or raise on a failure."""
    procs = []
    for argv, stdin in commands:
        pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
        procs.append((argv, subprocess.Popen(argv, text=True, **pipes), stdin))
    outputs = []
    failed = []
    for argv, proc, stdin in procs:
        out, err = proc.communicate(stdin)
        if proc.returncode != 0:
            failed.append(f"{' '.join(argv)} failed (exit {proc.returncode}): {err.strip()}")
        outputs.append(out)
    if failed:
        raise RuntimeError("\n".join(failed))
    return outputs


def send(request: dict) -> dict:
    # One CPU, so that every packet queues on the same backlog (see the module comment).
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    senders = Senders()
    # Build everything and open every socket first: the sends then follow each other closely.
    plan = []
    for index, item in enumerate(request["packets"]):
        packet = build(item, index)
        ifname = item.get("ifname")
        if ifname is None:
            plan.append((index, senders.raw_socket(), packet, item["dst"]))
        else:
            frame = mac(item["dstMac"]) + mac(item["srcMac"]) + struct.pack("!H", ETH_P_IP)
            sock = senders.packet_socket(item.get("netns"), ifname)
            plan.append((index, sock, frame + packet, None))
    drops = softnet_drops()
    failures = []
    for index, sock, data, dst in plan:
        try:
            if dst is None:
                sock.send(data)
            else:
                sock.sendto(data, (dst, 0))
        except OSError as err:
            failures.append({"index": index, "error": errno.errorcode.get(err.errno, str(err))})
    wait_for_backlog(10.0)
    drops = softnet_drops() - drops
    with open("/proc/net/nf_conntrack") as f:
        conntrack = f.read()
    save, nft = run_all(
        [
            (["iptables-save", "-c"], ""),
            (["nft", "-j", "list", "counters", "table", "ip", request["answersTable"]], ""),
        ]
    )
    counters = {
        item["counter"]["name"]: item["counter"]["packets"]
        for item in json.loads(nft)["nftables"]
        if "counter" in item
    }
    return {
        "failures": failures,
        "conntrack": conntrack,
        "save": save,
        "answers": {"rst": counters.get("rst", 0), "other": counters.get("other", 0)},
        "backlogDrops": drops,
    }


def reset() -> dict:
    recent = "/proc/net/xt_recent"
    lists = sorted(os.listdir(recent)) if os.path.isdir(recent) else []
    for name in lists:
        with open(os.path.join(recent, name), "w") as f:
            f.write("/\n")  # "/" empties the list
    # `-Z` of a table the node does not have creates nothing.
    zero = "".join(f"*{t}\n-Z\nCOMMIT\n" for t in ("raw", "mangle", "nat", "filter", "security"))
    run_all([(["conntrack", "-F"], ""), (["iptables-restore", "--noflush"], zero)])
    return {"recentLists": lists}


def main() -> int:
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "send":
        result = send(json.load(sys.stdin))
    elif mode == "reset":
        result = reset()
    else:
        print(f"usage: {sys.argv[0]} send|reset", file=sys.stderr)
        return 2
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
