/**
 * The jumps kube-proxy installs from the built-in chains (docs §6). They are
 * not in its restore data: each is checked with `iptables -C` and, if
 * missing, inserted at the top with `iptables -I`, so on a clean node a
 * built-in chain ends up holding them in reverse list order. kpviz writes
 * them as `-A` lines in that final order so the text loads into a bare kernel.
 */
import type { Hook } from '../model/names.ts';
import {
  KUBE_EXTERNAL_SERVICES,
  KUBE_FIREWALL,
  KUBE_FORWARD,
  KUBE_NODEPORTS,
  KUBE_POSTROUTING,
  KUBE_PROXY_FIREWALL,
  KUBE_SERVICES,
} from './chain-names.ts';
import { line, quoted } from './rule-line.ts';

export interface JumpChain {
  readonly table: 'filter' | 'nat';
  readonly dstChain: string;
  readonly srcChain: Hook;
  readonly comment: string;
  readonly extraArgs: readonly string[];
}

const NEW = ['-m', 'conntrack', '--ctstate', 'NEW'] as const;

/**
 * iptablesJumpChains + iptablesKubeletJumpChains, profile current. kube-proxy
 * ensures KUBE-FIREWALL and its INPUT/OUTPUT jumps always, even when it writes
 * no rule into it (IPv6, or no localhost node ports).
 */
export function currentJumpChains(): JumpChain[] {
  const jumps: JumpChain[] = [
    {
      table: 'filter',
      dstChain: KUBE_EXTERNAL_SERVICES,
      srcChain: 'INPUT',
      comment: 'kubernetes externally-visible service portals',
      extraArgs: NEW,
    },
    {
      table: 'filter',
      dstChain: KUBE_EXTERNAL_SERVICES,
      srcChain: 'FORWARD',
      comment: 'kubernetes externally-visible service portals',
      extraArgs: NEW,
    },
    {
      table: 'filter',
      dstChain: KUBE_NODEPORTS,
      srcChain: 'INPUT',
      comment: 'kubernetes health check service ports',
      extraArgs: [],
    },
    {
      table: 'filter',
      dstChain: KUBE_SERVICES,
      srcChain: 'FORWARD',
      comment: 'kubernetes service portals',
      extraArgs: NEW,
    },
    {
      table: 'filter',
      dstChain: KUBE_SERVICES,
      srcChain: 'OUTPUT',
      comment: 'kubernetes service portals',
      extraArgs: NEW,
    },
    {
      table: 'filter',
      dstChain: KUBE_FORWARD,
      srcChain: 'FORWARD',
      comment: 'kubernetes forwarding rules',
      extraArgs: [],
    },
    {
      table: 'filter',
      dstChain: KUBE_PROXY_FIREWALL,
      srcChain: 'INPUT',
      comment: 'kubernetes load balancer firewall',
      extraArgs: NEW,
    },
    {
      table: 'filter',
      dstChain: KUBE_PROXY_FIREWALL,
      srcChain: 'OUTPUT',
      comment: 'kubernetes load balancer firewall',
      extraArgs: NEW,
    },
    {
      table: 'filter',
      dstChain: KUBE_PROXY_FIREWALL,
      srcChain: 'FORWARD',
      comment: 'kubernetes load balancer firewall',
      extraArgs: NEW,
    },
    {
      table: 'nat',
      dstChain: KUBE_SERVICES,
      srcChain: 'OUTPUT',
      comment: 'kubernetes service portals',
      extraArgs: [],
    },
    {
      table: 'nat',
      dstChain: KUBE_SERVICES,
      srcChain: 'PREROUTING',
      comment: 'kubernetes service portals',
      extraArgs: [],
    },
  ];
  jumps.push(
    { table: 'filter', dstChain: KUBE_FIREWALL, srcChain: 'INPUT', comment: '', extraArgs: [] },
    { table: 'filter', dstChain: KUBE_FIREWALL, srcChain: 'OUTPUT', comment: '', extraArgs: [] },
  );
  jumps.push({
    table: 'nat',
    dstChain: KUBE_POSTROUTING,
    srcChain: 'POSTROUTING',
    comment: 'kubernetes postrouting rules',
    extraArgs: [],
  });
  return jumps;
}

/**
 * v1.9's EnsureRule(Prepend, …) calls (docs §9.2): one jump per built-in
 * chain. With `withKubeletFirewall`, kubelet's own INPUT/OUTPUT jumps to its
 * KUBE-FIREWALL chain come first: kubelet starts before kube-proxy, so its
 * prepends end up below kube-proxy's.
 */
export function legacyJumpChains(withKubeletFirewall = false): JumpChain[] {
  const kubelet: JumpChain[] = withKubeletFirewall
    ? [
        { table: 'filter', dstChain: KUBE_FIREWALL, srcChain: 'INPUT', comment: '', extraArgs: [] },
        {
          table: 'filter',
          dstChain: KUBE_FIREWALL,
          srcChain: 'OUTPUT',
          comment: '',
          extraArgs: [],
        },
      ]
    : [];
  return [
    ...kubelet,
    {
      table: 'filter',
      dstChain: KUBE_SERVICES,
      srcChain: 'INPUT',
      comment: 'kubernetes service portals',
      extraArgs: [],
    },
    {
      table: 'filter',
      dstChain: KUBE_SERVICES,
      srcChain: 'OUTPUT',
      comment: 'kubernetes service portals',
      extraArgs: [],
    },
    {
      table: 'nat',
      dstChain: KUBE_SERVICES,
      srcChain: 'OUTPUT',
      comment: 'kubernetes service portals',
      extraArgs: [],
    },
    {
      table: 'nat',
      dstChain: KUBE_SERVICES,
      srcChain: 'PREROUTING',
      comment: 'kubernetes service portals',
      extraArgs: [],
    },
    {
      table: 'nat',
      dstChain: KUBE_POSTROUTING,
      srcChain: 'POSTROUTING',
      comment: 'kubernetes postrouting rules',
      extraArgs: [],
    },
    {
      table: 'filter',
      dstChain: KUBE_FORWARD,
      srcChain: 'FORWARD',
      comment: 'kubernetes forward rules',
      extraArgs: [],
    },
  ];
}

const HOOK_ORDER: readonly Hook[] = ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'];

/** The jumps of one table as `-A` lines, each built-in chain in its final top-down order. */
export function jumpLines(jumps: readonly JumpChain[], table: 'filter' | 'nat'): string[] {
  const out: string[] = [];
  for (const hook of HOOK_ORDER) {
    const mine = jumps.filter((j) => j.table === table && j.srcChain === hook);
    // Each was inserted at position 1, so the last inserted is on top.
    for (const j of [...mine].reverse()) {
      const comment = j.comment ? ['-m', 'comment', '--comment', quoted(j.comment)] : [];
      out.push(line('-A', j.srcChain, j.extraArgs, comment, '-j', j.dstChain));
    }
  }
  return out;
}
