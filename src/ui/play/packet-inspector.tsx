import { useTranslation } from '../i18n/use-translation.tsx';
import type { Frame, PacketField } from '../../domain/play/types.ts';
import type { PacketState, Tuple } from '../../domain/sim/types.ts';
import { frameRule, selectFrame, selectPlayback } from '../../store/playback-slice.ts';
import { useKpvizStore } from '../../store/store.ts';
import { endpointText, hex } from '../trace/format.ts';
import { stepPlace } from './step-label.ts';

/** A row of the inspector: the packet fields it shows, and how it writes them. */
interface Row {
  readonly name: 'src' | 'dst' | 'protocol' | 'mark' | 'ctState' | 'inInterface' | 'outInterface';
  readonly fields: readonly PacketField[];
  readonly show: (p: PacketState) => string | undefined;
}

const ROWS: readonly Row[] = [
  { name: 'src', fields: ['src', 'sport'], show: (p) => endpointText(p.src, p.sport) },
  { name: 'dst', fields: ['dst', 'dport'], show: (p) => endpointText(p.dst, p.dport) },
  { name: 'protocol', fields: ['protocol'], show: (p) => p.protocol },
  { name: 'mark', fields: ['mark'], show: (p) => hex(p.mark) },
  { name: 'ctState', fields: ['ctState'], show: (p) => p.ctState },
  { name: 'inInterface', fields: ['inInterface'], show: (p) => p.inInterface || undefined },
  { name: 'outInterface', fields: ['outInterface'], show: (p) => p.outInterface || undefined },
];

const tupleText = (t: Tuple): string =>
  `${endpointText(t.src, t.sport)} → ${endpointText(t.dst, t.dport)} ${t.protocol}`;

/**
 * The packet at the step shown, as a protocol analyser's detail pane has it: addresses and
 * ports, protocol, mark, conntrack state and tuples, interfaces. A field this step changed
 * shows before → after, so DNAT, the 0x4000 mark and MASQUERADE are seen where they happen.
 */
export function PacketInspector() {
  const { t } = useTranslation();
  const frame = useKpvizStore(selectFrame);
  const playback = useKpvizStore(selectPlayback);
  if (!frame || playback.status !== 'ready') return null;
  const rule = frameRule(playback, frame);

  return (
    <section className="callout packet-inspector" aria-label={t('play.packet')}>
      <h3>{t('play.packet')}</h3>
      <dl>
        <div>
          <dt>{t('play.where')}</dt>
          <dd>{where(frame, t)}</dd>
        </div>
        {rule && (
          <div>
            <dt>{t('play.rule')}</dt>
            <dd>
              <code>{rule.text}</code>
            </dd>
          </div>
        )}
        {ROWS.map((row) => (
          <FieldRow key={row.name} row={row} frame={frame} />
        ))}
        {frame.conntrack && (
          <>
            <div data-field="original">
              <dt>{t('play.field.original')}</dt>
              <dd>{tupleText(frame.conntrack.original)}</dd>
            </div>
            <div data-field="reply">
              <dt>{t('play.field.reply')}</dt>
              <dd>
                {tupleText(frame.conntrack.reply)}
                {!frame.conntrack.confirmed && (
                  <span className="muted"> ({t('play.unconfirmed')})</span>
                )}
              </dd>
            </div>
          </>
        )}
      </dl>
    </section>
  );
}

/** Where the step is: the table and hook a rule's chain was walked from, then the rule. */
function where(frame: Frame, t: Parameters<typeof stepPlace>[1]): string {
  const place = stepPlace(frame, t);
  // An event's place already names its table and hook.
  if (frame.step.kind === 'event') return place;
  return `${frame.table ?? ''} ${frame.hook ?? ''} · ${place}`.trim();
}

function FieldRow({ row, frame }: { row: Row; frame: Frame }) {
  const { t } = useTranslation();
  const before = row.show(frame.before);
  const after = row.show(frame.after);
  const changed = row.fields.some((f) => frame.changed.includes(f)) && before !== after;
  return (
    <div data-field={row.name} className={changed ? 'is-changed' : undefined}>
      <dt>{t(`play.field.${row.name}`)}</dt>
      <dd>
        {changed ? (
          <>
            <span className="was">{before ?? t('play.noneValue')}</span>
            {' → '}
            <span className="now">{after ?? t('play.noneValue')}</span>
            <span className="visually-hidden"> ({t('play.changed')})</span>
          </>
        ) : (
          (after ?? t('play.noneValue'))
        )}
      </dd>
    </div>
  );
}
