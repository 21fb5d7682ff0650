import type { Catalogue } from './en.ts';

/** The Chinese (Simplified) catalogue; the `Catalogue` type keeps it complete. */
export const zh: Catalogue = {
  app: {
    name: 'kpviz',
    tagline: 'kube-proxy 如何让数据包穿过 Linux netfilter',
  },
  language: {
    label: '语言',
    en: 'English',
    zh: '中文',
  },
  source: {
    summary: '规则转储',
    label: '粘贴 iptables-save、iptables -S 或 iptables -L -n 的输出',
    show: '显示规则',
    example: '载入示例',
  },
  summary: {
    label: '读取结果',
    format: '格式',
    tables: '表',
    chains: '链',
    rules: '规则',
  },
  format: {
    save: 'iptables-save',
    rules: 'iptables -S',
    listing: 'iptables -L -n',
  },
  problems: {
    heading: '问题',
    error: '错误',
    warning: '警告',
    at: '{{line}}:{{column}}',
  },
  ruleset: {
    empty: '此转储中没有找到任何表。',
  },
  table: {
    heading: '{{name}} 表',
  },
  chain: {
    policy: '策略 {{policy}}',
    // Chinese has one plural form; i18next reads `_other`, `_one` keeps the shape complete.
    references_one: '{{count}} 处引用',
    references_other: '{{count}} 处引用',
    noRules: '没有规则',
  },
  rules: {
    caption: '{{chain}} 的规则',
    number: '#',
    target: '目标',
    text: '规则',
    line: '行号',
    goto: 'goto',
    noTarget: '无',
  },
};
