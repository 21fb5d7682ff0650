import { useKpvizStore } from '../../store/store.ts';
import { i18n } from '../i18n/i18n.ts';
import { markdownCode, markdownText, traceMarkdown, type TraceColumns } from './trace-markdown.ts';
import type { ReadyPlayback } from '../../store/playback-slice.ts';
import { traceDocument } from './trace-rows.ts';

const store = useKpvizStore;

const COLUMNS: TraceColumns = {
  step: '#',
  packet: 'Packet',
  where: 'At',
  rule: 'Rule',
  what: 'What happened',
  flow: 'Source → destination',
  mark: 'Mark',
  ctState: 'Conntrack state',
  narration: 'Narration',
};

/** The table's rows after the heading and the delimiter row. */
const bodyRows = (markdown: string): string[] =>
  markdown
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2);

/** A row's cells, split at the pipes that are not escaped. */
const cells = (row: string): string[] =>
  row
    .slice(2, -2)
    .split(/(?<!\\) \| /)
    .map((cell) => cell.trim());

async function seedPlayback(): Promise<ReadyPlayback> {
  store.setState(store.getInitialState(), true);
  await store.getState().chooseScenario('nodeport-external');
  const { playback } = store.getState();
  if (playback.status !== 'ready') throw new Error(`not played: ${playback.status}`);
  return playback;
}

describe('traceMarkdown', () => {
  it('escapes pipes in rules and text, so each row keeps its nine cells', () => {
    const markdown = traceMarkdown({
      title: 'a | b',
      columns: COLUMNS,
      rows: [
        {
          packet: 'Request',
          where: 'filter INPUT · X #1',
          rule: '-A X -m comment --comment "a|b" -j ACCEPT',
          what: 'matched → ACCEPT',
          flow: 'tcp 10.0.0.1:1 → 10.0.0.2:2',
          mark: '0x0',
          ctState: 'NEW',
          narration: 'One | two *three* <four>\nfive',
        },
      ],
    });
    expect(markdown.split('\n')[0]).toBe('# a \\| b');
    const [row = ''] = bodyRows(markdown);
    expect(cells(row)).toEqual([
      '1',
      'Request',
      'filter INPUT · X #1',
      '`-A X -m comment --comment "a\\|b" -j ACCEPT`',
      'matched → ACCEPT',
      'tcp 10.0.0.1:1 → 10.0.0.2:2',
      '0x0',
      'NEW',
      'One \\| two \\*three\\* \\<four\\> five',
    ]);
  });

  it.each([
    { name: 'plain', text: '-A X -j ACCEPT', code: '`-A X -j ACCEPT`' },
    { name: 'with a backtick', text: 'a`b', code: '``a`b``' },
    { name: 'ending in a backtick', text: 'ab`', code: '`` ab` ``' },
    { name: 'over two lines', text: 'a\n  b', code: '`a b`' },
  ])('writes a rule $name as a code span', ({ text, code }) => {
    expect(markdownCode(text)).toBe(code);
  });

  it('leaves addresses and arrows alone', () => {
    expect(markdownText('tcp 203.0.113.10:40000 → 192.168.0.11:32110')).toBe(
      'tcp 203.0.113.10:40000 → 192.168.0.11:32110',
    );
  });
});

describe('traceDocument of the seed’s NodePort playback', () => {
  it.each(['en', 'zh'] as const)('has a row for every step, in %s', async (language) => {
    const playback = await seedPlayback();
    const t = i18n.getFixedT(language);
    const markdown = traceMarkdown(traceDocument(playback, 'nodeport-external', t));
    expect(markdown.split('\n')[0]).toBe(
      `# ${t('export.trace.title', { scenario: t('play.rules.nodeport-external') })}`,
    );
    const rows = bodyRows(markdown);
    expect(rows).toHaveLength(playback.frames.length);
    rows.forEach((row, i) => {
      const [step, , , , , , , , narration = ''] = cells(row);
      expect(step).toBe(String(i + 1));
      expect(narration).not.toBe('');
      expect(cells(row)).toHaveLength(9);
    });
    // Each rule step quotes its rule; the DNAT, the mark and the conntrack state are said.
    for (const [i, frame] of playback.frames.entries()) {
      if (frame.step.kind !== 'rule') continue;
      const key = `${frame.step.table}/${frame.step.chain}#${String(frame.step.index)}`;
      expect(rows[i]).toContain(`\`${playback.rules[key]?.text ?? '?'}\``);
    }
    expect(markdown).toContain('DNAT 192.168.0.11:32110 → 172.17.0.2:80');
    expect(markdown).toContain('0x0 → 0x4000');
    expect(markdown).toMatch(/\| — → NEW \|/);
  });
});
