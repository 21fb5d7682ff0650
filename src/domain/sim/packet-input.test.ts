import { describe, expect, it } from 'vitest';
import { SEED_SAVE } from '../examples/seed.ts';
import { parseDump } from '../parse/parse-dump.ts';
import type { NodeInput, PacketInput } from './packet-input.ts';
import {
  DEFAULT_NODE_PREFIX,
  DEFAULT_SOURCE_PORT,
  draftPacket,
  NODE_INTERFACE,
  placePacket,
  readNodeModel,
  readPacket,
} from './packet-input.ts';
import { simulate } from './simulate.ts';
import type { NodeModel } from './types.ts';

/** The seed's node: one address, on eth0. */
const NODE: NodeModel = {
  interfaces: [{ name: 'eth0', addresses: ['192.168.0.11/24'] }],
  routes: [{ destination: '0.0.0.0/0', dev: 'eth0' }],
  ipForward: true,
  routeLocalnet: true,
};

/** The seed's NodePort, asked for from outside. */
const NODEPORT: PacketInput = { src: '10.0.0.5', dst: '192.168.0.11:32110' };

describe('readNodeModel', () => {
  it('puts every node IP on eth0, a /24 unless given, with a default route out of eth0', () => {
    expect(NODE_INTERFACE).toBe('eth0');
    expect(DEFAULT_NODE_PREFIX).toBe(24);
    expect(readNodeModel({ nodeIPs: ['192.168.0.11'] })).toEqual({ ok: true, value: NODE });
    expect(readNodeModel({ nodeIPs: ['192.168.0.11/16, 10.0.0.9', '10.1.0.1/32'] })).toEqual({
      ok: true,
      value: {
        ...NODE,
        interfaces: [
          { name: 'eth0', addresses: ['192.168.0.11/16', '10.0.0.9/24', '10.1.0.1/32'] },
        ],
      },
    });
  });

  it('adds the interfaces and routes written; a default route replaces the implied one', () => {
    const read = readNodeModel({
      nodeIPs: ['192.168.0.11'],
      interfaces: ['cni0=10.244.1.1/24', ' flannel.1=10.244.1.0/32,10.244.1.9/24 '],
      routes: ['10.244.2.0/24=flannel.1@10.244.2.0', '10.0.0.1=lo', 'default=eth0@192.168.0.1'],
    });
    expect(read).toEqual({
      ok: true,
      value: {
        interfaces: [
          { name: 'eth0', addresses: ['192.168.0.11/24'] },
          { name: 'cni0', addresses: ['10.244.1.1/24'] },
          { name: 'flannel.1', addresses: ['10.244.1.0/32', '10.244.1.9/24'] },
        ],
        routes: [
          { destination: '10.244.2.0/24', dev: 'flannel.1', via: '10.244.2.0' },
          { destination: '10.0.0.1/32', dev: 'lo' },
          { destination: '0.0.0.0/0', dev: 'eth0', via: '192.168.0.1' },
        ],
        ipForward: true,
        routeLocalnet: true,
      },
    });
  });

  it.each<{ name: string; input: NodeInput; field: string; index?: number; message: string }>([
    {
      name: 'no node IP',
      input: { nodeIPs: [] },
      field: 'nodeIPs',
      message: "needs an IPv4 address: the node's own addresses decide what is local",
    },
    {
      name: 'only blanks',
      input: { nodeIPs: [' ', ','] },
      field: 'nodeIPs',
      message: "needs an IPv4 address: the node's own addresses decide what is local",
    },
    {
      name: 'a name for a node IP',
      input: { nodeIPs: ['10.1.0.1', '10.1.0.2,node-1'] },
      field: 'nodeIPs',
      index: 1,
      message: '"node-1" is not an IPv4 address',
    },
    {
      name: 'an IPv6 node IP',
      input: { nodeIPs: ['fd00::1'] },
      field: 'nodeIPs',
      index: 0,
      message: '"fd00::1" is not an IPv4 address',
    },
    {
      name: 'a prefix longer than 32',
      input: { nodeIPs: ['10.1.0.1/33'] },
      field: 'nodeIPs',
      index: 0,
      message: '"10.1.0.1/33": "33" is not a prefix length (0–32)',
    },
    {
      name: 'a prefix that is no number',
      input: { nodeIPs: ['10.1.0.1/x'] },
      field: 'nodeIPs',
      index: 0,
      message: '"10.1.0.1/x": "x" is not a prefix length (0–32)',
    },
    {
      name: 'an interface without addresses',
      input: { nodeIPs: ['10.1.0.1'], interfaces: ['cni0'] },
      field: 'interfaces',
      index: 0,
      message: '"cni0" is not NAME=CIDR[,CIDR] (cni0=10.244.1.1/24)',
    },
    {
      name: 'an interface address without a prefix',
      input: { nodeIPs: ['10.1.0.1'], interfaces: ['cni0=10.244.1.1/24', 'cni1=10.244.9.1'] },
      field: 'interfaces',
      index: 1,
      message: '"cni1=10.244.9.1": "10.244.9.1" needs a prefix length (10.244.9.1/24)',
    },
    {
      name: 'an interface address that is not one',
      input: { nodeIPs: ['10.1.0.1'], interfaces: ['cni0=10.244.1.1/24,pod/24'] },
      field: 'interfaces',
      index: 0,
      message: '"cni0=10.244.1.1/24,pod/24": "pod/24" is not an IPv4 address with a prefix',
    },
    {
      name: 'lo',
      input: { nodeIPs: ['10.1.0.1'], interfaces: ['lo=127.0.0.1/8'] },
      field: 'interfaces',
      index: 0,
      message: '"lo=127.0.0.1/8": lo is always there, with 127.0.0.1/8',
    },
    {
      name: 'an interface named like a place to enter',
      input: { nodeIPs: ['10.1.0.1'], interfaces: ['external=10.9.0.1/24'] },
      field: 'interfaces',
      index: 0,
      message: '"external=10.9.0.1/24": "external" names where a packet enters, not an interface',
    },
    {
      name: 'eth0 again',
      input: { nodeIPs: ['10.1.0.1'], interfaces: ['eth0=10.0.0.1/24'] },
      field: 'interfaces',
      index: 0,
      message: '"eth0=10.0.0.1/24": eth0 is already described (eth0 holds the node IPs)',
    },
    {
      name: 'an interface twice',
      input: { nodeIPs: ['10.1.0.1'], interfaces: ['cni0=10.244.1.1/24', 'cni0=10.244.2.1/24'] },
      field: 'interfaces',
      index: 1,
      message: '"cni0=10.244.2.1/24": cni0 is already described',
    },
    {
      name: 'a route without a device',
      input: { nodeIPs: ['10.1.0.1'], routes: ['10.244.2.0/24'] },
      field: 'routes',
      index: 0,
      message: '"10.244.2.0/24" is not DEST=DEV[@VIA] (10.244.2.0/24=eth0@192.168.0.12)',
    },
    {
      name: 'a route to a name',
      input: { nodeIPs: ['10.1.0.1'], routes: ['pods=eth0'] },
      field: 'routes',
      index: 0,
      message: '"pods=eth0": "pods" is not an IPv4 prefix',
    },
    {
      name: 'a route with a bad prefix',
      input: { nodeIPs: ['10.1.0.1'], routes: ['10.244.2.0/40=eth0'] },
      field: 'routes',
      index: 0,
      message: '"10.244.2.0/40=eth0": "40" is not a prefix length (0–32)',
    },
    {
      name: 'a route via a name',
      input: { nodeIPs: ['10.1.0.1'], routes: ['default=eth0@gateway'] },
      field: 'routes',
      index: 0,
      message: '"default=eth0@gateway": "gateway" is not an IPv4 address',
    },
  ])('refuses $name', ({ input, field, index, message }) => {
    expect(readNodeModel(input)).toEqual({
      ok: false,
      field,
      ...(index === undefined ? {} : { index }),
      message,
      standalone: false,
    });
  });

  it('refuses a route through an interface the node lacks, in the simulator’s words', () => {
    const input = { nodeIPs: ['10.1.0.1'], routes: ['default=eth0', '10.244.2.0/24=cni0'] };
    expect(readNodeModel(input)).toEqual({
      ok: false,
      field: 'routes',
      index: 1,
      message: 'route 10.244.2.0/24 names unknown interface cni0',
      standalone: true,
    });
    const made = {
      ...NODE,
      routes: [{ destination: '10.244.2.0/24', dev: 'cni0' }],
    };
    expect(() =>
      simulate(parseDump('').ruleset, made, readPacketOk(NODEPORT), { mode: 'all' }),
    ).toThrow('route 10.244.2.0/24 names unknown interface cni0');
    // With the interface described, the same route is fine.
    expect(readNodeModel({ ...input, interfaces: ['cni0=10.244.1.1/24'] }).ok).toBe(true);
  });
});

