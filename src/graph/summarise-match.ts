/**
 * Matches in short human form, close to what `iptables -L` prints in its last
 * column but shorter: `tcp dpt:80`, `dst 10.96.0.10`, `random 33.3%`,
 * `mark 0x4000/0x4000`, `ctstate NEW`, `dst-type LOCAL`.
 */
import type { Match, Option, Rule } from '../domain/model/ruleset.ts';
import {
  argOf,
  not,
  probabilityPercent,
  shortAddress,
  shortOption,
  verbatim,
} from './summary-format.ts';

/** Modules that a protocol (`-p tcp`) names: their options follow the protocol word. */
const PORT_MODULES = new Set(['tcp', 'udp', 'udplite', 'sctp', 'dccp']);

/** `--dport 80` → `dpt:80`, `--dport 30000:32767` → `dpts:30000:32767`, as iptables -L names them. */
function portOption(option: Option): string {
  const arg = option.args[0] ?? '';
  const short = option.name === 'sport' ? 'spt' : option.name === 'dport' ? 'dpt' : undefined;
  if (short === undefined) {
    if (option.name === 'tcp-flags') {
      return `${not(option.negated)}flags:${option.args.join('/')}`;
    }
    return shortOption(option, '');
  }
  return `${not(option.negated)}${short}${arg.includes(':') ? 's' : ''}:${arg}`;
}

/** kube-proxy's session affinity: `recent rcheck 10800s KUBE-SEP-…` (`set` on the endpoint). */
function recent(options: readonly Option[]): string {
  const action = options.find((o) => ['set', 'rcheck', 'update', 'remove'].includes(o.name));
  const seconds = argOf(options, 'seconds');
  const hits = argOf(options, 'hitcount');
  return [
    'recent',
    action && `${not(action.negated)}${action.name}`,
    seconds && `${seconds}s`,
    hits && `hits ${hits}`,
    options.some((o) => o.name === 'rdest') && 'rdest',
    argOf(options, 'name'),
  ]
    .filter(Boolean)
    .join(' ');
}

function statistic(options: readonly Option[]): string {
  const probability = argOf(options, 'probability');
  if (argOf(options, 'mode') === 'random' && probability !== undefined) {
    return `random ${probabilityPercent(probability)}`;
  }
  return `nth every ${argOf(options, 'every') ?? '?'} packet ${argOf(options, 'packet') ?? 0}`;
}

/** Each option on its own, with the module's name left out where it adds nothing. */
const eachOption = (options: readonly Option[], module: string): string =>
  options.map((o) => shortOption(o, module)).join(' ');

/** Modules whose options read well on their own (`ctstate NEW`, `dst-type LOCAL`). */
const SELF_EXPLAINING = new Set(['conntrack', 'state', 'addrtype', 'iprange', 'multiport']);

/**
 * One match in short form; '' for a comment (the rule's comment is shown
 * apart). A module kpviz does not know is shown verbatim.
 *
 * @example
 *   summariseMatch({ module: 'mark', options: [{ name: 'mark', negated: false, args: ['0x4000/0x4000'] }] });
 *   // 'mark 0x4000/0x4000'
 */
export function summariseMatch(match: Match): string {
  const { module, options } = match;
  if (match.unknown) return [`-m ${module}`, ...options.map(verbatim)].join(' ');
  if (module === 'comment') return '';
  if (PORT_MODULES.has(module)) return options.map(portOption).join(' ');
  if (module === 'statistic') return statistic(options);
  if (module === 'recent') return recent(options);
  if (module === 'set') {
    return options
      .map((o) =>
        o.name === 'match-set' ? `${not(o.negated)}set ${o.args.join(' ')}` : shortOption(o, ''),
      )
      .join(' ');
  }
  if (SELF_EXPLAINING.has(module)) return eachOption(options, '');
  const unknownOption = options.some((o) => o.unknown);
  const body = unknownOption ? options.map(verbatim).join(' ') : eachOption(options, module);
  // A negated option alone (`! --mark 0x4000/0x4000`) reads best with the `!` in front.
  const first = options[0];
  if (options.length === 1 && first?.negated && !unknownOption) {
    return `! ${module} ${shortOption({ ...first, negated: false }, module)}`.trimEnd();
  }
  return body === '' ? module : `${module} ${body}`;
}

/**
 * A rule's matches in short form: the protocol with its ports, then
 * addresses and interfaces, then the other matches in rule order. The
 * comment and the target are not part of it.
 *
 * @example
 *   summariseRule(rule); // 'tcp dpt:80 dst 10.254.198.92'
 */
export function summariseRule(rule: Rule): string {
  const parts: string[] = [];
  const protocol = rule.protocol;
  const protocolMatch = protocol && rule.matches.find((m) => m.module === protocol.value);
  if (protocol) {
    const word = /^\d+$/.test(protocol.value) ? `proto ${protocol.value}` : protocol.value;
    parts.push(`${not(protocol.negated)}${word}`);
    if (protocolMatch) parts.push(summariseMatch(protocolMatch));
  }
  if (rule.source) parts.push(`${not(rule.source.negated)}src ${shortAddress(rule.source.value)}`);
  if (rule.destination) {
    parts.push(`${not(rule.destination.negated)}dst ${shortAddress(rule.destination.value)}`);
  }
  if (rule.inInterface) parts.push(`${not(rule.inInterface.negated)}in ${rule.inInterface.value}`);
  if (rule.outInterface) {
    parts.push(`${not(rule.outInterface.negated)}out ${rule.outInterface.value}`);
  }
  if (rule.fragment) parts.push(`${not(rule.fragment.negated)}frag`);
  for (const match of rule.matches) {
    if (match === protocolMatch) continue;
    // A port module without its protocol (`-m tcp` with no `-p`) still names itself.
    const text = summariseMatch(match);
    parts.push(PORT_MODULES.has(match.module) && text !== '' ? `${match.module} ${text}` : text);
  }
  return parts.filter((p) => p !== '').join(' ');
}

/**
 * The rule's comment (several `-m comment` joined), or undefined.
 *
 * @example
 *   ruleComment(rule); // 'default/nginx-service-nodeport: cluster IP'
 */
export function ruleComment(rule: Rule): string | undefined {
  // Called for every rule of a dump (Service names, search): no arrays on the way.
  let text: string | undefined;
  for (const match of rule.matches) {
    if (match.module !== 'comment') continue;
    for (const option of match.options) {
      const words = option.args.join(' ');
      text = text === undefined ? words : `${text} ${words}`;
    }
  }
  return text;
}
