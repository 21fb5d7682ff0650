import { SEED_LISTING, SEED_SAVE } from '../domain/examples/seed.ts';
import { parseDump } from '../domain/parse/parse-dump.ts';
import { DumpSession } from './dump-session.ts';
import { pageSessionOf } from './session-client.ts';

describe('the save query', () => {
  it('writes the seed’s listing as the seed’s iptables-save text', async () => {
    const session = pageSessionOf(DumpSession.open(SEED_LISTING));
    const save = await session.query('save');
    expect(save).toBe(SEED_SAVE);
    expect(save.split('\n')[0]).toBe('*nat');
    expect(save).toContain('\nCOMMIT\n');
  });

  it.each([
    { name: 'iptables-save', text: SEED_SAVE },
    { name: 'an iptables -nL listing', text: SEED_LISTING },
  ])('round-trips $name: what it writes reads back as the same rules', ({ text }) => {
    const session = DumpSession.open(text);
    const save = session.save();
    const again = parseDump(save, { format: 'save' });
    expect(again.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(DumpSession.open(save, { format: 'save' }).save()).toBe(save);
    expect(again.ruleset.tables.map((t) => [t.name, t.chains.length])).toEqual(
      session.ruleset.tables.map((t) => [t.name, t.chains.length]),
    );
  });

  it('includes the jumps it was asked to add to kube-proxy’s restore input', () => {
    const restore = SEED_SAVE.split('\n')
      .filter((line) => !/^-A (PREROUTING|OUTPUT|POSTROUTING) /.test(line))
      .join('\n');
    const session = DumpSession.open(restore, { addJumps: true });
    expect(session.overview().addedJumps).toBeGreaterThan(0);
    expect(session.save()).toMatch(/^-A PREROUTING .*-j KUBE-SERVICES$/m);
  });
});
