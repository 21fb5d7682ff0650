import { describe, expect, it } from 'vitest';
import { SEED_SAVE } from '../examples/seed.ts';
import { scenarioById, SCENARIOS } from '../examples/scenarios.ts';
import { discoverServices } from '../kube/discover-services.ts';
import { findChain, findTable, type Ruleset } from '../model/ruleset.ts';
import type { TableName } from '../model/names.ts';
import { parseDump } from '../parse/parse-dump.ts';
import { serializeRule } from '../parse/serialize-save.ts';
import { compileRuleset } from '../sim/compile.ts';
import { readNodeModel } from '../sim/packet-input.ts';
import { converse } from './conversation.ts';
import { framesOf } from './frames.ts';
import { splitLookup, withSplits } from './leg-splits.ts';
import { narrate, type Narration, type NarrationContext } from './narration.ts';
import { NARRATION_KEYS, type NarrationKey } from './narration-keys.ts';
import { fraction } from './narration-text.ts';
import { conversationOf, planOfExample, planOnRules, RULES_PLAYS, type PlayPlan } from './plans.ts';
import { fractionText } from './split.ts';
import type { EndpointChoice, Frame } from './types.ts';

/** The rule's text as iptables -S prints it, read from the parsed dump (as the app does). */
const ruleTextOf =
  (ruleset: Ruleset) =>
  (table: string, chain: string, index: number): string | undefined => {
    const t = findTable(ruleset, table as TableName);
    const rule = t && findChain(t, chain)?.rules[index - 1];
    return rule && serializeRule(rule, chain);
  };

interface Played {
  readonly frames: Frame[];
  readonly context: NarrationContext;
}

/** The conversation played as the session plays it: its legs carry the splits they met. */
function play(rules: string, plan: PlayPlan, choice: EndpointChoice): Played {
  const ruleset = parseDump(rules, { format: 'save' }).ruleset;
  const legs = withSplits(
    ruleset,
    converse(compileRuleset(ruleset), plan.model, plan.script, choice),
  );
  return {
    frames: framesOf(legs),
    context: { ruleText: ruleTextOf(ruleset), split: splitLookup(legs) },
  };
}

const seed = parseDump(SEED_SAVE, { format: 'save' }).ruleset;
function seedPlay(kind: (typeof RULES_PLAYS)[number], dnat = '172.17.0.2:80'): Played {
  const result = planOnRules(kind, discoverServices(seed), ['192.168.0.11']);
  if (!result.ok) throw new Error(result.problem);
  return play(SEED_SAVE, result.plan, result.plan.choice ?? { kind: 'endpoint', dnat });
}

function examplePlay(id: string, dnat: string): Played {
  const scenario = scenarioById(id);
  if (!scenario) throw new Error(`no scenario ${id}`);
  const { plan, rules } = planOfExample(scenario);
  return play(rules, plan, { kind: 'endpoint', dnat });
}

/** Where a frame is: `leg chain#rule`, `leg chain#first-last` or `leg event@hook`. */
function place(f: Frame): string {
  const s = f.step;
  if (s.kind === 'rule') return `${f.leg} ${s.chain}#${s.index}`;
  if (s.kind === 'skip') return `${f.leg} ${s.chain}#${s.first}-${s.last}`;
  return `${f.leg} ${s.event}${s.hook === undefined ? '' : `@${s.hook}`}`;
}

type Said = readonly [NarrationKey, Readonly<Record<string, string | number>>];
interface Case {
  readonly name: string;
  readonly at: string;
  readonly says: readonly Said[];
}

const keysAndValues = (n: readonly Narration[]): [string, Narration['values']][] =>
  n.map((x) => [x.key, x.values]);

function runCases(played: () => Played, cases: readonly Case[], withText = true): void {
  const { frames, context } = played();
  it.each(cases)('$name', ({ at, says }) => {
    const frame = frames.find((f) => place(f) === at);
    expect(frame, `no frame at ${at}: ${frames.map(place).join(', ')}`).toBeDefined();
    const said = narrate(frame as Frame, withText ? context : undefined);
    expect(keysAndValues(said)).toEqual(says.map(([k, v]) => [`narration.${k}`, v]));
  });
}

