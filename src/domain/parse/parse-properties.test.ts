import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEED_LISTING, SEED_SAVE } from '../examples/seed.ts';
import type { Ruleset } from '../model/ruleset.ts';
import { parseDump } from './parse-dump.ts';
import { serializeSave } from './serialize-save.ts';

const omitOrigin = (key: string, value: unknown): unknown =>
  key === 'origin' ? undefined : typeof value === 'bigint' ? value.toString() : value;

/** The model without where it came from: what a round trip must keep (counters included). */
function meaning(ruleset: Ruleset): unknown {
  return JSON.parse(JSON.stringify(ruleset, omitOrigin));
}

const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
const cidr = fc.oneof(
  ipv4,
  fc.tuple(ipv4, fc.integer({ min: 0, max: 32 })).map(([a, p]) => `${a}/${p}`),
);
const neg = fc.boolean().map((b) => (b ? '! ' : ''));
const port = fc.integer({ min: 0, max: 65535 });
const portSpec = fc.oneof(
  port.map(String),
  fc.tuple(port, port).map(([a, b]) => `${Math.min(a, b)}:${Math.max(a, b)}`),
);
/** Comment text with the characters that need quoting and escaping. */
const commentText = fc.stringMatching(/^[a-zA-Z0-9 /:;_\-."'\\>*]{0,24}$/);
const quoted = (s: string): string => `"${s.replace(/["'\\]/g, (c) => `\\${c}`)}"`;
const hexMark = fc.integer({ min: 0, max: 0xffffffff }).map((n) => `0x${n.toString(16)}`);

const basics = fc.record({
  s: fc.option(
    fc.tuple(neg, cidr).map(([n, c]) => `${n}-s ${c}`),
    { nil: undefined },
  ),
  d: fc.option(
    fc.tuple(neg, cidr).map(([n, c]) => `${n}-d ${c}`),
    { nil: undefined },
  ),
  i: fc.option(
    fc.tuple(neg, fc.constantFrom('eth0', 'eth+', 'cni0', 'lo')).map(([n, v]) => `${n}-i ${v}`),
    { nil: undefined },
  ),
  o: fc.option(
    fc.tuple(neg, fc.constantFrom('eth0', 'docker0', 'veth+')).map(([n, v]) => `${n}-o ${v}`),
    { nil: undefined },
  ),
});

const protocolMatch = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('tcp', 'udp', 'sctp'),
      neg,
      portSpec,
      fc.option(fc.tuple(neg, portSpec), { nil: undefined }),
    )
    .map(
      ([p, n, dport, sport]) =>
        `-p ${p} -m ${p} ${n}--dport ${dport}${sport ? ` ${sport[0]}--sport ${sport[1]}` : ''}`,
    ),
  fc
    .tuple(fc.constantFrom('tcp', 'udp'), fc.array(port, { minLength: 1, maxLength: 5 }))
    .map(([p, ps]) => `-p ${p} -m multiport --dports ${ps.join(',')}`),
  fc.constant('-p icmp -m icmp --icmp-type 8'),
);

const otherMatch = fc.oneof(
  commentText.map((c) => `-m comment --comment ${quoted(c)}`),
  fc
    .tuple(neg, fc.constantFrom('LOCAL', 'UNICAST', 'LOCAL,BROADCAST'))
    .map(([n, t]) => `-m addrtype ${n}--dst-type ${t}`),
  fc
    .double({ min: 0, max: 1, noNaN: true })
    .map((p) => `-m statistic --mode random --probability ${p.toFixed(10)}`),
  fc.integer({ min: 2, max: 9 }).map((e) => `-m statistic --mode nth --every ${e} --packet 0`),
  fc.tuple(neg, hexMark, hexMark).map(([n, v, m]) => `-m mark ${n}--mark ${v}/${m}`),
  fc
    .tuple(neg, fc.subarray(['NEW', 'ESTABLISHED', 'RELATED', 'INVALID'], { minLength: 1 }))
    .map(([n, s]) => `-m conntrack ${n}--ctstate ${s.join(',')}`),
  fc
    .tuple(
      fc.constantFrom('--rcheck --seconds 10800 --reap', '--set', '--update --seconds 60'),
      fc.constantFrom('KUBE-SEP-A', 'X'),
    )
    .map(([mode, name]) => `-m recent --name ${name} ${mode}`),
);

const target = fc.oneof(
  fc.constantFrom(
    '-j ACCEPT',
    '-j DROP',
    '-j RETURN',
    '-j KUBE-A',
    '-g KUBE-B',
    '-j REJECT',
    '-j MASQUERADE --random-fully',
  ),
  fc.tuple(ipv4, port).map(([a, p]) => `-j DNAT --to-destination ${a}:${p}`),
  hexMark.map((m) => `-j MARK --or-mark ${m}`),
  fc.tuple(hexMark, hexMark).map(([v, m]) => `-j MARK --set-xmark ${v}/${m}`),
  // The kernel refuses an empty log prefix and cuts one longer than 29 characters.
  commentText.filter((c) => c.length > 0).map((c) => `-j LOG --log-prefix ${quoted(c)}`),
  fc.constant(''),
);

