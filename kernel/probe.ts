/**
 * The kernel probe harness: real packets through real rules, and what the kernel did with them.
 *
 * A `KernelNode` builds a node after a `NodeModel` out of network namespaces (all made through
 * `TestNamespaces`, so named `kpviz-<pid>-…` and deleted by the test suite): a "node" namespace
 * that holds the rules, and for each interface of the model a veth pair whose node end carries
 * the model's name and addresses and whose other end sits alone in a "wire" namespace. Probes
 * from an interface are Ethernet frames written onto its wire end; probes from `local` leave a
 * raw IPv4 socket of the node, so they take OUTPUT with exactly their source. `send()` reports,
 * per probe, the conntrack entry the kernel confirmed (original and reply tuple), and per rule
 * the packet counter `iptables-save -c` prints. See kernel/NOTES.md, "Probe harness".
 *
 * Nothing here touches the root namespace: every command runs inside our namespaces, and a
 * node namespace has no link but our veths, so no probe can leave the machine.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDump } from '../src/domain/parse/parse-dump.ts';
import { parseAddress, parseCidr as parseSimCidr } from '../src/domain/sim/ipv4.ts';
import type { NodeModel, Protocol, Tuple } from '../src/domain/sim/types.ts';
import { findBinary, iptablesRestore, run, runIn } from './netns.ts';
import type { TestNamespaces } from './netns.ts';

export type ProbeProtocol = 'tcp' | 'udp' | 'sctp';

/** One packet to send: a TCP SYN, a UDP datagram without payload, or an SCTP INIT. */
export interface Probe {
  /** Unique within a batch; names the probe's observation. */
  readonly id: string;
  readonly src: string;
  /** Absent: a port no other probe since the last reset used with this source. */
  readonly sport?: number;
  readonly dst: string;
  /** Absent: 80. */
  readonly dport?: number;
  readonly protocol: ProbeProtocol;
  /** Node interface name the packet arrives on, or 'local' (sent by a process on the node). */
  readonly from: string;
  /**
   * The answer on an earlier probe's connection, sent from its reply tuple (sport given): it
   * joins that connection's conntrack entry, so its (src, sport) may repeat and it is reported
   * with no entry of its own.
   */
  readonly reply?: true;
}

/** A probe as it was sent: ports filled in. */
export interface SentProbe extends Probe {
  readonly sport: number;
  readonly dport: number;
}

/** A conntrack entry as the kernel lists it (`conntrack -L`, /proc/net/nf_conntrack). */
export interface ObservedConntrack {
  readonly original: Tuple;
  readonly reply: Tuple;
  /** Protocol state (`SYN_SENT`, `CLOSED` for an SCTP INIT); absent for UDP. */
  readonly state?: string;
  /** `UNREPLIED`, `ASSURED`… */
  readonly flags: readonly string[];
  readonly mark: number;
}

export interface ProbeObservation {
  readonly id: string;
  readonly probe: SentProbe;
  /**
   * The conntrack entry the probe created. Absent: no entry was confirmed, so the packet was
   * dropped or rejected (by a rule or by routing) before conntrack's confirm step.
   */
  readonly conntrack?: ObservedConntrack;
  /**
   * Local probes only: the errno the raw socket's sendto() gave, e.g. `EPERM` when a rule of
   * OUTPUT or POSTROUTING dropped it, `ENETUNREACH` when there was no route (then no chain saw
   * it). Absent when the send succeeded.
   */
  readonly sendError?: string;
}

export interface KernelRun {
  readonly observations: readonly ProbeObservation[];
  /**
   * `table/CHAIN#n` (n: 1-based index of the rule within its chain) → packet counter, for every
   * rule of every table, counted since the last reset() or load().
   */
  readonly counters: ReadonlyMap<string, bigint>;
  /**
   * `table/CHAIN` → packets that reached the end of that built-in chain and met its policy
   * (iptables-save's `:FORWARD ACCEPT [1:60]`), since the last reset() or load().
   */
  readonly policies: ReadonlyMap<string, bigint>;
  /** Raw `iptables-save -c` text. */
  readonly save: string;
  /**
   * The node's own answers since the last reset (TCP RSTs; ICMP errors such as REJECT's or a
   * closed UDP port's), dropped before iptables' first OUTPUT chain so that they move no counter.
   */
  readonly answers: { readonly tcpResets: number; readonly other: number };
  /**
   * Conntrack entries (as /proc/net/nf_conntrack lists them) that belong to no probe sent since
   * the last reset; normally none.
   */
  readonly unmatchedConntrack: readonly string[];
}