describe('narrating the seed NodePort conversation (an outside client, pod 172.17.0.2)', () => {
  const SVC = 'KUBE-SVC-I64SNEMOLCWHJHS3';
  const SEP = 'KUBE-SEP-MMWJ6M2J72TU3J64';
  const dnat = { from: '192.168.0.11:32110', to: '172.17.0.2:80' };
  const masq = { from: '203.0.113.10:40000', to: '172.17.0.1:40000' };
  runCases(
    () => seedPlay('nodeport-external'),
    [
      {
        name: 'the SYN enters at PREROUTING, and why not OUTPUT',
        at: '0 enter',
        says: [
          [
            'enter.interface',
            {
              src: '203.0.113.10:40000',
              dst: '192.168.0.11:32110',
              protocol: 'tcp',
              dev: 'eth0',
            },
          ],
          ['enter.whyInterface', {}],
        ],
      },
      {
        name: 'conntrack starts a connection: only its first packet walks nat',
        at: '0 conntrack@PREROUTING',
        says: [
          ['conntrack.new', { tuple: 'tcp 203.0.113.10:40000 → 192.168.0.11:32110' }],
          ['conntrack.whyNew', {}],
        ],
      },
      {
        name: 'nat PREROUTING jumps to the service portals',
        at: '0 PREROUTING#2',
        says: [
          ['kube.portals', { hook: 'PREROUTING' }],
          ['kube.whyPortalsPrerouting', {}],
        ],
      },
      {
        name: 'the ClusterIP rule is passed over: the destination is not that ClusterIP',
        at: '0 KUBE-SERVICES#1-1',
        says: [
          [
            'kube.servicesPassedOne',
            {
              first: 1,
              address: '10.254.198.92:80',
              service: 'default/nginx-service-nodeport',
              dst: '192.168.0.11:32110',
            },
          ],
        ],
      },
      {
        name: 'the LOCAL rule catches the node’s own address, and only that',
        at: '0 KUBE-SERVICES#2',
        says: [
          ['kube.nodePortsLocal', { dst: '192.168.0.11' }],
          ['kube.whyNodePortsLocal', {}],
        ],
      },
      {
        name: 'KUBE-NODEPORTS marks outside traffic for masquerading, and why',
        at: '0 KUBE-NODEPORTS#1',
        says: [
          ['kube.nodePortMark', { dport: 32110, service: 'default/nginx-service-nodeport' }],
          ['kube.whyNodePortMasq', {}],
        ],
      },
      {
        name: 'KUBE-MARK-MASQ sets 0x4000: a note for POSTROUTING',
        at: '0 KUBE-MARK-MASQ#1',
        says: [
          ['kube.markMasq', { from: '0x0', to: '0x4000' }],
          ['kube.whyMarkMasq', { hook: 'PREROUTING' }],
        ],
      },
      {
        name: 'KUBE-NODEPORTS then goes to the ClusterIP’s Service chain',
        at: '0 KUBE-NODEPORTS#2',
        says: [['kube.nodePortService', { target: SVC }]],
      },
      {
        name: 'the first random rule holds: 1/3, and the split is even',
        at: `0 ${SVC}#1`,
        says: [
          ['random.held', { probability: '0.33332999982', fraction: '1/3', target: SEP }],
          ['split.evenFirst', { share: '1/3', n: 3 }],
        ],
      },
      {
        name: 'the hairpin check is passed over: the client is not the pod',
        at: `0 ${SEP}#1-1`,
        says: [['kube.hairpinPassed', { src: '203.0.113.10' }]],
      },
      {
        name: 'DNAT to the pod, recorded by conntrack',
        at: `0 ${SEP}#2`,
        says: [
          ['kube.dnat', dnat],
          ['kube.whyDnat', dnat],
        ],
      },
      {
        name: 'routing sees the DNATed destination',
        at: '0 route',
        says: [
          ['route.forward', { dst: '172.17.0.2', dev: 'cni0' }],
          ['route.whyForwardDnat', { dst: '172.17.0.2', original: '192.168.0.11' }],
        ],
      },
      {
        name: 'the old KUBE-POSTROUTING masquerades on the mark without clearing it',
        at: '0 KUBE-POSTROUTING#1',
        says: [
          ['kube.masqueradeMarked', { ...masq, dev: 'cni0', mark: '0x4000' }],
          ['kube.whyMasqueradeMarked', masq],
        ],
      },
      {
        name: 'conntrack confirms the entry as the packet leaves',
        at: '0 confirm@POSTROUTING',
        says: [
          [
            'confirm.what',
            {
              original: 'tcp 203.0.113.10:40000 → 192.168.0.11:32110',
              reply: 'tcp 172.17.0.2:80 → 172.17.0.1:40000',
            },
          ],
          ['confirm.why', {}],
        ],
      },
      {
        name: 'the pod answers the masquerade address',
        at: '1 enter',
        says: [
          ['enter.replyInterface', { src: '172.17.0.2:80', dst: '172.17.0.1:40000', dev: 'cni0' }],
          ['enter.whyReply', { dst: '172.17.0.1:40000' }],
        ],
      },
      {
        name: 'the reply skips nat: conntrack undoes the bindings',
        at: '1 nat-skipped@PREROUTING',
        says: [
          ['natSkipped.known', { hook: 'PREROUTING' }],
          ['natSkipped.whyReply', {}],
        ],
      },
      {
        name: 'the masquerade is undone at PREROUTING',
        at: '1 nat-reverse@PREROUTING',
        says: [
          ['natReverse.undoSnat', { from: '172.17.0.1:40000', to: '203.0.113.10:40000' }],
          ['natReverse.whyUndoSnat', {}],
        ],
      },
      {
        name: 'the DNAT is undone: the client sees 192.168.0.11:32110 answer, not 172.17.0.2:80',
        at: '1 nat-reverse@POSTROUTING',
        says: [
          ['natReverse.undoDnat', { from: '172.17.0.2:80', to: '192.168.0.11:32110' }],
          ['natReverse.whyUndoDnat', { from: '172.17.0.2:80', to: '192.168.0.11:32110' }],
        ],
      },
      {
        name: 'the answer leaves from the NodePort address',
        at: '1 forward',
        says: [
          ['sent.what', { src: '192.168.0.11:32110', dst: '203.0.113.10:40000', dev: 'eth0' }],
          ['sent.whyReply', { src: '192.168.0.11:32110', endpoint: '172.17.0.2:80' }],
        ],
      },
      {
        name: 'the ACK is the client’s next packet',
        at: '2 enter',
        says: [
          [
            'enter.againInterface',
            { src: '203.0.113.10:40000', dst: '192.168.0.11:32110', dev: 'eth0' },
          ],
          ['enter.whyAgain', {}],
        ],
      },
      {
        name: 'the ACK skips the nat table',
        at: '2 nat-skipped@PREROUTING',
        says: [
          ['natSkipped.known', { hook: 'PREROUTING' }],
          ['natSkipped.whyKnown', {}],
        ],
      },
      {
        name: 'the ACK gets the stored DNAT',
        at: '2 nat-reverse@PREROUTING',
        says: [
          ['natReverse.applyDnat', dnat],
          ['natReverse.whyApplyDnat', {}],
        ],
      },
    ],
  );
});

