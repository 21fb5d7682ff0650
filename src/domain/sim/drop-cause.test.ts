import { describe, expect, it } from 'vitest';
import { simulate } from './simulate.ts';
import { NODE, readRules, tcpSyn } from './test-helpers.ts';
import type { EventStep, NodeModel, PacketSpec } from './types.ts';

/** No default route: only the connected networks are reachable. */
const ISOLATED: NodeModel = { ...NODE, routes: [] };

const filter = (policy: string, ...lines: string[]): string =>
  `*filter\n:INPUT ${policy} [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n${lines.join('\n')}\nCOMMIT\n`;

const nat = (...lines: string[]): string =>
  `*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n${lines.join('\n')}\nCOMMIT\n`;

/** The walk's events of one kind. */
function eventsOf(
  rules: string,
  packet: PacketSpec,
  model: NodeModel,
  event: EventStep['event'],
): EventStep[] {
  const [outcome] = simulate(readRules(rules), model, packet, { mode: 'single', seed: 1 }).trace
    .outcomes;
  return (outcome?.steps ?? []).filter(
    (s): s is EventStep => s.kind === 'event' && s.event === event,
  );
}

describe('the drop event says its verdict and cause in detail, beside its English', () => {
  const cases: {
    name: string;
    rules?: string;
    packet: PacketSpec;
    model?: NodeModel;
    detail: Record<string, string>;
    text: string;
  }[] = [
    {
      name: 'a DROP rule',
      rules: filter('ACCEPT', '-A INPUT -p tcp -m tcp --dport 22 -j DROP'),
      packet: tcpSyn('203.0.113.7', '192.168.0.11', 22),
      detail: { verdict: 'DROP', kind: 'rule', rule: 'filter/INPUT#1', reason: 'filter/INPUT#1' },
      text: 'dropped (filter/INPUT#1)',
    },
    {
      name: 'a REJECT rule',
      rules: filter('ACCEPT', '-A INPUT -p tcp -j REJECT --reject-with tcp-reset'),
      packet: tcpSyn('203.0.113.7', '192.168.0.11', 22),
      detail: {
        verdict: 'REJECT',
        kind: 'rule',
        rule: 'filter/INPUT#1',
        reason: 'filter/INPUT#1',
      },
      text: 'rejected (filter/INPUT#1)',
    },
    {
      name: 'a QUEUE rule, with no userspace program to take the packet',
      rules: filter('ACCEPT', '-A INPUT -j QUEUE'),
      packet: tcpSyn('203.0.113.7', '192.168.0.11', 22),
      detail: { verdict: 'DROP', kind: 'queue', rule: 'filter/INPUT#1', reason: 'filter/INPUT#1' },
      text: 'dropped (filter/INPUT#1)',
    },
    {
      name: 'a built-in chain’s DROP policy',
      rules: filter('DROP'),
      packet: tcpSyn('203.0.113.7', '192.168.0.11', 22),
      detail: {
        verdict: 'DROP',
        kind: 'policy',
        table: 'filter',
        chain: 'INPUT',
        reason: 'filter/INPUT policy',
      },
      text: 'dropped (filter/INPUT policy)',
    },
    {
      name: 'a martian',
      packet: tcpSyn('203.0.113.7', '127.0.0.1', 22, { from: 'eth0' }),
      detail: {
        verdict: 'DROP',
        kind: 'martian',
        martian: 'destination-localnet',
        reason: 'martian destination: 127.0.0.0/8 from outside while route_localnet is 0',
      },
      text: 'dropped (martian destination: 127.0.0.0/8 from outside while route_localnet is 0)',
    },
    {
      name: 'an arriving packet with no route',
      packet: tcpSyn('192.168.0.7', '8.8.8.8', 53),
      model: ISOLATED,
      detail: { verdict: 'DROP', kind: 'no-route', dst: '8.8.8.8', reason: 'no route to 8.8.8.8' },
      text: 'dropped (no route to 8.8.8.8)',
    },
    {
      name: 'a packet of the node’s own with no route',
      packet: tcpSyn('192.168.0.11', '8.8.8.8', 53),
      model: ISOLATED,
      detail: { verdict: 'DROP', kind: 'no-route', dst: '8.8.8.8', reason: 'no route to 8.8.8.8' },
      text: 'dropped (no route to 8.8.8.8)',
    },
    {
      name: 'a packet of the node’s own DNATted to where no route goes',
      rules: nat('-A OUTPUT -d 192.168.0.50/32 -p tcp -j DNAT --to-destination 8.8.8.8:53'),
      packet: tcpSyn('192.168.0.11', '192.168.0.50', 53),
      model: ISOLATED,
      detail: { verdict: 'DROP', kind: 'no-route', dst: '8.8.8.8', reason: 'no route to 8.8.8.8' },
      text: 'dropped (no route to 8.8.8.8)',
    },
    {
      name: 'a packet to forward while ip_forward is 0',
      packet: tcpSyn('203.0.113.7', '10.244.1.5', 80),
      model: { ...NODE, ipForward: false },
      detail: { verdict: 'DROP', kind: 'no-forwarding', reason: 'ip_forward is 0' },
      text: 'dropped (ip_forward is 0)',
    },
    {
      name: 'a multicast destination, whose routing is not simulated',
      packet: {
        src: '192.168.0.7',
        dst: '239.1.1.1',
        protocol: 'udp',
        sport: 5000,
        dport: 5000,
        from: 'eth0',
      },
      detail: {
        verdict: 'DROP',
        kind: 'multicast',
        reason: 'multicast routing is not simulated',
      },
      text: 'dropped (multicast routing is not simulated)',
    },
  ];
  it.each(cases)('$name', ({ rules, packet, model, detail, text }) => {
    const drops = eventsOf(rules ?? filter('ACCEPT'), packet, model ?? NODE, 'drop');
    expect(drops).toHaveLength(1);
    expect(drops[0]?.detail).toEqual(detail);
    expect(drops[0]?.text).toBe(text);
  });

  it('an accepted packet has no drop event', () => {
    expect(
      eventsOf(filter('ACCEPT'), tcpSyn('203.0.113.7', '192.168.0.11', 22), NODE, 'drop'),
    ).toEqual([]);
  });
});

describe('the martian event names the addresses it refused', () => {
  it('gives src and dst beside its kind and English reason', () => {
    const [martian] = eventsOf(
      filter('ACCEPT'),
      tcpSyn('127.0.0.2', '192.168.0.11', 22, { from: 'eth0' }),
      NODE,
      'martian',
    );
    expect(martian?.detail).toEqual({
      kind: 'source-localnet',
      reason: 'martian source: 127.0.0.0/8 from outside while route_localnet is 0',
      src: '127.0.0.2',
      dst: '192.168.0.11',
    });
  });
});