const HERE = dirname(fileURLToPath(import.meta.url));
const SENDER = join(HERE, 'send-probes.py');
const PROBE_TABLE = 'kpviz_probe';
const WIRE_IF = 'peer';
const FIRST_AUTO_PORT = 20000;
const LAST_AUTO_PORT = 60999;

/*
 * Our own nft table in the node namespace.
 * - answer, at priority -500 of the output hook: before iptables' raw table (-300) and conntrack
 *   (-200). It drops what the node itself sends besides the probes (which are all TCP SYNs, UDP
 *   or SCTP): the TCP RSTs of closed ports and of REJECT, ICMP errors. They would otherwise walk
 *   OUTPUT and POSTROUTING, move the counters of rules there, and (a RST) delete the probe's
 *   conntrack entry. Its counters say how many there were.
 * - track: a rule that uses conntrack. The kernel tracks connections in a namespace only once a
 *   rule needs it (iptables' nat table, `-m conntrack`, `-m state`…); a filter-only ruleset
 *   would otherwise leave every probe untracked. Nodes that kube-proxy runs always track, and
 *   the simulator assumes so.
 */
const PROBE_NFT = `table ip ${PROBE_TABLE} {
  counter rst { }
  counter other { }
  chain answer {
    type filter hook output priority -500; policy accept;
    tcp flags & rst == rst counter name "rst" drop
    meta l4proto != { tcp, udp, sctp } counter name "other" drop
  }
  chain track {
    type filter hook postrouting priority 1000; policy accept;
    ct state new
  }
}
`;

/** What the harness needs beyond REQUIRED_TOOLS of netns.ts. */
const HARNESS_TOOLS = [
  { bin: 'nft', pkg: 'nftables' },
  { bin: 'python3', pkg: 'python3' },
] as const;

/** The tables iptables-restore may create; load() deletes them first. */
const IPTABLES_TABLES = ['raw', 'mangle', 'nat', 'filter', 'security'] as const;

let pythonPath: string | undefined;

/**
 * The Python interpreter's real path: a version manager's `python3` shim may take half a second
 * to start, the interpreter itself a few milliseconds.
 */
function python(): string {
  pythonPath ??= run('python3', ['-c', 'import sys; print(sys.executable)']).trim();
  return pythonPath;
}

function ipv4ToInt(address: string): number {
  const value = parseAddress(address);
  if (value === undefined) throw new Error(`not an IPv4 address: ${JSON.stringify(address)}`);
  return value;
}

function parseCidr(text: string): { length: number; network: number } {
  const cidr = text.includes('/') ? parseSimCidr(text) : undefined;
  if (!cidr || cidr.prefix === undefined) {
    throw new Error(`not an IPv4 CIDR: ${JSON.stringify(text)}`);
  }
  return { length: cidr.prefix, network: cidr.network };
}