describe('narrating the split for each seed endpoint: 1/3 each, not uneven', () => {
  const SVC = 'KUBE-SVC-I64SNEMOLCWHJHS3';
  const second = 'KUBE-SEP-GRLEVIWNO4P37GSQ';
  runCases(
    () => seedPlay('nodeport-external', '172.17.0.3:80'),
    [
      {
        name: 'the first rule’s draw fails for the second pod',
        at: `0 ${SVC}#1`,
        says: [
          ['random.passed', { probability: '0.33332999982', fraction: '1/3' }],
          ['split.evenFirst', { share: '1/3', n: 3 }],
        ],
      },
      {
        name: 'the second rule takes 1/2 of the remaining 2/3: 1/3',
        at: `0 ${SVC}#2`,
        says: [
          ['random.held', { probability: '0.50000000000', fraction: '1/2', target: second }],
          ['split.even', { reach: '2/3', share: '1/3', n: 3 }],
        ],
      },
    ],
  );
  runCases(
    () => seedPlay('nodeport-external', '172.17.0.4:80'),
    [
      {
        name: 'the last rule takes the rest: 1/3',
        at: `0 ${SVC}#3`,
        says: [
          ['random.rest', { target: 'KUBE-SEP-74XRUOWV76LDS3ID' }],
          ['split.even', { reach: '1/3', share: '1/3', n: 3 }],
        ],
      },
    ],
  );
});

