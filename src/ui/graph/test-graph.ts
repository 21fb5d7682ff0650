import { rowCount } from '../../graph/rows.ts';
import { nodeSize, STAGE_SIZE } from '../../graph/sizes.ts';
import type { ChainNode, Graph, GraphNode, RuleLine } from '../../graph/types.ts';

/**
 * A small hand-made Graph in the shape the builder produces, for component
 * tests: the seed Service's path from nat PREROUTING to one pod, with counters.
 */
const rule = (chain: string, index: number, fields: Partial<RuleLine>): RuleLine => ({
  key: `nat/${chain}#${index}`,
  index,
  target: '',
  goto: false,
  summary: '',
  text: `-A ${chain}`,
  ...fields,
});

/** The size the builder gives a node with these rules (sizes.ts, rows.ts). */
const size = (rules: readonly RuleLine[], hook = false, collapsed = false) =>
  nodeSize(rowCount({ rules }, hook), collapsed);

const chain = (
  name: string,
  y: number,
  fields: Partial<ChainNode> & Pick<ChainNode, 'role' | 'rules'>,
): ChainNode => ({
  kind: 'chain',
  id: `nat/${name}`,
  table: 'nat',
  chain: name,
  collapsed: false,
  position: { x: 600, y },
  size: size(fields.rules, false, fields.collapsed),
  ...fields,
});

export const SVC = 'KUBE-SVC-I64SNEMOLCWHJHS3';
const SEPS = [
  'KUBE-SEP-MMWJ6M2J72TU3J64',
  'KUBE-SEP-GRLEVIWNO4P37GSQ',
  'KUBE-SEP-74XRUOWV76LDS3ID',
];
const SERVICE = 'default/nginx-service-nodeport:';

const nodes: GraphNode[] = [
  {
    kind: 'stage',
    id: 'stage:network-in',
    stage: 'network-in',
    position: { x: 0, y: 0 },
    size: STAGE_SIZE,
  },
  {
    kind: 'hook',
    id: 'nat/PREROUTING',
    hook: 'PREROUTING',
    table: 'nat',
    hasRules: true,
    policy: 'ACCEPT',
    rules: [
      rule('PREROUTING', 1, {
        target: 'KUBE-SERVICES',
        targetId: 'nat/KUBE-SERVICES',
        comment: 'kubernetes service portals',
        text: '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
        line: 4,
        packets: 1200n,
      }),
    ],
    position: { x: 200, y: 0 },
    size: size([{ index: 1 } as RuleLine], true),
  },
  {
    kind: 'hook',
    id: 'raw/PREROUTING',
    hook: 'PREROUTING',
    table: 'raw',
    hasRules: false,
    policy: 'ACCEPT',
    rules: [],
    position: { x: 200, y: 120 },
    size: size([], true),
  },
  chain('KUBE-SERVICES', 0, {
    role: 'services',
    rules: [
      rule('KUBE-SERVICES', 1, {
        target: SVC,
        targetId: `nat/${SVC}`,
        summary: 'tcp dpt:80 dst 10.254.198.92',
        comment: `${SERVICE} cluster IP`,
        text: `-A KUBE-SERVICES -d 10.254.198.92/32 -p tcp -m comment --comment "${SERVICE} cluster IP" -m tcp --dport 80 -j ${SVC}`,
        line: 52,
        packets: 30n,
      }),
    ],
  }),
  chain(SVC, 120, {
    label: SERVICE,
    labelSource: 'comment',
    service: SERVICE,
    role: 'service',
    rules: SEPS.map((sep, i) =>
      rule(SVC, i + 1, {
        target: sep,
        targetId: `nat/${sep}`,
        summary: i < 2 ? `random ${i === 0 ? '33.3' : '50.0'}%` : '',
        comment: SERVICE,
        text: `-A ${SVC} -m comment --comment "${SERVICE}"${i < 2 ? ' -m statistic --mode random' : ''} -j ${sep}`,
        line: 53 + i,
        packets: 10n,
      }),
    ),
  }),
  chain(SEPS[0] ?? '', 260, {
    label: '172.17.0.2:80',
    labelSource: 'rules',
    service: SERVICE,
    role: 'endpoint',
    collapsed: true,
    rules: [
      rule(SEPS[0] ?? '', 1, {
        target: 'DNAT',
        targetSummary: 'to 172.17.0.2:80',
        summary: 'tcp',
        text: `-A ${SEPS[0]} -p tcp -m tcp -j DNAT --to-destination 172.17.0.2:80`,
        line: 40,
      }),
    ],
  }),
];

export const TEST_GRAPH: Graph = {
  nodes,
  edges: [
    { id: 'flow:in', kind: 'flow', source: 'stage:network-in', target: 'raw/PREROUTING' },
    { id: 'flow:raw-nat', kind: 'flow', source: 'raw/PREROUTING', target: 'nat/PREROUTING' },
    {
      id: 'jump:pre',
      kind: 'jump',
      source: 'nat/PREROUTING',
      sourceRule: 'nat/PREROUTING#1',
      target: 'nat/KUBE-SERVICES',
    },
    {
      id: 'jump:svc',
      kind: 'jump',
      source: 'nat/KUBE-SERVICES',
      sourceRule: 'nat/KUBE-SERVICES#1',
      target: `nat/${SVC}`,
    },
    {
      id: 'jump:sep0',
      kind: 'jump',
      source: `nat/${SVC}`,
      sourceRule: `nat/${SVC}#1`,
      target: `nat/${SEPS[0]}`,
    },
    { id: 'return:svc', kind: 'return', source: `nat/${SVC}`, target: 'nat/KUBE-SERVICES' },
  ],
  hiddenCount: 2,
};
