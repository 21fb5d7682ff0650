import type { Option } from '../ruleset.ts';
import { quantiseProbability } from './probability.ts';
import { protocolNumber } from './protocols.ts';
import {
  BYTE_RATE,
  formatRate,
  HASHLIMIT_SCALE,
  hashlimitRate,
  limitRate,
  parseRate,
} from './rates.ts';
import type { ExtensionSpec } from './spec.ts';
import { flag, one, opt, two } from './spec.ts';
import {
  ctAddress,
  formatMarkMatch,
  formatRange,
  formatServicePortRange,
  formatU32,
  orderedFlagList,
  parseU32,
} from './values.ts';

/** conntrack's states, in the bit order the kernel module prints them. */
const CT_STATES = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT'];
/** conntrack's statuses in bit order; NONE is no bit, printed only when no other is set. */
const CT_STATUS = ['EXPECTED', 'SEEN_REPLY', 'ASSURED', 'CONFIRMED'];

function ctStatus(text: string): string | undefined {
  const bits = text
    .split(',')
    .filter((s) => s.toUpperCase() !== 'NONE')
    .join(',');
  if (bits === '') return 'NONE';
  return orderedFlagList(CT_STATUS, bits);
}

const u32Range = (t: string): string | undefined => formatRange(t, parseU32, 0xffffffff);

/**
 * `! --X-upto N` is stored as `--X-above N` and the other way round: the
 * kernel keeps one flag for "above", and iptables-save prints no `!`.
 */
const flipNegated =
  (upto: string, above: string) =>
  (options: readonly Option[]): Option[] =>
    options.map((o) =>
      o.negated && (o.name === upto || o.name === above)
        ? opt(o.name === upto ? above : upto, o.args)
        : o,
    );

const RECENT_DEFAULT_MASK = '255.255.255.255';
/** hashlimit's defaults, which iptables-save leaves out (masks for IPv4). */
const HASHLIMIT_GC_INTERVAL = '1000';
const HASHLIMIT_MASK = '32';
const HASHLIMIT_MODES = ['srcip', 'srcport', 'dstip', 'dstport'];

function hashlimitMode(text: string): string | undefined {
  const given = text.split(',');
  if (!given.every((m) => HASHLIMIT_MODES.includes(m))) return undefined;
  return HASHLIMIT_MODES.filter((m) => given.includes(m)).join(',');
}

/**
 * hashlimit as iptables-save prints it: the rate in its printed unit, the
 * burst always (5 by default), the table defaults left out. The default
 * expiry is one unit of the rate as written, in ms, and is printed whenever it
 * differs from the unit printed: `3600/hour` → `1/sec` plus
 * `--hashlimit-htable-expire 3600000`.
 */
function hashlimitCanonical(options: readonly Option[]): readonly Option[] {
  const out = flipNegated(
    'hashlimit-upto',
    'hashlimit-above',
  )(options).filter(
    (o) =>
      !(o.name === 'hashlimit-htable-gcinterval' && o.args[0] === HASHLIMIT_GC_INTERVAL) &&
      !(/^hashlimit-(src|dst)mask$/.test(o.name) && o.args[0] === HASHLIMIT_MASK) &&
      !(/^hashlimit-htable-(size|max)$/.test(o.name) && o.args[0] === '0'),
  );
  const at = out.findIndex((o) => o.name === 'hashlimit-upto' || o.name === 'hashlimit-above');
  const limit = out[at];
  const rate =
    limit &&
    !BYTE_RATE.test(limit.args[0] ?? '') &&
    parseRate(limit.args[0] ?? '', HASHLIMIT_SCALE);
  if (!limit || !rate) return out;
  const printed = formatRate(rate.period, HASHLIMIT_SCALE);
  out[at] = opt(limit.name, [printed.text], limit.negated);
  const quantum = String(printed.unitSeconds * 1000);
  const expire = out.findIndex((o) => o.name === 'hashlimit-htable-expire');
  if (expire < 0) {
    const written = String(rate.unitSeconds * 1000);
    if (written !== quantum) out.push(opt('hashlimit-htable-expire', [written]));
  } else if (out[expire]?.args[0] === quantum) out.splice(expire, 1);
  if (!out.some((o) => o.name === 'hashlimit-burst')) out.push(opt('hashlimit-burst', ['5']));
  return out;
}

