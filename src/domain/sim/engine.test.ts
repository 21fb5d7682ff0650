import { describe, expect, it } from 'vitest';
import { simulate } from './simulate.ts';
import { NODE, readRules, tcpSyn } from './test-helpers.ts';
import type { EventStep, MartianKind, NodeModel, PacketSpec, RouteKind } from './types.ts';

/** No default route: only the connected networks are reachable. */
const ISOLATED: NodeModel = { ...NODE, routes: [] };

/** No rules at all: every policy ACCEPTs, so routing alone decides. */
const EMPTY = readRules(
  '*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n',
);

/** The one `event` event the packet’s walk had. */
function eventOf(event: EventStep['event'], packet: PacketSpec, model: NodeModel): EventStep {
  const [outcome] = simulate(EMPTY, model, packet, { mode: 'single', seed: 1 }).trace.outcomes;
  const found = outcome?.steps.filter(
    (s): s is EventStep => s.kind === 'event' && s.event === event,
  );
  expect(found, `${event} events`).toHaveLength(1);
  return found?.[0] as EventStep;
}

describe('the route event says what routing decided in detail.kind, beside its English', () => {
  const cases: {
    name: string;
    packet: PacketSpec;
    model?: NodeModel;
    kind: RouteKind;
    detail: Record<string, string>;
    text: string;
  }[] = [
    {
      name: 'an arriving packet for the node’s own address goes to INPUT',
      packet: tcpSyn('203.0.113.7', '192.168.0.11', 22),
      kind: 'local',
      detail: { dst: '192.168.0.11' },
      text: 'routing: 192.168.0.11 is local → INPUT',
    },
    {
      name: 'a broadcast of a connected network is delivered locally too',
      packet: { src: '192.168.0.7', dst: '192.168.0.255', protocol: 'udp', sport: 68, dport: 67 },
      kind: 'local',
      detail: { dst: '192.168.0.255' },
      text: 'routing: 192.168.0.255 is local → INPUT',
    },
    {
      name: 'an arriving packet for a pod is forwarded out of the pod bridge',
      packet: tcpSyn('203.0.113.7', '10.244.1.5', 80),
      kind: 'forward',
      detail: { dst: '10.244.1.5', dev: 'cni0' },
      text: 'routing: forward 10.244.1.5 out of cni0 → FORWARD',
    },
    {
      name: 'an arriving packet with no route to its destination is dropped',
      packet: tcpSyn('192.168.0.7', '8.8.8.8', 53),
      model: ISOLATED,
      kind: 'unreachable',
      detail: { dst: '8.8.8.8' },
      text: 'routing: no route to 8.8.8.8',
    },
    {
      name: 'a packet not for the node is dropped while ip_forward is 0',
      packet: tcpSyn('203.0.113.7', '10.244.1.5', 80),
      model: { ...NODE, ipForward: false },
      kind: 'no-forwarding',
      detail: {},
      text: 'routing: the packet is not for the node and ip_forward is 0',
    },
    {
      name: 'a packet of the node’s own process leaves by the default route',
      packet: tcpSyn('192.168.0.11', '203.0.113.7', 443),
      kind: 'out',
      detail: { dev: 'eth0' },
      text: 'routing: 203.0.113.7 leaves by eth0',
    },
    {
      name: 'a packet of the node to itself leaves by lo',
      packet: tcpSyn('192.168.0.11', '192.168.0.11', 22),
      kind: 'out',
      detail: { dev: 'lo' },
      text: 'routing: 192.168.0.11 leaves by lo',
    },
    {
      name: 'a socket with no route to its destination gets “network unreachable”',
      packet: tcpSyn('192.168.0.11', '8.8.8.8', 53),
      model: ISOLATED,
      kind: 'out-unreachable',
      detail: {},
      text: 'routing: no route to 8.8.8.8; the socket gets "network unreachable"',
    },
  ];
  it.each(cases)('$name', ({ packet, model, kind, detail, text }) => {
    const step = eventOf('route', packet, model ?? NODE);
    expect(step.detail).toEqual({ kind, ...detail });
    expect(step.text).toBe(text);
  });
});

describe('the martian event says why in detail.kind', () => {
  const cases: { name: string; packet: PacketSpec; kind: MartianKind; reason: RegExp }[] = [
    {
      name: 'a multicast source',
      packet: { src: '224.0.0.1', dst: '192.168.0.11', protocol: 'udp', sport: 5353, dport: 53 },
      kind: 'source-broadcast',
      reason: /multicast or broadcast/,
    },
    {
      name: 'a source in 0.0.0.0/8',
      packet: tcpSyn('0.0.0.1', '192.168.0.11', 22, { from: 'eth0' }),
      kind: 'source-zeronet',
      reason: /source \(0\.0\.0\.0\/8\)/,
    },
    {
      name: 'a destination in 0.0.0.0/8',
      packet: tcpSyn('203.0.113.7', '0.1.2.3', 22),
      kind: 'destination-zeronet',
      reason: /destination \(0\.0\.0\.0\/8\)/,
    },
    {
      name: '127.0.0.1 as the destination from outside, route_localnet 0',
      packet: tcpSyn('203.0.113.7', '127.0.0.1', 22),
      kind: 'destination-localnet',
      reason: /^martian destination: 127\.0\.0\.0\/8/,
    },
    {
      name: 'a 127/8 source from outside, route_localnet 0',
      packet: tcpSyn('127.0.0.2', '192.168.0.11', 22, { from: 'eth0' }),
      kind: 'source-localnet',
      reason: /^martian source: 127\.0\.0\.0\/8/,
    },
    {
      name: 'one of the node’s own addresses as the source, from outside',
      packet: tcpSyn('192.168.0.11', '192.168.0.11', 22, { from: 'eth0' }),
      kind: 'source-own',
      reason: /node's own addresses/,
    },
  ];
  it.each(cases)('$name', ({ packet, kind, reason }) => {
    const step = eventOf('martian', { from: 'eth0', ...packet }, NODE);
    expect(step.detail?.kind).toBe(kind);
    expect(String(step.detail?.reason)).toMatch(reason);
    expect(step.text).toBe(`routing drops the packet: ${String(step.detail?.reason)}`);
  });
});
