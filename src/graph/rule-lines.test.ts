import { parseDump } from '../domain/parse/parse-dump.ts';
import { ruleLineOf } from './rule-lines.ts';

const RULES = parseDump(
  [
    '*filter',
    ':INPUT ACCEPT [0:0]',
    '-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT',
    '-A INPUT -m string --string GET --algo bm -j DROP',
    'COMMIT',
    '',
  ].join('\n'),
).ruleset;

describe('ruleLineOf', () => {
  it('marks a rule the simulator does not act out, with the reason, and only such a rule', () => {
    expect(ruleLineOf(RULES, 'filter/INPUT#1')?.unsupported).toBeUndefined();
    expect(ruleLineOf(RULES, 'filter/INPUT#2')).toMatchObject({
      target: 'DROP',
      line: 4,
      unsupported: ['-m string is not simulated'],
    });
  });

  it('finds nothing for a key that names no rule', () => {
    expect(ruleLineOf(RULES, 'filter/INPUT#3')).toBeUndefined();
    expect(ruleLineOf(RULES, 'filter/INPUT#0')).toBeUndefined();
    expect(ruleLineOf(RULES, 'nat/INPUT#1')).toBeUndefined();
  });
});