describe('narrating the seed node → ClusterIP conversation', () => {
  runCases(
    () => seedPlay('node-to-clusterip'),
    [
      {
        name: 'a local process starts at OUTPUT, and why',
        at: '0 enter',
        says: [
          ['enter.local', { src: '192.168.0.11:40000', dst: '10.254.198.92:80', protocol: 'tcp' }],
          ['enter.whyLocal', {}],
        ],
      },
      {
        name: 'nat OUTPUT jumps to the service portals',
        at: '0 OUTPUT#2',
        says: [
          ['kube.portals', { hook: 'OUTPUT' }],
          ['kube.whyPortalsOutput', {}],
        ],
      },
      {
        name: 'the ClusterIP rule matches',
        at: '0 KUBE-SERVICES#1',
        says: [
          [
            'kube.clusterIP',
            {
              dst: '10.254.198.92:80',
              service: 'default/nginx-service-nodeport',
              target: 'KUBE-SVC-I64SNEMOLCWHJHS3',
            },
          ],
          ['kube.whyClusterIP', {}],
        ],
      },
      {
        name: 'after DNAT the route is looked up again: out of the pod bridge',
        at: '0 reroute',
        says: [
          ['reroute.what', { dst: '172.17.0.2', dev: 'cni0' }],
          ['reroute.why', { original: '10.254.198.92' }],
        ],
      },
      {
        name: 'without the mark, no masquerading',
        at: '0 KUBE-POSTROUTING#1-1',
        says: [['kube.postroutingPassed', { mark: '0x4000', src: '192.168.0.11' }]],
      },
      {
        name: 'no NAT rule fired in nat POSTROUTING',
        at: '0 policy@POSTROUTING',
        says: [
          ['policy.what', { table: 'nat', chain: 'POSTROUTING', verdict: 'ACCEPT' }],
          ['policy.whyNat', {}],
        ],
      },
      {
        name: 'the answer’s DNAT is undone at INPUT',
        at: '1 nat-reverse@INPUT',
        says: [
          ['natReverse.undoDnat', { from: '172.17.0.2:80', to: '10.254.198.92:80' }],
          ['natReverse.whyUndoDnat', { from: '172.17.0.2:80', to: '10.254.198.92:80' }],
        ],
      },
      {
        name: 'the process hears the ClusterIP answer',
        at: '1 deliver',
        says: [
          ['deliver.reply', { src: '10.254.198.92:80' }],
          ['deliver.whyReply', { src: '10.254.198.92:80', endpoint: '172.17.0.2:80' }],
        ],
      },
      {
        name: 'the ACK skips nat OUTPUT',
        at: '2 nat-skipped@OUTPUT',
        says: [
          ['natSkipped.known', { hook: 'OUTPUT' }],
          ['natSkipped.whyKnown', {}],
        ],
      },
    ],
  );
});

describe('narrating the current profile’s NodePort (KUBE-EXT, --xor-mark)', () => {
  runCases(
    () => examplePlay('nodeport-external', '10.244.1.2:80'),
    [
      {
        name: 'KUBE-NODEPORTS sends the NodePort to KUBE-EXT',
        at: '0 KUBE-NODEPORTS#1',
        says: [
          [
            'kube.nodePortExt',
            { dport: 30080, service: 'default/nginx', target: 'KUBE-EXT-2CMXP7HKUVJN7L6M' },
          ],
          ['kube.whyNodePortExt', {}],
        ],
      },
      {
        name: 'KUBE-EXT marks outside traffic for masquerading',
        at: '0 KUBE-EXT-2CMXP7HKUVJN7L6M#1',
        says: [
          ['kube.extMark', {}],
          ['kube.whyNodePortMasq', {}],
        ],
      },
      {
        name: 'KUBE-EXT goes on to all endpoints (Cluster policy)',
        at: '0 KUBE-EXT-2CMXP7HKUVJN7L6M#2',
        says: [['kube.extService', { target: 'KUBE-SVC-2CMXP7HKUVJN7L6M' }]],
      },
      {
        name: 'the ClusterIP’s masquerade rule is not for the NodePort address',
        at: '0 KUBE-SVC-2CMXP7HKUVJN7L6M#1-1',
        says: [['kube.svcMasqPassedAddress', { dst: '192.168.0.11', clusterIP: '10.96.100.10' }]],
      },
      {
        name: 'the random rule after the masquerade rule still takes 1/3',
        at: '0 KUBE-SVC-2CMXP7HKUVJN7L6M#2',
        says: [
          [
            'random.held',
            {
              probability: '0.33333333349',
              fraction: '1/3',
              target: 'KUBE-SEP-L3TEFOPRMLPWJIHV',
            },
          ],
          ['split.evenFirst', { share: '1/3', n: 3 }],
        ],
      },
      {
        name: 'filter FORWARD accepts the marked packet',
        at: '0 KUBE-FORWARD#2',
        says: [
          ['kube.forwardMarked', {}],
          ['kube.whyForwardMarked', {}],
        ],
      },
      {
        name: 'the RETURN for unmarked packets is passed over',
        at: '0 KUBE-POSTROUTING#1-1',
        says: [['kube.postroutingMarked', { mark: '0x4000' }]],
      },
      {
        name: 'the mark is cleared with --xor-mark before MASQUERADE',
        at: '0 KUBE-POSTROUTING#2',
        says: [
          ['kube.unmark', { from: '0x4000', to: '0x0', bit: '0x4000' }],
          ['kube.whyUnmark', {}],
        ],
      },
      {
        name: 'MASQUERADE to the pod bridge’s address',
        at: '0 KUBE-POSTROUTING#3',
        says: [
          ['kube.masquerade', { from: '203.0.113.7:40010', to: '10.244.1.1:40010', dev: 'cni0' }],
          ['kube.whyMasquerade', { from: '203.0.113.7:40010', to: '10.244.1.1:40010' }],
        ],
      },
    ],
  );
});