const counters = fc.option(
  fc.tuple(fc.nat(), fc.nat()).map(([p, b]) => `[${p}:${b * 60}] `),
  { nil: undefined },
);

const ruleLine = fc
  .tuple(
    counters,
    fc.constantFrom('PREROUTING', 'OUTPUT', 'KUBE-A', 'KUBE-B'),
    basics,
    fc.option(protocolMatch, { nil: undefined }),
    fc.array(otherMatch, { maxLength: 3 }),
    target,
  )
  .map(([c, chain, b, p, ms, t]) =>
    [`${c ?? ''}-A ${chain}`, b.s, b.d, b.i, b.o, p, ...ms, t].filter(Boolean).join(' '),
  )
  // A DNAT to a port needs a protocol with ports: iptables refuses the rule without one.
  .filter((line) => !/DNAT --to-destination \S+:\d/.test(line) || / -p (tcp|udp|sctp) /.test(line));

const natDump = fc
  .array(ruleLine, { maxLength: 25 })
  .map((rules) =>
    [
      '*nat',
      ':PREROUTING ACCEPT [0:0]',
      ':INPUT ACCEPT [0:0]',
      ':OUTPUT ACCEPT [0:0]',
      ':POSTROUTING ACCEPT [0:0]',
      ':KUBE-A - [0:0]',
      ':KUBE-B - [0:0]',
      ...rules,
      'COMMIT',
      '',
    ].join('\n'),
  );

describe('parse → serialize → parse', () => {
  it('is the identity on the model for generated rulesets', () => {
    fc.assert(
      fc.property(natDump, (dump) => {
        const first = parseDump(dump);
        expect(first.problems.filter((p) => p.severity === 'error')).toEqual([]);
        const second = parseDump(serializeSave(first.ruleset));
        expect(second.problems).toEqual([]);
        expect(meaning(second.ruleset)).toEqual(meaning(first.ruleset));
      }),
      { numRuns: 300 },
    );
  });
});

/** Lines from real dumps of every format, to be mutated. */
const CORPUS_LINES = [...SEED_SAVE.split('\n'), ...SEED_LISTING.split('\n')];

const mutatedDump = fc
  .array(
    fc.oneof(
      fc.constantFrom(...CORPUS_LINES),
      fc
        .tuple(fc.constantFrom(...CORPUS_LINES), fc.nat(), fc.nat({ max: 8 }))
        .map(([l, at, n]) => l.slice(0, at % (l.length + 1)) + l.slice((at % (l.length + 1)) + n)),
      fc
        .tuple(fc.constantFrom(...CORPUS_LINES), fc.nat(), fc.string({ maxLength: 4 }))
        .map(([l, at, s]) => l.slice(0, at % (l.length + 1)) + s + l.slice(at % (l.length + 1))),
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        '"',
        '!',
        '! !',
        '-A',
        '-m',
        '-j',
        '*',
        ':',
        'COMMIT',
        'Chain',
        '[1:2]',
        '-A X -m comment --comment "',
      ),
    ),
    { maxLength: 40 },
  )
  .map((lines) => lines.join('\n'));

describe('fuzzing with random and mutated dumps', () => {
  it.each(['auto', 'save', 'rules', 'listing'] as const)(
    'never throws, and every problem points into the text (format %s)',
    (format) => {
      fc.assert(
        fc.property(fc.oneof(mutatedDump, fc.string({ maxLength: 300 })), (text) => {
          const lineCount = Math.max(1, text.split('\n').length);
          const { problems } = parseDump(text, { format });
          for (const p of problems) {
            expect(p.line).toBeGreaterThanOrEqual(1);
            expect(p.line).toBeLessThanOrEqual(lineCount);
            expect(p.column).toBeGreaterThanOrEqual(1);
            expect(p.message.length).toBeGreaterThan(0);
          }
        }),
        { numRuns: 400 },
      );
    },
  );
});

describe('sharing repeated pieces', () => {
  it('gives every rule the meaning it has when read alone', () => {
    fc.assert(
      fc.property(natDump, (dump) => {
        const lines = dump.split('\n');
        const header = lines.filter((l) => l.startsWith('*') || l.startsWith(':'));
        const whole = parseDump(dump).ruleset.tables[0]?.chains.flatMap((c) => c.rules) ?? [];
        const alone = lines
          .filter((l) => /^(\[\d+:\d+\] )?-A /.test(l))
          .map(
            (l) =>
              parseDump([...header, l, 'COMMIT', ''].join('\n')).ruleset.tables[0]?.chains.flatMap(
                (c) => c.rules,
              )[0],
          );
        // Rules come out grouped by chain, so compare as sets of meanings.
        const key = (rule: unknown): string => JSON.stringify(rule, omitOrigin);
        expect(whole.map(key).sort()).toEqual(alone.map(key).sort());
      }),
      { numRuns: 150 },
    );
  });
});
