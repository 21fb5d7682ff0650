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

/** One jump from a built-in chain `from` to `to`, as iptablesJumpChain lists it. */
const jump = (
  table: JumpChain['table'],
  from: Hook,
  to: string,
  comment: string,
  extraArgs: readonly string[] = [],
): JumpChain => ({ table, srcChain: from, dstChain: to, comment, extraArgs });

/**
 * iptablesJumpChains + iptablesKubeletJumpChains, profile current. kube-proxy
 * ensures KUBE-FIREWALL and its INPUT/OUTPUT jumps always, even when it writes
 * no rule into it (IPv6, or no localhost node ports).
 */
export function currentJumpChains(): JumpChain[] {
  return [
    jump(
      'filter',
      'INPUT',
      KUBE_EXTERNAL_SERVICES,
      'kubernetes externally-visible service portals',
      NEW,
    ),
    jump(
      'filter',
      'FORWARD',
      KUBE_EXTERNAL_SERVICES,
      'kubernetes externally-visible service portals',
      NEW,
    ),
    jump('filter', 'INPUT', KUBE_NODEPORTS, 'kubernetes health check service ports'),
    jump('filter', 'FORWARD', KUBE_SERVICES, 'kubernetes service portals', NEW),
    jump('filter', 'OUTPUT', KUBE_SERVICES, 'kubernetes service portals', NEW),
    jump('filter', 'FORWARD', KUBE_FORWARD, 'kubernetes forwarding rules'),
    jump('filter', 'INPUT', KUBE_PROXY_FIREWALL, 'kubernetes load balancer firewall', NEW),
    jump('filter', 'OUTPUT', KUBE_PROXY_FIREWALL, 'kubernetes load balancer firewall', NEW),
    jump('filter', 'FORWARD', KUBE_PROXY_FIREWALL, 'kubernetes load balancer firewall', NEW),
    jump('nat', 'OUTPUT', KUBE_SERVICES, 'kubernetes service portals'),
    jump('nat', 'PREROUTING', KUBE_SERVICES, 'kubernetes service portals'),
    jump('filter', 'INPUT', KUBE_FIREWALL, ''),
    jump('filter', 'OUTPUT', KUBE_FIREWALL, ''),
    jump('nat', 'POSTROUTING', KUBE_POSTROUTING, 'kubernetes postrouting rules'),
  ];
}

/**
 * v1.9's EnsureRule(Prepend, …) calls (docs §9.2): one jump per built-in
 * chain. With `withKubeletFirewall`, kubelet's own INPUT/OUTPUT jumps to its
 * KUBE-FIREWALL chain come first: kubelet starts before kube-proxy, so its
 * prepends end up below kube-proxy's.
 */
export function legacyJumpChains(withKubeletFirewall = false): JumpChain[] {
  const kubelet: JumpChain[] = withKubeletFirewall
    ? [jump('filter', 'INPUT', KUBE_FIREWALL, ''), jump('filter', 'OUTPUT', KUBE_FIREWALL, '')]
    : [];
  return [
    ...kubelet,
    jump('filter', 'INPUT', KUBE_SERVICES, 'kubernetes service portals'),
    jump('filter', 'OUTPUT', KUBE_SERVICES, 'kubernetes service portals'),
    jump('nat', 'OUTPUT', KUBE_SERVICES, 'kubernetes service portals'),
    jump('nat', 'PREROUTING', KUBE_SERVICES, 'kubernetes service portals'),
    jump('nat', 'POSTROUTING', KUBE_POSTROUTING, 'kubernetes postrouting rules'),
    jump('filter', 'FORWARD', KUBE_FORWARD, 'kubernetes forward rules'),
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
