import { describe, expect, it } from 'vitest';
import { simulate } from './simulate.ts';
import { readRules, tcpSyn } from './test-helpers.ts';
import type { NodeModel, Outcome, PacketSpec } from './types.ts';

const NODE: NodeModel = {
  interfaces: [
    { name: 'eth0', addresses: ['192.168.0.11/24', '192.168.0.12/24'] },
    { name: 'cni0', addresses: ['10.244.1.1/24'] },
  ],
  routes: [{ destination: '0.0.0.0/0', dev: 'eth0', via: '192.168.0.1' }],
  ipForward: true,
  routeLocalnet: false,
};

/** A nat table (and optional others) around the given lines. */
function trace(text: string, packet: PacketSpec): Outcome {
  const { trace: t } = simulate(readRules(text), NODE, packet, { mode: 'single', seed: 1 });
  return t.outcomes[0] as Outcome;
}

const nat = (...lines: string[]) =>
  `*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n${lines.join('\n')}\nCOMMIT\n`;
const mangle = (...lines: string[]) =>
  `*mangle\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n${lines.join('\n')}\nCOMMIT\n`;

const syn = tcpSyn;

describe('NAT targets', () => {
  it('REDIRECT sends arriving packets to the in-interface first address, local ones to 127.0.0.1', () => {
    const rules = nat(
      '-A PREROUTING -p tcp -m tcp --dport 80 -j REDIRECT --to-ports 8080',
      '-A OUTPUT -d 10.96.0.1/32 -p tcp -j REDIRECT --to-ports 8081',
    );
    expect(trace(rules, syn('203.0.113.7', '198.51.100.1', 80))).toMatchObject({
      dnat: '192.168.0.11:8080',
      delivery: 'local',
    });
    expect(trace(rules, syn('192.168.0.11', '10.96.0.1', 443))).toMatchObject({
      dnat: '127.0.0.1:8081',
      delivery: 'local',
    });
  });

  it('DNAT keeps the port when none is given, and an address range is flagged', () => {
    expect(
      trace(
        nat('-A PREROUTING -d 192.168.0.11/32 -j DNAT --to-destination 10.244.1.5'),
        syn('203.0.113.7', '192.168.0.11', 443),
      ),
    ).toMatchObject({ dnat: '10.244.1.5:443', uncertain: [] });
    const range = trace(
      nat(
        '-A PREROUTING -d 192.168.0.11/32 -p tcp -j DNAT --to-destination 10.244.1.5-10.244.1.9:8000-8010',
      ),
      syn('203.0.113.7', '192.168.0.11', 9000),
    );
    // A port outside the range: DNAT takes the range's first port.
    expect(range.dnat).toBe('10.244.1.5:8000');
    expect(range.uncertain.join()).toMatch(/one address of 10.244.1.5-10.244.1.9/);
  });

  it('MASQUERADE --to-ports keeps a port already in range, else draws one', () => {
    const rules = nat('-A POSTROUTING -o eth0 -p tcp -j MASQUERADE --to-ports 40000-40010');
    expect(trace(rules, syn('10.244.1.5', '198.51.100.1', 443))).toMatchObject({
      snat: '192.168.0.11:40000',
      masqueraded: true,
      uncertain: [],
    });
    const outside = trace(rules, syn('10.244.1.5', '198.51.100.1', 443, { sport: 50000 }));
    expect(outside.snat).toMatch(/^192\.168\.0\.11:400(0\d|10)$/);
    expect(outside.uncertain.join()).toMatch(/at random/);
  });

  it('SNAT to an address of the node, and the node itself is never masqueraded to itself', () => {
    expect(
      trace(
        nat('-A POSTROUTING -o eth0 -j SNAT --to-source 192.168.0.12'),
        syn('10.244.1.5', '198.51.100.1', 443),
      ),
    ).toMatchObject({ snat: '192.168.0.12:40000', masqueraded: false });
    // The source is already eth0's address: nothing changes, no SNAT is recorded.
    expect(
      trace(nat('-A POSTROUTING -o eth0 -j MASQUERADE'), syn('192.168.0.11', '198.51.100.1', 443)),
    ).toMatchObject({ snat: null, masqueraded: false, delivery: 'output' });
  });
});

describe('marks', () => {
  it('MARK sets, ORs and XORs with a mask; CONNMARK saves and restores through the connection', () => {
    const o = trace(
      mangle(
        '-A PREROUTING -j MARK --set-xmark 0x10/0xff',
        '-A PREROUTING -j MARK --or-mark 0x4000',
        '-A PREROUTING -j MARK --xor-mark 0x10',
        '-A PREROUTING -j CONNMARK --save-mark --nfmask 0xffffffff --ctmask 0xffffffff',
        '-A PREROUTING -j MARK --set-xmark 0x0/0xffffffff',
        '-A PREROUTING -j CONNMARK --restore-mark --nfmask 0xff00 --ctmask 0xff00',
      ),
      syn('203.0.113.7', '192.168.0.11', 22),
    );
    expect(o.final.mark).toBe(0x4000);
    expect(o.conntrack?.mark).toBe(0x4000);
  });

  it('-m mac needs the source MAC; with it, the match is exact', () => {
    const rules = `*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m mac --mac-source AA:BB:CC:00:00:01 -j DROP\nCOMMIT\n`;
    expect(trace(rules, syn('203.0.113.7', '192.168.0.11', 22)).uncertain.join()).toMatch(/MAC/);
    expect(
      trace(rules, syn('203.0.113.7', '192.168.0.11', 22, { srcMac: 'aa:bb:cc:00:00:01' })),
    ).toMatchObject({
      verdict: 'DROP',
      uncertain: [],
    });
    expect(
      trace(rules, syn('203.0.113.7', '192.168.0.11', 22, { srcMac: 'aa:bb:cc:00:00:02' })),
    ).toMatchObject({
      verdict: 'ACCEPT',
      uncertain: [],
    });
  });

  it('NOTRACK in raw: the packet is UNTRACKED and nat never sees it', () => {
    const rules =
      `*raw\n:PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A PREROUTING -p udp -j CT --notrack\nCOMMIT\n` +
      nat('-A PREROUTING -p udp -j DNAT --to-destination 10.244.1.5:53');
    const o = trace(rules, {
      src: '203.0.113.7',
      dst: '192.168.0.11',
      sport: 5000,
      dport: 53,
      protocol: 'udp',
    });
    expect(o).toMatchObject({ dnat: null, delivery: 'local' });
    expect(o.final.ctState).toBe('UNTRACKED');
    expect(o.rules).toEqual(['raw/PREROUTING#1']);
  });
});