describe('narrating other kube-proxy examples', () => {
  runCases(
    () => examplePlay('no-endpoints', 'none'),
    [
      {
        name: 'a Service without endpoints is rejected in filter',
        at: '0 KUBE-SERVICES#1',
        says: [
          ['kube.reject', { dst: '10.96.100.30:80', service: 'default/idle' }],
          ['kube.whyReject', {}],
        ],
      },
      {
        name: 'the last rule does not catch a destination that is not the node’s',
        at: '0 KUBE-SERVICES#1-1',
        says: [
          ['skip.one', { first: 1, chain: 'KUBE-SERVICES' }],
          ['kube.whyLocalPassed', { dst: '10.96.100.30' }],
        ],
      },
      {
        name: 'the walk ends rejected',
        at: '0 drop',
        says: [['drop.rejected', { rule: 'filter/KUBE-SERVICES#1' }]],
      },
    ],
  );
  runCases(
    () => seedPlay('hairpin'),
    [
      {
        name: 'a pod reaching itself is marked: the hairpin rule',
        at: '0 KUBE-SEP-MMWJ6M2J72TU3J64#1',
        says: [
          ['kube.hairpin', { src: '172.17.0.2' }],
          ['kube.whyHairpin', {}],
        ],
      },
    ],
  );
  runCases(
    () => examplePlay('etp-local-with-endpoint', '10.244.1.6:8080'),
    [
      {
        name: 'externalTrafficPolicy: Local goes to KUBE-SVL unmasqueraded',
        at: '0 KUBE-EXT-ZJMBFACUQCTMIK2C#4',
        says: [
          ['kube.extLocal', { target: 'KUBE-SVL-ZJMBFACUQCTMIK2C' }],
          ['kube.whyExtLocal', { src: '203.0.113.7' }],
        ],
      },
      {
        name: 'KUBE-POSTROUTING returns an unmarked packet',
        at: '0 KUBE-POSTROUTING#1',
        says: [
          ['kube.postroutingReturn', { mark: '0x4000' }],
          ['kube.whyPostroutingReturn', { src: '203.0.113.7' }],
        ],
      },
    ],
  );
});

describe('narrating without the rules’ text', () => {
  runCases(
    () => seedPlay('nodeport-external'),
    [
      {
        name: 'a run of rules passed over is told generically',
        at: '0 KUBE-SERVICES#1-1',
        says: [['skip.one', { first: 1, chain: 'KUBE-SERVICES' }]],
      },
      {
        name: 'the jump to KUBE-NODEPORTS is still the LOCAL rule',
        at: '0 KUBE-SERVICES#2',
        says: [
          ['kube.nodePortsLocal', { dst: '192.168.0.11' }],
          ['kube.whyNodePortsLocal', {}],
        ],
      },
      {
        name: 'the random rule’s probability comes from the step, the split from kube-proxy’s rule',
        at: '0 KUBE-SVC-I64SNEMOLCWHJHS3#1',
        says: [
          [
            'random.held',
            {
              probability: '0.33332999982',
              fraction: '1/3',
              target: 'KUBE-SEP-MMWJ6M2J72TU3J64',
            },
          ],
          ['split.kube', {}],
        ],
      },
      {
        name: 'a KUBE-SEP chain’s first rule is the hairpin check',
        at: '0 KUBE-SEP-MMWJ6M2J72TU3J64#1-1',
        says: [['kube.hairpinPassed', { src: '203.0.113.10' }]],
      },
    ],
    false,
  );
});

/** A host firewall and a Docker-style port forward: no kube-proxy chain anywhere. */
const HOST_FIREWALL = `*filter
:INPUT DROP [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -i lo -j ACCEPT
-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT
COMMIT
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.18.0.2:80
-A POSTROUTING -s 172.18.0.0/16 -o eth0 -j MASQUERADE
COMMIT
`;