function macFor(kind: 0 | 1, index: number): string {
  const bytes = [0x02, 0x6b, 0x70, kind, (index >> 8) & 0xff, index & 0xff];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

// What the kernel accepts as an interface name (dev_valid_name): 1–15 bytes, no '/', ':' or
// whitespace.
const IFNAME_RE = /^[^/:\s]{1,15}$/;

interface Wire {
  readonly ifname: string;
  readonly netns: string;
  readonly nodeMac: string;
  readonly wireMac: string;
}

/** A parsed conntrack entry and the line it was read from. */
export interface ConntrackLine extends ObservedConntrack {
  readonly line: string;
}

const TRACKED: readonly Protocol[] = ['tcp', 'udp', 'sctp'];

/**
 * Parse conntrack entries as `conntrack -L` or /proc/net/nf_conntrack (which starts each line
 * with `ipv4 2`) prints them; IPv6 entries and protocols other than TCP, UDP and SCTP are
 * skipped.
 */
export function parseConntrack(text: string): ConntrackLine[] {
  const entries: ConntrackLine[] = [];
  for (const line of text.split('\n')) {
    const all = line.trim().split(/\s+/);
    if (all[0] === 'ipv6') continue;
    const tokens = all[0] === 'ipv4' ? all.slice(2) : all;
    const protocol = TRACKED.find((p) => p === tokens[0]);
    if (protocol === undefined) continue;
    const tuples: Record<string, string>[] = [];
    const flags: string[] = [];
    let state: string | undefined;
    let mark = 0;
    for (const token of tokens.slice(2)) {
      const eq = token.indexOf('=');
      if (token.startsWith('[') && token.endsWith(']')) {
        flags.push(token.slice(1, -1));
      } else if (eq < 0) {
        // The protocol number, the timeout, then the state.
        if (/^[A-Z_]+$/.test(token)) state = token;
      } else {
        const key = token.slice(0, eq);
        const value = token.slice(eq + 1);
        if (key === 'mark') mark = Number(value);
        else if (['src', 'dst', 'sport', 'dport'].includes(key)) {
          // A key seen again in the current tuple starts the next one (the reply).
          let current = tuples[tuples.length - 1];
          if (!current || key in current) tuples.push((current = {}));
          current[key] = value;
        }
      }
    }
    const [o, r] = tuples;
    if (!o || !r) throw new Error(`unexpected conntrack line: ${line}`);
    const tuple = (t: Record<string, string>): Tuple => ({
      src: t.src ?? '',
      dst: t.dst ?? '',
      protocol,
      sport: Number(t.sport),
      dport: Number(t.dport),
    });
    entries.push({
      line: line.trim(),
      original: tuple(o),
      reply: tuple(r),
      ...(state !== undefined ? { state } : {}),
      flags,
      mark,
    });
  }
  return entries;
}

/**
 * From an `iptables-save -c` text: `table/CHAIN#n` → packets for every rule, and
 * `table/CHAIN` → packets for every built-in chain's policy.
 */
export function saveCounters(save: string): {
  rules: Map<string, bigint>;
  policies: Map<string, bigint>;
} {
  const { ruleset, problems } = parseDump(save, { format: 'save' });
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    throw new Error(
      `iptables-save -c output did not parse:\n${errors.map((p) => `  line ${p.line}: ${p.message}`).join('\n')}`,
    );
  }
  const rules = new Map<string, bigint>();
  const policies = new Map<string, bigint>();
  for (const table of ruleset.tables) {
    for (const chain of table.chains) {
      if (chain.policy !== undefined) {
        policies.set(`${table.name}/${chain.name}`, chain.counters?.packets ?? 0n);
      }
      chain.rules.forEach((rule, i) => {
        const key = `${table.name}/${chain.name}#${i + 1}`;
        if (!rule.counters) throw new Error(`no counters for ${key} in iptables-save -c output`);
        rules.set(key, rule.counters.packets);
      });
    }
  }
  return { rules, policies };
}

interface SenderResult {
  readonly failures: readonly { readonly index: number; readonly error: string }[];
  readonly conntrack: string;
  readonly save: string;
  readonly answers: { readonly rst: number; readonly other: number };
  readonly backlogDrops: number;
}

/** A node after a NodeModel, built of namespaces, that real packets can be sent through. */
export class KernelNode {
  /** The namespace holding the node's interfaces, addresses, routes, sysctls and rules. */
  readonly node: string;
  private readonly wires = new Map<string, Wire>();
  private readonly owned: string[] = [];
  /** Sources and ports used since the last reset: `src:sport` (whatever the protocol). */
  private readonly used = new Set<string>();
  /** The answer counters as last read, and as they were at the last reset. */
  private answersNow = { rst: 0, other: 0 };
  private answersAtReset = { rst: 0, other: 0 };
  private destroyed = false;