/** Connection-state and rate matches. */
export const STATE_MATCHES: readonly ExtensionSpec[] = [
  { name: 'mark', options: [one('mark', formatMarkMatch)] },
  { name: 'connmark', options: [one('mark', formatMarkMatch)] },
  {
    name: 'conntrack',
    options: [
      one('ctstate', (t) => orderedFlagList(CT_STATES, t)),
      one('ctproto', protocolNumber),
      one('ctorigsrc', ctAddress),
      one('ctorigdst', ctAddress),
      one('ctreplsrc', ctAddress),
      one('ctrepldst', ctAddress),
      one('ctorigsrcport', formatServicePortRange),
      one('ctorigdstport', formatServicePortRange),
      one('ctreplsrcport', formatServicePortRange),
      one('ctrepldstport', formatServicePortRange),
      one('ctstatus', ctStatus),
      one('ctexpire', u32Range),
      one('ctdir', (t) =>
        ['ORIGINAL', 'REPLY'].includes(t.toUpperCase()) ? t.toUpperCase() : undefined,
      ),
    ],
  },
  { name: 'state', options: [one('state', (t) => orderedFlagList(CT_STATES, t))] },
  {
    name: 'recent',
    options: [
      flag('set'),
      flag('rcheck'),
      flag('update'),
      flag('remove'),
      one('seconds', formatU32),
      flag('reap'),
      one('hitcount', formatU32),
      flag('rttl'),
      one('name'),
      one('mask'),
      flag('rsource'),
      flag('rdest'),
    ],
    // iptables-save always prints the list name, the mask and the side.
    canonicalise: (options) => {
      const out = [...options];
      if (!out.some((o) => o.name === 'name')) out.push(opt('name', ['DEFAULT']));
      if (!out.some((o) => o.name === 'mask')) out.push(opt('mask', [RECENT_DEFAULT_MASK]));
      if (!out.some((o) => o.name === 'rsource' || o.name === 'rdest')) out.push(opt('rsource'));
      return out;
    },
  },
  {
    name: 'limit',
    options: [one('limit', limitRate), one('limit-burst', formatU32)],
    // The rate defaults to 3/hour, which iptables-save prints; the default
    // burst of 5 it leaves out.
    canonicalise: (options) => {
      const out = options.filter((o) => !(o.name === 'limit-burst' && o.args[0] === '5'));
      return out.some((o) => o.name === 'limit') ? out : [opt('limit', ['3/hour']), ...out];
    },
  },
  {
    name: 'hashlimit',
    options: [
      one('hashlimit-upto', hashlimitRate),
      one('hashlimit-above', hashlimitRate),
      one('hashlimit-burst', formatU32),
      one('hashlimit-mode', hashlimitMode),
      one('hashlimit-name'),
      one('hashlimit-htable-size', formatU32),
      one('hashlimit-htable-max', formatU32),
      one('hashlimit-htable-gcinterval', formatU32),
      one('hashlimit-htable-expire', formatU32),
      one('hashlimit-srcmask', formatU32),
      one('hashlimit-dstmask', formatU32),
    ],
    canonicalise: hashlimitCanonical,
  },
  {
    name: 'connlimit',
    options: [
      one('connlimit-upto', formatU32),
      one('connlimit-above', formatU32),
      one('connlimit-mask', formatU32),
      flag('connlimit-saddr'),
      flag('connlimit-daddr'),
    ],
    // The kernel stores a mask and a side; iptables-save prints both.
    canonicalise: (options) => {
      const out = flipNegated('connlimit-upto', 'connlimit-above')(options);
      if (!out.some((o) => o.name === 'connlimit-mask')) out.push(opt('connlimit-mask', ['32']));
      if (!out.some((o) => o.name === 'connlimit-saddr' || o.name === 'connlimit-daddr'))
        out.push(opt('connlimit-saddr'));
      return out;
    },
  },
  {
    name: 'statistic',
    options: [
      one('mode', (t) => (t === 'random' || t === 'nth' ? t : undefined)),
      one('probability', quantiseProbability),
      // `--every 0` is refused: the kernel stores every − 1.
      one('every', (t) => {
        const every = parseU32(t);
        return every ? String(every) : undefined;
      }),
      one('packet', formatU32),
    ],
  },
  {
    name: 'set',
    options: [
      two('match-set'),
      flag('return-nomatch'),
      flag('update-counters'),
      flag('update-subcounters'),
      one('packets-eq'),
      one('packets-lt'),
      one('packets-gt'),
      one('bytes-eq'),
      one('bytes-lt'),
      one('bytes-gt'),
    ],
  },
  { name: 'nfacct', options: [one('nfacct-name')] },
  { name: 'helper', options: [one('helper')] },
];
