/** What the simulator's tests share: reading rules that must parse cleanly, and a TCP SYN. */
import { expect } from 'vitest';
import type { Ruleset } from '../model/ruleset.ts';
import { parseDump } from '../parse/parse-dump.ts';
import type { NodeModel, PacketSpec } from './types.ts';

/** iptables-save text as kpviz reads it; the test fails on any error problem. */
export function readRules(text: string): Ruleset {
  const { ruleset, problems } = parseDump(text, { format: 'save' });
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  return ruleset;
}

/** A connection's first TCP packet from source port 40000. */
export const tcpSyn = (
  src: string,
  dst: string,
  dport: number,
  extra: Partial<PacketSpec> = {},
): PacketSpec => ({ src, dst, sport: 40000, dport, protocol: 'tcp', ...extra });

/** A node with eth0 on 192.168.0.0/24 (default route out of it) and a pod bridge, cni0. */
export const NODE: NodeModel = {
  interfaces: [
    { name: 'eth0', addresses: ['192.168.0.11/24'] },
    { name: 'cni0', addresses: ['10.244.1.1/24'] },
  ],
  routes: [{ destination: '0.0.0.0/0', dev: 'eth0', via: '192.168.0.1' }],
  ipForward: true,
  routeLocalnet: false,
};