/** The packet, which the test expects to read. */
function readPacketOk(input: PacketInput, node: NodeModel = NODE) {
  const read = readPacket(input, node);
  if (!read.ok) throw new Error(read.message);
  return read.value;
}

describe('readPacket', () => {
  it('reads IP[:PORT] → IP:PORT, tcp and an ephemeral source port unless given', () => {
    expect(DEFAULT_SOURCE_PORT).toBe(40000);
    expect(readPacket(NODEPORT, NODE)).toEqual({
      ok: true,
      value: { src: '10.0.0.5', dst: '192.168.0.11', protocol: 'tcp', sport: 40000, dport: 32110 },
    });
    expect(
      readPacketOk({ src: ' 10.0.0.5:1234 ', dst: '10.96.0.10:53 ', protocol: 'udp' }),
    ).toEqual({ src: '10.0.0.5', dst: '10.96.0.10', protocol: 'udp', sport: 1234, dport: 53 });
    expect(readPacketOk({ ...NODEPORT, protocol: 'sctp' }).protocol).toBe('sctp');
  });

  it('leaves where it enters to the simulator unless told; local and interfaces as given', () => {
    expect(readPacketOk(NODEPORT).from).toBeUndefined();
    expect(readPacketOk({ ...NODEPORT, from: 'local' }).from).toBe('local');
    expect(readPacketOk({ ...NODEPORT, from: 'eth0' }).from).toBe('eth0');
    expect(readPacketOk({ ...NODEPORT, from: 'lo' }).from).toBe('lo');
  });

  it('external: a node address arrives on eth0; any other source is left to the route back', () => {
    expect(readPacketOk({ ...NODEPORT, src: '192.168.0.11', from: 'external' }).from).toBe('eth0');
    expect(readPacketOk({ ...NODEPORT, src: '127.0.0.1', from: 'external' }).from).toBe('eth0');
    expect(readPacketOk({ ...NODEPORT, from: 'external' }).from).toBeUndefined();
    // And the simulator drops the node's own address arriving from outside as a martian.
    const spec = readPacketOk({ ...NODEPORT, src: '192.168.0.11', from: 'external' });
    const [outcome] = simulate(parseDump(SEED_SAVE).ruleset, NODE, spec, { mode: 'all' }).trace
      .outcomes;
    expect(outcome).toMatchObject({ verdict: 'DROP', delivery: null });
    expect(outcome?.reason).toMatch(/^martian source/);
  });

  it.each<{ name: string; input: PacketInput; field: string; message: string }>([
    {
      name: 'an empty source',
      input: { ...NODEPORT, src: ' ' },
      field: 'src',
      message: 'needs an IPv4 address: IP or IP:PORT',
    },
    {
      name: 'a malformed source',
      input: { ...NODEPORT, src: '10.0.0.256' },
      field: 'src',
      message: '"10.0.0.256" is not an IPv4 address',
    },
    {
      name: 'a source with leading zeros',
      input: { ...NODEPORT, src: '10.0.0.05:80' },
      field: 'src',
      message: '"10.0.0.05" is not an IPv4 address',
    },
    {
      name: 'an IPv6 source',
      input: { ...NODEPORT, src: 'fd00::5' },
      field: 'src',
      message: '"fd00::5": kpviz traces IPv4 packets only',
    },
    {
      name: 'source port 0',
      input: { ...NODEPORT, src: '10.0.0.5:0' },
      field: 'src',
      message: '"10.0.0.5:0": "0" is not a port (1–65535)',
    },
    {
      name: 'an empty destination',
      input: { ...NODEPORT, dst: '' },
      field: 'dst',
      message: 'needs an IPv4 address and a port: IP:PORT',
    },
    {
      name: 'a destination without a port',
      input: { ...NODEPORT, dst: '192.168.0.11' },
      field: 'dst',
      message: '"192.168.0.11" needs a port (IP:PORT)',
    },
    {
      name: 'destination port 70000',
      input: { ...NODEPORT, dst: '192.168.0.11:70000' },
      field: 'dst',
      message: '"192.168.0.11:70000": "70000" is not a port (1–65535)',
    },
    {
      name: 'a destination port that is not a number',
      input: { ...NODEPORT, dst: '192.168.0.11:http' },
      field: 'dst',
      message: '"192.168.0.11:http": "http" is not a port (1–65535)',
    },
    {
      name: 'a bracketed IPv6 destination',
      input: { ...NODEPORT, dst: '[fd00::1]:80' },
      field: 'dst',
      message: '"[fd00::1]:80": kpviz traces IPv4 packets only',
    },
    {
      name: 'an unknown protocol',
      input: { ...NODEPORT, protocol: 'icmp' },
      field: 'protocol',
      message: 'must be one of tcp, udp, sctp',
    },
    {
      name: 'an upper-case protocol',
      input: { ...NODEPORT, protocol: 'TCP' },
      field: 'protocol',
      message: 'must be one of tcp, udp, sctp',
    },
    {
      name: 'an empty from',
      input: { ...NODEPORT, from: '' },
      field: 'from',
      message: 'needs local, external or an interface name',
    },
  ])('refuses $name', ({ input, field, message }) => {
    const expected = { ok: false, field, message, standalone: false };
    expect(readPacket(input, NODE)).toEqual(expected);
    expect(draftPacket(input)).toEqual(expected);
  });

  it('refuses to enter on an interface the node lacks, naming those it has', () => {
    const node = readNodeModel({ nodeIPs: ['192.168.0.11'], interfaces: ['cni0=10.244.1.1/24'] });
    if (!node.ok) throw new Error(node.message);
    const input = { ...NODEPORT, from: 'wlan0' };
    const expected = {
      ok: false,
      field: 'from',
      message: 'the node has no interface "wlan0" (it has lo, eth0, cni0)',
      standalone: true,
    };
    expect(readPacket(input, node.value)).toEqual(expected);
    // The fields alone read well: only the node can tell.
    const draft = draftPacket(input);
    expect(draft).toEqual({
      ok: true,
      value: {
        spec: { src: '10.0.0.5', dst: '192.168.0.11', protocol: 'tcp', sport: 40000, dport: 32110 },
        from: 'wlan0',
      },
    });
    if (draft.ok) expect(placePacket(draft.value, node.value)).toEqual(expected);
    expect(readPacketOk({ ...input, from: 'cni0' }, node.value).from).toBe('cni0');
  });

  it('gives the simulator a packet it traces as the CLI does', () => {
    const node = readNodeModel({ nodeIPs: ['192.168.0.11'] });
    if (!node.ok) throw new Error(node.message);
    const { trace } = simulate(parseDump(SEED_SAVE).ruleset, node.value, readPacketOk(NODEPORT), {
      mode: 'all',
    });
    expect(trace.from).toBe('eth0');
    expect(trace.outcomes.map((o) => o.dnat).sort()).toEqual([
      '172.17.0.2:80',
      '172.17.0.3:80',
      '172.17.0.4:80',
    ]);
  });
});