describe('narrating a dump that is not kube-proxy’s', () => {
  const node = readNodeModel({ nodeIPs: ['192.168.0.11'], interfaces: ['docker0=172.18.0.1/16'] });
  if (!node.ok) throw new Error(node.message);
  const planFor = (dport: number): PlayPlan => ({
    script: conversationOf('203.0.113.10', `192.168.0.11:${dport}`, 'tcp', 'eth0'),
    model: node.value,
  });
  runCases(
    () => play(HOST_FIREWALL, planFor(8080), { kind: 'random', seed: 1 }),
    [
      {
        name: 'DNAT is told without kube-proxy’s words',
        at: '0 PREROUTING#1',
        says: [
          ['effect.dnat', { from: '192.168.0.11:8080', to: '172.18.0.2:80' }],
          ['effect.whyDnat', { from: '192.168.0.11:8080', to: '172.18.0.2:80' }],
        ],
      },
    ],
  );
  runCases(
    () => play(HOST_FIREWALL, planFor(23), { kind: 'random', seed: 1 }),
    [
      {
        name: 'rules passed over',
        at: '0 INPUT#1-3',
        says: [['skip.many', { first: 1, last: 3, chain: 'INPUT' }]],
      },
      {
        name: 'the chain’s policy drops',
        at: '0 policy@INPUT',
        says: [['policy.what', { table: 'filter', chain: 'INPUT', verdict: 'DROP' }]],
      },
      {
        name: 'the walk ends dropped',
        at: '0 drop',
        says: [['drop.policy', { table: 'filter', chain: 'INPUT' }]],
      },
    ],
  );
});

describe('narrating the kernel’s own turns on a host firewall', () => {
  const node = readNodeModel({ nodeIPs: ['192.168.0.11'] });
  if (!node.ok) throw new Error(node.message);
  const plan = (src: string, dst: string, from: string, model = node.value): PlayPlan => ({
    script: conversationOf(src, dst, 'tcp', from),
    model,
  });
  const random = { kind: 'random', seed: 1 } as const;
  runCases(
    () => play(HOST_FIREWALL, plan('192.168.0.11', '192.168.0.11:22', 'local'), random),
    [
      {
        name: 'a packet to the node itself loops back through lo',
        at: '0 loopback',
        says: [
          ['loopback.what', {}],
          ['loopback.why', {}],
        ],
      },
      {
        name: 'its destination binding was made in OUTPUT',
        at: '0 nat-skipped@PREROUTING',
        says: [
          ['natSkipped.bound', { hook: 'PREROUTING', kind: 'DNAT' }],
          ['natSkipped.whyBound', {}],
        ],
      },
      {
        name: 'filter INPUT accepts what comes in on lo',
        at: '0 INPUT#1',
        says: [['rule.accept', { table: 'filter', hook: 'INPUT' }]],
      },
      {
        name: 'it is delivered to the local socket',
        at: '0 deliver',
        says: [['deliver.what', { dst: '192.168.0.11:22' }]],
      },
    ],
  );
  runCases(
    () =>
      play(
        HOST_FIREWALL,
        plan('203.0.113.10', '127.0.0.1:22', 'eth0', { ...node.value, routeLocalnet: false }),
        random,
      ),
    [
      {
        name: 'a loopback destination from outside is a martian',
        at: '0 martian',
        says: [
          ['martian.destinationLocalnet', { dst: '127.0.0.1' }],
          ['martian.whyLocalnet', {}],
        ],
      },
      {
        name: 'and the walk ends there, dropped by routing',
        at: '0 drop',
        says: [['drop.martian', {}]],
      },
    ],
  );
});

/** A host firewall with rules kpviz cannot be sure of, and every way a rule ends a walk. */
const ENDINGS = `*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -m set --match-set blocked src -j DROP
-A INPUT -p tcp -m tcp --dport 23 -j DROP
-A INPUT -p tcp -m tcp --dport 25 -j REJECT --reject-with tcp-reset
-A INPUT -p tcp -m tcp --dport 26 -j QUEUE
-A INPUT -p tcp -m tcp --dport 27 -j NETMAP --to 10.0.0.0/24
COMMIT
`;

