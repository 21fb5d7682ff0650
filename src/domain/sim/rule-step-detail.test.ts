import { describe, expect, it } from 'vitest';
import { parseDump } from '../parse/parse-dump.ts';
import { simulate } from './simulate.ts';
import { NODE, readRules, tcpSyn } from './test-helpers.ts';
import type { Doubt, NodeModel, PacketSpec, RuleStep } from './types.ts';

/** Every rule step of the walk (rules passed over plainly are skip steps, not here). */
function ruleSteps(text: string, packet: PacketSpec, model: NodeModel = NODE): RuleStep[] {
  // Some cases are rules kpviz warns about (an unknown module): parsed, not readRules.
  const { ruleset } = parseDump(text, { format: 'save' });
  const [outcome] = simulate(ruleset, model, packet, { mode: 'single', seed: 1 }).trace.outcomes;
  return (outcome?.steps ?? []).filter((s): s is RuleStep => s.kind === 'rule');
}

const filter = (...lines: string[]): string =>
  `*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n${lines.join('\n')}\nCOMMIT\n`;

const nat = (...lines: string[]): string =>
  `*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n${lines.join('\n')}\nCOMMIT\n`;

const toNode = tcpSyn('203.0.113.7', '192.168.0.11', 22);

describe('a rule step names the module of the match that failed', () => {
  const cases: { name: string; line: string; failed: string; failedModule: string }[] = [
    {
      name: 'a random draw that did not hold',
      line: '-A INPUT -m statistic --mode random --probability 0 -j ACCEPT',
      failed: '-m statistic --mode random --probability 0.00000000000',
      failedModule: 'statistic',
    },
    {
      name: 'an ipset whose members are not known',
      line: '-A INPUT -m set --match-set blocked src -j DROP',
      failed: '-m set --match-set blocked src',
      failedModule: 'set',
    },
    {
      name: 'a tcp option the packet does not carry',
      line: '-A INPUT -p tcp -m tcp --tcp-option 2 -j DROP',
      failed: '-m tcp --tcp-option 2',
      failedModule: 'tcp',
    },
    {
      name: 'the second match of a rule, after one that held',
      line: '-A INPUT -p tcp -m tcp --dport 22 -m conntrack --ctexpire 10:20 -j DROP',
      failed: '-m conntrack --ctexpire 10:20',
      failedModule: 'conntrack',
    },
  ];
  it.each(cases)('$name', ({ line, failed, failedModule }) => {
    const [step] = ruleSteps(filter(line), toNode);
    expect(step).toMatchObject({ matched: false, failed, failedModule });
  });

  it('a rule whose matches held has none', () => {
    const [step] = ruleSteps(filter('-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT'), toNode);
    expect(step?.matched).toBe(true);
    expect(step?.failedModule).toBeUndefined();
  });
});

describe('a REJECT step says its answer in rejectWith, beside its English note', () => {
  it.each([
    ['-j REJECT', 'icmp-port-unreachable'],
    ['-j REJECT --reject-with tcp-reset', 'tcp-reset'],
    ['-j REJECT --reject-with icmp-host-prohibited', 'icmp-host-prohibited'],
  ])('%s answers with %s', (target, answer) => {
    const [step] = ruleSteps(filter(`-A INPUT -p tcp ${target}`), toNode);
    expect(step).toMatchObject({ verdict: 'REJECT', rejectWith: answer });
    expect(step?.notes).toEqual([`answers with ${answer}`]);
  });

  it('other targets have none', () => {
    const [step] = ruleSteps(filter('-A INPUT -p tcp -j DROP'), toNode);
    expect(step?.rejectWith).toBeUndefined();
  });
});

