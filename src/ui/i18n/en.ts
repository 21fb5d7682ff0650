/**
 * The English catalogue: every word the UI shows. Its shape is the contract
 * every other language fills in (see `Catalogue`).
 *
 * @example
 *   const { t } = useTranslation();
 *   t('table.heading', { name: 'nat' }); // "nat table"
 */
export const en = {
  app: {
    name: 'kpviz',
    tagline: 'How kube-proxy moves a packet through Linux netfilter',
  },
  theme: {
    dark: 'Dark theme',
  },
  views: {
    label: 'Views',
    graph: 'Graph',
    rules: 'Rules',
  },
  language: {
    label: 'Language',
    en: 'English',
    zh: '中文',
  },
  source: {
    summary: 'Rule dump',
    label: 'Paste iptables-save, iptables -S or iptables -L -n output',
    show: 'Show rules',
    example: 'Load the example',
  },
  summary: {
    label: 'What was read',
    format: 'Format',
    tables: 'Tables',
    chains: 'Chains',
    rules: 'Rules',
  },
  format: {
    save: 'iptables-save',
    rules: 'iptables -S',
    listing: 'iptables -L -n',
  },
  problems: {
    heading: 'Problems',
    error: 'error',
    warning: 'warning',
    at: '{{line}}:{{column}}',
  },
  ruleset: {
    empty: 'No tables found in this dump.',
  },
  table: {
    heading: '{{name}} table',
  },
  chain: {
    policy: 'policy {{policy}}',
    references_one: '{{count}} reference',
    references_other: '{{count}} references',
    noRules: 'No rules',
  },
  rules: {
    caption: 'Rules of {{chain}}',
    number: '#',
    target: 'Target',
    text: 'Rule',
    line: 'Line',
    goto: 'goto',
    noTarget: 'none',
  },
  graph: {
    label: 'Packet flow through netfilter',
    stage: {
      'network-in': 'Network in',
      'routing-in': 'Routing decision',
      'local-process': 'Local process',
      'routing-out': 'Routing decision (output)',
      'network-out': 'Network out',
    },
    hook: '{{table}} {{hook}}',
    node: {
      hook_one: '{{table}} table at {{hook}}, policy {{policy}}, {{count}} rule',
      hook_other: '{{table}} table at {{hook}}, policy {{policy}}, {{count}} rules',
      chain_one: 'chain {{chain}}, {{count}} rule',
      chain_other: 'chain {{chain}}, {{count}} rules',
      labelledChain_one: 'chain {{chain}} {{label}}, {{count}} rule',
      labelledChain_other: 'chain {{chain}} {{label}}, {{count}} rules',
    },
    edge: {
      flow: 'packets flow from {{from}} to {{to}}',
      jump: '{{from}} jumps to {{to}}',
      goto: '{{from}} goes to {{to}}',
      return: '{{from}} returns to {{to}}',
    },
    collapse: 'Collapse {{chain}}',
    expand: 'Expand {{chain}}',
    goto: 'goto',
    noTarget: 'no target',
    noRules: 'no rules: packets return at once',
    gap_one: 'rule {{from, number}} not shown',
    gap_other: 'rules {{from, number}}–{{to, number}} not shown ({{count, number}})',
    policyAssumed: 'policy {{policy}} (the kernel’s default)',
    packets_one: '{{count}} packet',
    packets_other: '{{count}} packets',
    hidden_one:
      '{{count, number}} chain not drawn: focus a Service, search, or open a chain from its rule.',
    hidden_other:
      '{{count, number}} chains not drawn: focus a Service, search, or open a chain from its rule.',
  },
  focus: {
    label: 'Focus',
    all: 'All Services',
  },
  search: {
    label: 'Search',
    placeholder: 'IP, port, chain or comment',
    results: 'Search results',
    none: 'No matches.',
    count_one: '{{count, number}} match',
    count_other: '{{count, number}} matches',
    more: 'and {{count, number}} more',
  },
  details: {
    heading: 'Details',
    empty: 'Select a chain or a rule to see it in full.',
    chain: 'Chain {{chain}}',
    hook: '{{table}} table at {{hook}}',
    rule: 'Rule {{index}} of {{chain}}',
    table: 'Table',
    service: 'Service',
    policy: 'Policy',
    rules: 'Rules',
    save: 'As iptables-save writes it',
    line: 'Line',
    noLine: 'not known',
    target: 'Target',
    matches: 'Matches',
    comment: 'Comment',
    packets: 'Packets',
    goTo: 'Go to {{chain}}',
    showChain: 'Show {{chain}}',
    chainOf: 'Back to {{chain}}',
  },
  flow: {
    nodeDescription:
      'Press Enter to show this chain in the details panel; arrow keys move to the nearest chain in that direction.',
    nodeDescriptionNoKeyboard: 'Select a chain to show it in the details panel.',
    nodeMoved: 'Moved {{direction}} to {{x}}, {{y}}',
    edgeDescription: 'A jump or flow between two chains.',
    controls: 'Graph controls',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fitView: 'Fit view',
    interactive: 'Toggle interactivity',
    minimap: 'Overview map',
    handle: 'Rule handle',
  },
};

/** The shape every catalogue must have: the same keys as English, any strings. */
export type Catalogue = typeof en;