describe('narrating how a walk ends, and what kpviz cannot be sure of, from the trace’s data', () => {
  const node = readNodeModel({ nodeIPs: ['192.168.0.11'] });
  if (!node.ok) throw new Error(node.message);
  const to = (dst: string, model = node.value): PlayPlan => ({
    script: conversationOf('203.0.113.10', dst, 'tcp', 'eth0'),
    model,
  });
  const random = { kind: 'random', seed: 1 } as const;
  const played =
    (dst: string, model = node.value) =>
    () =>
      play(ENDINGS, to(dst, model), random);
  for (const withText of [true, false]) {
    runCases(
      played('192.168.0.11:23'),
      [
        {
          name: `an ipset without members is passed over, uncertain (text: ${withText})`,
          at: '0 INPUT#1',
          says: [
            ['rule.passed', { failed: '-m set --match-set blocked src' }],
            ['uncertain.ipsetMembers', { set: 'blocked' }],
          ],
        },
        {
          name: `a DROP rule ends the walk (text: ${withText})`,
          at: '0 drop',
          says: [['drop.rule', { rule: 'filter/INPUT#2' }]],
        },
      ],
      withText,
    );
    runCases(
      played('192.168.0.11:25'),
      [
        {
          name: `REJECT’s answer comes from the step (text: ${withText})`,
          at: '0 INPUT#3',
          says: [['rule.reject', { with: 'tcp-reset' }]],
        },
        {
          name: `a REJECT rule ends the walk rejected (text: ${withText})`,
          at: '0 drop',
          says: [['drop.rejected', { rule: 'filter/INPUT#3' }]],
        },
      ],
      withText,
    );
    runCases(
      played('192.168.0.11:26'),
      [
        {
          name: `QUEUE ends the walk: no userspace program (text: ${withText})`,
          at: '0 drop',
          says: [['drop.queue', { rule: 'filter/INPUT#4' }]],
        },
      ],
      withText,
    );
  }
  runCases(played('192.168.0.11:27'), [
    {
      name: 'a target kpviz does not simulate: its name in a translated sentence',
      at: '0 INPUT#5',
      says: [
        ['rule.continue', { target: 'NETMAP' }],
        ['uncertain.targetNotSimulated', { target: 'NETMAP' }],
      ],
    },
  ]);
  runCases(played('8.8.8.8:53', { ...node.value, routes: [] }), [
    {
      name: 'no route: the walk ends at routing',
      at: '0 drop',
      says: [['drop.noRoute', { dst: '8.8.8.8' }]],
    },
  ]);
  runCases(played('8.8.8.8:53', { ...node.value, ipForward: false }), [
    {
      name: 'not for the node, with ip_forward 0',
      at: '0 drop',
      says: [['drop.noForward', {}]],
    },
  ]);
});

describe('narrating what the simulator did not say', () => {
  const packet = { src: '203.0.113.10', dst: '192.168.0.11', protocol: 'tcp', mark: 0 } as const;
  const frameOf = (step: Frame['step']): Frame => ({
    leg: 0,
    role: 'request',
    index: 0,
    step,
    before: packet,
    after: packet,
    changed: [],
  });
  const event = (name: 'drop' | 'martian', detail: Record<string, string>): Frame =>
    frameOf({ kind: 'event', event: name, text: '', detail, packet });

  it.each<[string, Frame, Said[]]>([
    [
      'a drop without a cause says its verdict',
      event('drop', { verdict: 'DROP' }),
      [['drop.other', { verdict: 'DROP' }]],
    ],
    ['a martian without a kind', event('martian', {}), [['martian.other', {}]]],
    [
      'an uncertain rule without doubts',
      frameOf({
        kind: 'rule',
        hook: 'INPUT',
        table: 'filter',
        chain: 'INPUT',
        index: 1,
        matched: true,
        verdict: 'continue',
        uncertain: 'something',
        packet,
      }),
      [
        ['rule.continueUnnamed', {}],
        ['uncertain.other', {}],
      ],
    ],
  ])('%s', (_, frame, says) => {
    expect(keysAndValues(narrate(frame))).toEqual(says.map(([k, v]) => [`narration.${k}`, v]));
  });
});

describe('every narration', () => {
  const plays: [string, () => Played][] = [
    ...RULES_PLAYS.map((kind): [string, () => Played] => [`seed ${kind}`, () => seedPlay(kind)]),
    ...SCENARIOS.map((s): [string, () => Played] => [
      s.id,
      () => {
        const { plan, rules } = planOfExample(s);
        return play(rules, plan, { kind: 'random', seed: 7 });
      },
    ]),
  ];

  it.each(plays)('of %s says one or two known sentences with exactly their values', (_, run) => {
    const { frames, context } = run();
    for (const withText of [context, undefined]) {
      for (const frame of frames) {
        const said = narrate(frame, withText);
        expect(said.length, place(frame)).toBeGreaterThanOrEqual(1);
        expect(said.length, place(frame)).toBeLessThanOrEqual(2);
        for (const { key, values } of said) {
          const name = key.replace(/^narration\./, '') as NarrationKey;
          expect(NARRATION_KEYS, key).toHaveProperty([name]);
          expect(Object.keys(values).sort(), key).toEqual([...NARRATION_KEYS[name]].sort());
          for (const value of Object.values(values)) expect(String(value), key).not.toBe('');
        }
      }
    }
  });
});