describe('an uncertain rule step says why as data (doubts), beside its English', () => {
  const cases: {
    name: string;
    rules: string;
    packet?: PacketSpec;
    uncertain: string;
    doubts: Doubt[];
  }[] = [
    {
      name: 'a match module kpviz does not know',
      rules: filter('-A INPUT -m frobnicate --zap 1 -j DROP'),
      uncertain: 'kpviz does not know -m frobnicate',
      doubts: [{ kind: 'match-unknown', module: 'frobnicate' }],
    },
    {
      name: 'a match module kpviz does not simulate',
      rules: filter('-A INPUT -m string --algo bm --string x -j DROP'),
      uncertain: '-m string is not simulated',
      doubts: [{ kind: 'match-not-simulated', module: 'string' }],
    },
    {
      name: 'an option kpviz does not know',
      rules: filter('-A INPUT -p tcp -m tcp --frob 1 -j DROP'),
      uncertain: 'kpviz does not know --frob of -m tcp',
      doubts: [{ kind: 'option-unknown', module: 'tcp', option: 'frob' }],
    },
    {
      name: 'an option whose argument cannot be read',
      rules: filter('-A INPUT -m length --length abc -j DROP'),
      uncertain: '-m length: unreadable length abc',
      doubts: [{ kind: 'option-unreadable', module: 'length', option: 'length' }],
    },
    {
      name: 'an option testing what the simulated packet lacks',
      rules: filter('-A INPUT -p tcp -m tcp --tcp-option 2 -j DROP'),
      uncertain: '-m tcp: TCP options are not part of the simulated packet',
      doubts: [{ kind: 'option-not-simulated', module: 'tcp', option: 'tcp-option' }],
    },
    {
      name: '-m recent without a command',
      rules: filter('-A INPUT -m recent --name X -j DROP'),
      uncertain: '-m recent without a command',
      doubts: [{ kind: 'recent-no-command' }],
    },
    {
      name: 'an ipset the node model does not list',
      rules: filter('-A INPUT -m set --match-set blocked src -j DROP'),
      uncertain: 'the members of ipset blocked are not known',
      doubts: [{ kind: 'ipset-members', set: 'blocked' }],
    },
    {
      name: 'a MAC match on a packet without a given source MAC',
      rules: filter('-A INPUT -m mac --mac-source aa:bb:cc:00:00:01 -j DROP'),
      uncertain: "the packet's source MAC is not given",
      doubts: [{ kind: 'mac-unknown' }],
    },
    {
      name: 'a target kpviz does not know',
      rules: filter('-A INPUT -j FROBNICATE'),
      uncertain:
        'filter/INPUT#1: target FROBNICATE is not known; the walk goes on as if it did nothing',
      doubts: [{ kind: 'target-unknown', target: 'FROBNICATE' }],
    },
    {
      name: 'a target kpviz does not simulate',
      rules: filter('-A INPUT -j NETMAP --to 10.0.0.0/24'),
      uncertain: 'target NETMAP is not simulated; the walk goes on as if it did nothing',
      doubts: [{ kind: 'target-not-simulated', target: 'NETMAP' }],
    },
    {
      name: 'a target whose options cannot be read',
      rules: filter('-A INPUT -j MARK --set-xmark zz'),
      uncertain: 'unreadable MARK options',
      doubts: [{ kind: 'target-unreadable', target: 'MARK', option: 'set-xmark' }],
    },
    {
      name: 'MASQUERADE --random-fully',
      rules: nat('-A POSTROUTING -o eth0 -j MASQUERADE --random-fully'),
      packet: tcpSyn('10.244.1.5', '198.51.100.1', 443),
      uncertain: '--random-fully: the kernel picks the source port at random',
      doubts: [{ kind: 'nat-random-fully' }],
    },
    {
      name: 'a port outside MASQUERADE’s range',
      rules: nat('-A POSTROUTING -o eth0 -p tcp -j MASQUERADE --to-ports 40000-40010'),
      packet: tcpSyn('10.244.1.5', '198.51.100.1', 443, { sport: 50000 }),
      uncertain: 'the kernel picks a port of 40000-40010 at random',
      doubts: [{ kind: 'nat-random-port', low: 40000, high: 40010 }],
    },
    {
      name: 'DNAT to an address range',
      rules: nat(
        '-A PREROUTING -d 192.168.0.11/32 -p tcp -j DNAT --to-destination 10.244.1.5-10.244.1.9',
      ),
      packet: tcpSyn('203.0.113.7', '192.168.0.11', 443),
      uncertain:
        'the kernel picks one address of 10.244.1.5-10.244.1.9 by a hash of the connection; the first is shown',
      doubts: [{ kind: 'nat-address-hash', low: '10.244.1.5', high: '10.244.1.9' }],
    },
  ];
  it.each(cases)('$name', ({ rules, packet, uncertain, doubts }) => {
    const steps = ruleSteps(rules, packet ?? toNode).filter((s) => s.uncertain !== undefined);
    expect(steps).toHaveLength(1);
    expect(steps[0]?.uncertain).toBe(uncertain);
    expect(steps[0]?.doubts).toEqual(doubts);
  });

  it('a NAT step joins one doubt per reason', () => {
    const rules = nat(
      '-A PREROUTING -d 192.168.0.11/32 -p tcp -j DNAT --to-destination 10.244.1.5-10.244.1.9:8000-8010',
    );
    const [step] = ruleSteps(rules, tcpSyn('203.0.113.7', '192.168.0.11', 443));
    // DNAT takes the range's first port, so only the address is a choice.
    expect(step?.doubts).toEqual([
      { kind: 'nat-address-hash', low: '10.244.1.5', high: '10.244.1.9' },
    ]);
    const snat = nat(
      '-A POSTROUTING -o eth0 -p tcp -j SNAT --to-source 192.168.0.11-192.168.0.12:40000-40010',
    );
    const [both] = ruleSteps(snat, tcpSyn('10.244.1.5', '198.51.100.1', 443, { sport: 50000 }));
    expect(both?.doubts).toEqual([
      { kind: 'nat-address-hash', low: '192.168.0.11', high: '192.168.0.12' },
      { kind: 'nat-random-port', low: 40000, high: 40010 },
    ]);
    expect(both?.uncertain).toMatch(/one address of 192\.168\.0\.11-.*; .*a port of 40000-40010/);
  });

  it('a source port another connection holds: the port the kernel picks instead', () => {
    const rules = readRules(nat('-A POSTROUTING -o eth0 -j MASQUERADE'));
    const first = simulate(rules, NODE, tcpSyn('10.244.1.5', '198.51.100.1', 443), {
      mode: 'single',
      seed: 1,
    }).branches[0];
    if (!first) throw new Error('no outcome');
    // Another pod, the same source port and peer: 192.168.0.11:40000 is taken.
    const [second] = simulate(
      rules,
      NODE,
      tcpSyn('10.244.1.6', '198.51.100.1', 443),
      { mode: 'single', seed: 1 },
      { state: first.state },
    ).trace.outcomes;
    const step = second?.steps.find((s): s is RuleStep => s.kind === 'rule');
    expect(step?.uncertain).toMatch(/taken by another connection/);
    expect(step?.doubts).toEqual([
      { kind: 'nat-port-taken', address: '192.168.0.11', port: 40000, other: 40001 },
    ]);
  });

  it('a certain rule has no doubts', () => {
    const [step] = ruleSteps(filter('-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT'), toNode);
    expect(step?.uncertain).toBeUndefined();
    expect(step?.doubts).toBeUndefined();
  });
});
