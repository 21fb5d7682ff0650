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
};

/** The shape every catalogue must have: the same keys as English, any strings. */
export type Catalogue = typeof en;