/** A Service with three endpoints whose probabilities are not kube-proxy's 1/3, 1/2. */
const HALVES = `*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:KUBE-SVC-X - [0:0]
:KUBE-SEP-A - [0:0]
:KUBE-SEP-B - [0:0]
:KUBE-SEP-C - [0:0]
-A PREROUTING -d 10.96.0.10/32 -p tcp -m tcp --dport 80 -j KUBE-SVC-X
-A KUBE-SVC-X -m statistic --mode random --probability 0.5 -j KUBE-SEP-A
-A KUBE-SVC-X -m statistic --mode random --probability 0.5 -j KUBE-SEP-B
-A KUBE-SVC-X -j KUBE-SEP-C
-A KUBE-SEP-A -p tcp -m tcp -j DNAT --to-destination 10.244.1.2:80
-A KUBE-SEP-B -p tcp -m tcp -j DNAT --to-destination 10.244.1.3:80
-A KUBE-SEP-C -p tcp -m tcp -j DNAT --to-destination 10.244.1.4:80
COMMIT
`;

/** One endpoint, after kube-proxy's masquerade rule: no draw at all. */
const ALONE = `*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-SVC-X - [0:0]
:KUBE-SEP-A - [0:0]
-A PREROUTING -d 10.96.0.10/32 -p tcp -m tcp --dport 80 -j KUBE-SVC-X
-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000
-A KUBE-SVC-X ! -s 10.244.0.0/16 -d 10.96.0.10/32 -p tcp -m tcp --dport 80 -j KUBE-MARK-MASQ
-A KUBE-SVC-X -j KUBE-SEP-A
-A KUBE-SEP-A -p tcp -m tcp -j DNAT --to-destination 10.244.1.2:80
COMMIT
`;

describe('the split’s arithmetic', () => {
  const node = readNodeModel({ nodeIPs: ['192.168.0.11'], interfaces: ['cni0=10.244.1.1/24'] });
  if (!node.ok) throw new Error(node.message);
  const toService: PlayPlan = {
    script: conversationOf('203.0.113.10', '10.96.0.10:80', 'tcp', 'eth0'),
    model: node.value,
  };
  const halves = (dnat: string) => () => play(HALVES, toService, { kind: 'endpoint', dnat });
  const shares = '1/2, 1/4, 1/4';

  it.each([
    [0.33332999982, '1/3'],
    [0.6666700001, '2/3'],
    [0.5, '1/2'],
    [0.2, '1/5'],
    [1, '1'],
    [0.123456, '12.35%'],
  ])('reads %d as %s', (x, text) => {
    expect(fraction(x)).toBe(text);
  });

  it('is the split view’s: the seed’s split, 1/3 each, with the endpoints’ addresses', () => {
    const { context } = seedPlay('nodeport-external');
    const split = context.split?.('nat', 'KUBE-SVC-I64SNEMOLCWHJHS3');
    expect(split?.branches.map((b) => b.exact && fractionText(b.exact.share))).toEqual([
      '1/3',
      '1/3',
      '1/3',
    ]);
    expect(split?.branches.map((b) => b.address)).toEqual([
      '172.17.0.2:80',
      '172.17.0.3:80',
      '172.17.0.4:80',
    ]);
    expect(split?.even).toBe(true);
  });

  runCases(halves('10.244.1.3:80'), [
    {
      name: 'a split of 1/2, 1/2 and the rest: the first rule takes 1/2',
      at: '0 KUBE-SVC-X#1',
      says: [
        ['random.passed', { probability: '0.50000000000', fraction: '1/2' }],
        ['split.unevenFirst', { share: '1/2', shares }],
      ],
    },
    {
      name: 'its second rule says an uneven split’s shares',
      at: '0 KUBE-SVC-X#2',
      says: [
        ['random.held', { probability: '0.50000000000', fraction: '1/2', target: 'KUBE-SEP-B' }],
        ['split.uneven', { reach: '1/2', share: '1/4', shares }],
      ],
    },
  ]);
  runCases(halves('10.244.1.4:80'), [
    {
      name: 'its last rule takes the rest, 1/4',
      at: '0 KUBE-SVC-X#3',
      says: [
        ['random.rest', { target: 'KUBE-SEP-C' }],
        ['split.uneven', { reach: '1/4', share: '1/4', shares }],
      ],
    },
  ]);
  runCases(
    () => play(ALONE, toService, { kind: 'random', seed: 1 }),
    [
      {
        name: 'a chain without random rules is no split: its one endpoint takes all',
        at: '0 KUBE-SVC-X#2',
        says: [['kube.onlyEndpoint', { target: 'KUBE-SEP-A' }]],
      },
    ],
  );
});