  constructor(
    private readonly namespaces: TestNamespaces,
    readonly model: NodeModel,
  ) {
    const missing = HARNESS_TOOLS.filter(({ bin }) => !findBinary(bin));
    if (missing.length > 0) {
      throw new Error(
        `the probe harness needs ${missing.map(({ bin, pkg }) => `\`${bin}\` (Debian package ${pkg})`).join(' and ')}`,
      );
    }
    this.node = namespaces.create('node');
    this.owned.push(this.node);
    try {
      this.build();
    } catch (err) {
      this.destroy();
      throw err;
    }
  }

  private build(): void {
    const { model } = this;
    // `ip -batch`: one process for all the node's links, addresses and routes.
    const batch: string[][] = [];
    const connected = new Set<string>();
    model.interfaces.forEach((iface, k) => {
      if (!IFNAME_RE.test(iface.name)) {
        throw new Error(`interface name ${JSON.stringify(iface.name)} is not valid on Linux`);
      }
      for (const cidr of iface.addresses) {
        const { network, length } = parseCidr(cidr);
        connected.add(`${network}/${length} ${iface.name}`);
      }
      if (iface.name === 'lo') {
        // The namespace's own loopback: it already has 127.0.0.1/8.
        for (const cidr of iface.addresses) {
          if (cidr !== '127.0.0.1/8') batch.push(['addr', 'add', cidr, 'dev', 'lo']);
        }
        return;
      }
      if (this.wires.has(iface.name)) throw new Error(`interface ${iface.name} given twice`);
      const wire: Wire = {
        ifname: iface.name,
        netns: this.namespaces.create(`wire${k}`),
        nodeMac: macFor(0, k + 1),
        wireMac: macFor(1, k + 1),
      };
      this.owned.push(wire.netns);
      this.wires.set(iface.name, wire);
      // `peer … netns W`: the peer end is made directly in the wire namespace.
      batch.push([
        'link',
        'add',
        iface.name,
        'address',
        wire.nodeMac,
        'type',
        'veth',
        'peer',
        'name',
        WIRE_IF,
        'address',
        wire.wireMac,
        'netns',
        wire.netns,
      ]);
      // The order of `addr add` makes the first address the primary one of its subnet.
      for (const cidr of iface.addresses) batch.push(['addr', 'add', cidr, 'dev', iface.name]);
      // No ARP: every next hop resolves at once (to the interface's own MAC), so forwarded
      // packets leave without waiting for an answer nobody would give, and no "host
      // unreachable" comes back seconds later.
      batch.push(['link', 'set', iface.name, 'arp', 'off', 'up']);
    });
    for (const route of model.routes) {
      const { network, length } = parseCidr(route.destination);
      if (route.via !== undefined) ipv4ToInt(route.via);
      if (!IFNAME_RE.test(route.dev)) throw new Error(`route device ${JSON.stringify(route.dev)}`);
      if (route.via === undefined && connected.has(`${network}/${length} ${route.dev}`)) continue;
      const dest = length === 0 ? 'default' : route.destination;
      // `onlink`: the gateway need not lie in a connected subnet of the device.
      const via = route.via !== undefined ? ['via', route.via, 'onlink'] : [];
      batch.push(['route', 'add', dest, ...via, 'dev', route.dev]);
    }
    for (const args of batch) {
      // Names and addresses were checked above; a batch line is split on blanks.
      if (args.some((a) => /\s/.test(a) || a === ''))
        throw new Error(`bad ip arguments: ${args.join(' ')}`);
    }
    if (batch.length > 0) {
      run('ip', ['-n', this.node, '-batch', '-'], {
        input: batch.map((args) => `${args.join(' ')}\n`).join(''),
      });
    }
    for (const wire of this.wires.values())
      run('ip', ['-n', wire.netns, 'link', 'set', WIRE_IF, 'up']);

    this.setSysctls();
    runIn(this.node, 'nft', ['-f', '-'], { input: PROBE_NFT });
  }

  private setSysctls(): void {
    const { model } = this;
    const devices = ['all', 'default', 'lo', ...this.wires.keys()];
    const conf = (key: string) => devices.map((d) => `/proc/sys/net/ipv4/conf/${d}/${key}`);
    const byValue = new Map<string, string[]>();
    const set = (value: string, paths: readonly string[]) =>
      byValue.set(value, [...(byValue.get(value) ?? []), ...paths]);
    // ip_forward first: writing it resets every device's `forwarding`.
    set(model.ipForward ? '1' : '0', ['/proc/sys/net/ipv4/ip_forward']);
    set(model.routeLocalnet ? '1' : '0', conf('route_localnet'));
    // Reverse-path filtering would drop probes whose source has no route back via their
    // interface; the simulator models a node with it off.
    set('0', conf('rp_filter'));
    set('0', conf('accept_local'));
    // Redirects (forwarding back out of the arrival interface) are ICMP the node sends: off,
    // so that `answers` counts only answers to the probes.
    set('0', conf('send_redirects'));
    // REJECT's ICMP errors are rate-limited (a burst of 6, then one a second): no limit.
    set('0', ['/proc/sys/net/ipv4/icmp_ratelimit']);
    set('1000000', ['/proc/sys/net/ipv4/icmp_msgs_per_sec', '/proc/sys/net/ipv4/icmp_msgs_burst']);
    // `tee` (coreutils) rather than `sysctl` (procps, absent from minimal images).
    for (const [value, paths] of byValue) runIn(this.node, 'tee', paths, { input: `${value}\n` });
  }

  /** Run send-probes.py in the node namespace (`-S`: it needs no site packages). */
  private helper(mode: 'send' | 'reset', input?: object): string {
    return runIn(this.node, python(), ['-S', SENDER, mode], {
      input: input === undefined ? '' : JSON.stringify(input),
    });
  }

  /**
   * Replace the node's rules with `restoreText` (`iptables-restore` input): tables it does not
   * name are deleted too. Then reset().
   */
  load(restoreText: string): void {
    // `add` then `delete`: deletes each table whether or not it exists, in one transaction.
    const input = IPTABLES_TABLES.map((t) => `add table ip ${t}\ndelete table ip ${t}\n`).join('');
    runIn(this.node, 'nft', ['-f', '-'], { input });
    iptablesRestore(this.node, restoreText);
    this.reset();
  }

  /**
   * Start a case afresh: zero every rule and policy counter, flush conntrack, empty every
   * xt_recent list (`-m recent` state), forget the ports used. Not reset: the state of
   * `-m limit`, `hashlimit`, `quota` and `statistic --mode nth` (load() the rules again).
   */
  reset(): void {
    this.helper('reset');
    this.answersAtReset = this.answersNow;
    this.used.clear();
  }

  private resolve(probes: readonly Probe[]): SentProbe[] {
    const ids = new Set<string>();
    const batch = new Set<string>();
    const explicit = new Set(
      probes.filter((p) => p.sport !== undefined).map((p) => `${p.src}:${String(p.sport)}`),
    );
    const next = new Map<string, number>();
    return probes.map((probe) => {
      const what = `probe ${JSON.stringify(probe.id)}`;
      if (ids.has(probe.id)) throw new Error(`${what}: id used twice in the batch`);
      ids.add(probe.id);
      if (!['tcp', 'udp', 'sctp'].includes(probe.protocol)) {
        throw new Error(`${what}: protocol ${probe.protocol} (tcp, udp or sctp)`);
      }
      ipv4ToInt(probe.src);
      ipv4ToInt(probe.dst);
      if (probe.from !== 'local' && !this.wires.has(probe.from)) {
        throw new Error(
          `${what}: from ${JSON.stringify(probe.from)} is neither 'local' nor an interface of the node (${[...this.wires.keys()].join(', ')})`,
        );
      }
      let sport = probe.sport;
      if (sport === undefined) {
        let candidate = next.get(probe.src) ?? FIRST_AUTO_PORT;
        while (
          this.used.has(`${probe.src}:${candidate}`) ||
          explicit.has(`${probe.src}:${candidate}`)
        ) {
          candidate++;
        }
        if (candidate > LAST_AUTO_PORT) throw new Error(`${what}: no free source port left`);
        next.set(probe.src, candidate + 1);
        sport = candidate;
      }
      const dport = probe.dport ?? 80;
      // Port 0 is a legal destination on the wire (kube-proxy's tests write `--dport 0`).
      for (const [port, low] of [
        [sport, 1],
        [dport, 0],
      ] as const) {
        if (!Number.isInteger(port) || port < low || port > 65535) {
          throw new Error(`${what}: port ${port} out of range`);
        }
      }
      const key = `${probe.src}:${sport}`;
      if (probe.reply) {
        if (probe.sport === undefined) throw new Error(`${what}: a reply needs its source port`);
        return { ...probe, sport, dport };
      }
      if (batch.has(key) || this.used.has(key)) {
        throw new Error(
          `${what}: source ${key} was already used since the last reset(); every probe needs its own (src, sport) so that its conntrack entry is its own`,
        );
      }
      batch.add(key);
      return { ...probe, sport, dport };
    });
  }

  /**
   * Send the probes, in the order given, and report what the kernel did once it has processed
   * them all. Counters and `answers` count since the last reset(); the probes' sources and
   * ports stay taken until then.
   */
  send(probes: readonly Probe[]): KernelRun {
    if (this.destroyed) throw new Error('send() after destroy()');
    const sent = this.resolve(probes);
    for (const p of sent) if (!p.reply) this.used.add(`${p.src}:${p.sport}`);
    const packets = sent.map((p) => {
      const packet = {
        src: p.src,
        dst: p.dst,
        protocol: p.protocol,
        sport: p.sport,
        dport: p.dport,
      };
      const wire = this.wires.get(p.from);
      if (!wire) return packet;
      return {
        ...packet,
        netns: wire.netns,
        ifname: WIRE_IF,
        srcMac: wire.wireMac,
        dstMac: wire.nodeMac,
      };
    });
    const result = JSON.parse(
      this.helper('send', { packets, answersTable: PROBE_TABLE }),
    ) as SenderResult;
    if (result.backlogDrops > 0) {
      // A full input queue lost packets (of this batch, or of anything else on the machine).
      throw new Error(
        `the kernel dropped ${result.backlogDrops} packets on a full input backlog during the batch; send fewer probes at once`,
      );
    }
    this.answersNow = result.answers;

    const byOrigin = new Map<string, ConntrackLine>();
    const unmatched: string[] = [];
    for (const e of parseConntrack(result.conntrack)) {
      const key = `${e.original.src}:${e.original.sport}`;
      if (this.used.has(key)) byOrigin.set(`${e.original.protocol} ${key}`, e);
      else unmatched.push(e.line);
    }
    const errors = new Map(result.failures.map((f) => [f.index, f.error]));
    const observations = sent.map((probe, i): ProbeObservation => {
      const entry = probe.reply
        ? undefined
        : byOrigin.get(`${probe.protocol} ${probe.src}:${probe.sport}`);
      const sendError = errors.get(i);
      return {
        id: probe.id,
        probe,
        ...(entry
          ? {
              conntrack: {
                original: entry.original,
                reply: entry.reply,
                ...(entry.state !== undefined ? { state: entry.state } : {}),
                flags: entry.flags,
                mark: entry.mark,
              },
            }
          : {}),
        ...(sendError !== undefined ? { sendError } : {}),
      };
    });
    const { save } = result;
    const { rules, policies } = saveCounters(save);
    return {
      observations,
      counters: rules,
      policies,
      save,
      answers: {
        tcpResets: this.answersNow.rst - this.answersAtReset.rst,
        other: this.answersNow.other - this.answersAtReset.other,
      },
      unmatchedConntrack: unmatched,
    };
  }

  /** Delete every namespace of the node (its veths go with them). Safe to call twice. */
  destroy(): void {
    this.destroyed = true;
    const errors: Error[] = [];
    for (const ns of this.owned.splice(0).reverse()) {
      try {
        this.namespaces.delete(ns);
      } catch (err) {
        errors.push(err as Error);
      }
    }
    if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\n'));
  }
}
