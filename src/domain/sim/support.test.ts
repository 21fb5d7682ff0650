import { parseDump } from '../parse/parse-dump.ts';
import { SEED_SAVE } from '../examples/seed.ts';
import { unsupportedParts } from './support.ts';

/** Each rule of a one-chain filter table, with what the simulator cannot be sure of. */
function partsOf(lines: readonly string[]): string[][] {
  const text = `*filter\n:INPUT ACCEPT [0:0]\n:MINE - [0:0]\n${lines.join('\n')}\nCOMMIT\n`;
  const table = parseDump(text).ruleset.tables[0];
  if (!table) throw new Error('no table');
  const input = table.chains.find((c) => c.name === 'INPUT');
  return (input?.rules ?? []).map((rule) => unsupportedParts(rule, table));
}

describe('unsupportedParts', () => {
  it('finds nothing in rules the simulator acts out: kube-proxy’s, verdicts, chains, LOG', () => {
    const table = parseDump(SEED_SAVE).ruleset.tables[0];
    for (const chain of table?.chains ?? []) {
      for (const rule of chain.rules) {
        expect(table && unsupportedParts(rule, table)).toEqual([]);
      }
    }
    expect(
      partsOf([
        '-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT',
        '-A INPUT -j MINE',
        '-A INPUT -m limit --limit 5/min -j LOG --log-prefix "in: "',
        '-A INPUT -m comment --comment "just a note"',
      ]),
    ).toEqual([[], [], [], []]);
  });

  it('names matches and targets it does not simulate, in the trace’s words', () => {
    expect(
      partsOf([
        '-A INPUT -m string --string GET --algo bm -j DROP',
        '-A INPUT -p tcp -m tcp --dport 80 -j TPROXY --on-port 3128 --tproxy-mark 0x1/0x1',
        '-A INPUT -j QUEUE',
      ]),
    ).toEqual([
      ['-m string is not simulated'],
      ['target TPROXY is not simulated; the walk goes on as if it did nothing'],
      ['QUEUE hands the packet to a userspace program'],
    ]);
  });
});
