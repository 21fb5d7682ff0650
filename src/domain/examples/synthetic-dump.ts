/**
 * A large kube-proxy-style nat table, as iptables-save prints it from a node
 * running kube-proxy with many ClusterIP + NodePort Services, for benchmarks
 * and size tests. Deterministic: the same size gives the same text.
 */
export interface SyntheticDumpOptions {
  readonly services: number;
  /** Endpoints per Service (kube-proxy's random split over them). */
  readonly endpoints?: number;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A 16-character chain suffix in the shape of kube-proxy's hashed names. */
function hashName(seed: number): string {
  let x = (seed * 2654435761) >>> 0;
  let out = '';
  for (let i = 0; i < 16; i++) {
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    out += BASE32[x & 31];
  }
  return out;
}

const ip = (base: number, n: number): string =>
  `${base}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;

/** Each endpoint's probability as kube-proxy computes it and the kernel prints it. */
function probability(index: number, count: number): string {
  const p = 1 / (count - index);
  return (Math.round(p * 0x80000000) / 0x80000000).toFixed(11);
}

export function syntheticDump({ services, endpoints = 3 }: SyntheticDumpOptions): string {
  const chains: string[] = [':KUBE-SERVICES - [0:0]', ':KUBE-NODEPORTS - [0:0]'];
  const rules: string[] = [];
  for (let s = 0; s < services; s++) {
    const name = `ns${s % 97}/svc${s}:http`;
    const svc = `KUBE-SVC-${hashName(s * 2 + 1)}`;
    const ext = `KUBE-EXT-${hashName(s * 2 + 1)}`;
    const clusterIP = ip(10, s + 1);
    const nodePort = 30000 + (s % 2768);
    chains.push(`:${svc} - [0:0]`, `:${ext} - [0:0]`);
    rules.push(
      `-A KUBE-SERVICES -d ${clusterIP}/32 -p tcp -m comment --comment "${name} cluster IP" -m tcp --dport 80 -j ${svc}`,
      `-A KUBE-NODEPORTS -p tcp -m comment --comment "${name}" -m tcp --dport ${nodePort} -j ${ext}`,
      `-A ${ext} -m comment --comment "masquerade traffic for ${name} external destinations" -j KUBE-MARK-MASQ`,
      `-A ${ext} -j ${svc}`,
      `-A ${svc} ! -s 10.0.0.0/8 -d ${clusterIP}/32 -p tcp -m comment --comment "${name} cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ`,
    );
    for (let e = 0; e < endpoints; e++) {
      const sep = `KUBE-SEP-${hashName(s * 64 + e * 2 + 1000003)}`;
      const podIP = ip(172, s * endpoints + e + 2);
      chains.push(`:${sep} - [0:0]`);
      const split =
        e < endpoints - 1
          ? ` -m statistic --mode random --probability ${probability(e, endpoints)}`
          : '';
      rules.push(
        `-A ${svc} -m comment --comment "${name} -> ${podIP}:8080"${split} -j ${sep}`,
        `-A ${sep} -s ${podIP}/32 -m comment --comment "${name}" -j KUBE-MARK-MASQ`,
        `-A ${sep} -p tcp -m comment --comment "${name}" -m tcp -j DNAT --to-destination ${podIP}:8080`,
      );
    }
  }
  return [
    '*nat',
    ':PREROUTING ACCEPT [0:0]',
    ':INPUT ACCEPT [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    ':POSTROUTING ACCEPT [0:0]',
    ':KUBE-MARK-MASQ - [0:0]',
    ':KUBE-POSTROUTING - [0:0]',
    ...chains,
    '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
    '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000',
    '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
    '-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0',
    '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
    ...rules,
    '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
    'COMMIT',
    '',
  ].join('\n');
}

/** How many Services make a dump of about `lines` lines (3 endpoints each: 17 lines per Service). */
export const servicesForLines = (lines: number): number => Math.max(1, Math.round(lines / 17));
