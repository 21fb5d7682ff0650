import './trace.css';
import { useId, type ReactNode } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import type { Mode } from '../../domain/sim/simulate.ts';
import type {
  EventStep,
  Outcome,
  PacketSpec,
  PacketState,
  RuleStep,
  Step,
  Trace,
} from '../../domain/sim/types.ts';
import { chainId, ruleKey } from '../../graph/ids.ts';
import { selectPacketTrace, selectPacketTracing } from '../../store/packet-slice.ts';
import { useKpvizStore } from '../../store/store.ts';
import { effectText, endpointText, flowText, hex, jumpTarget, percent } from './format.ts';

/**
 * The last trace: each way the packet's walk can end, what was rewritten, and every rule
 * it met, each a link to that rule in the graph.
 */
export function TraceView() {
  const { t } = useTranslation();
  const headingId = useId();
  const last = useKpvizStore(selectPacketTrace);
  const tracing = useKpvizStore(selectPacketTracing);
  let body: ReactNode;
  if (last === null) body = <p className="muted">{t('trace.empty')}</p>;
  else if (!last.result.ok) {
    const { message, line } = last.result;
    body = (
      <p className="trace-failure">
        {t('trace.failed')} <English>{message}</English>
        {line !== undefined && <> ({t('trace.line', { line })})</>}
      </p>
    );
  } else {
    const { leftOut } = last.result;
    body = (
      <>
        {leftOut.length > 0 && (
          <p className="trace-left-out" role="note">
            <span className="badge badge-uncertain">{t('trace.uncertain')}</span>{' '}
            {t('trace.leftOut', { count: leftOut.length, lines: leftOut.join(', ') })}
          </p>
        )}
        <TraceResultView trace={last.result.trace} mode={last.mode} />
      </>
    );
  }
  return (
    <section className="panel trace-view" aria-labelledby={headingId} aria-busy={tracing}>
      <h2 id={headingId}>{t('trace.heading')}</h2>
      {tracing && (
        <p role="status" className="muted">
          {t('trace.tracing')}
        </p>
      )}
      {body}
    </section>
  );
}

/**
 * The simulator's own words (reasons, notes, uncertainties), which are English only: marked
 * as such, so a screen reader reading a Chinese page pronounces them right.
 */
function English({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? <>{children}</> : <span lang="en">{children}</span>;
}

function TraceResultView({ trace, mode }: { trace: Trace; mode: Mode }) {
  const { t } = useTranslation();
  const { packet, outcomes } = trace;
  return (
    <>
      <p className="trace-packet">
        <code>{flowText(packet)}</code>{' '}
        {trace.from === 'local'
          ? t('trace.fromLocal')
          : t('trace.fromInterface', { name: trace.from })}
      </p>
      <p className="muted">
        {mode.mode === 'all'
          ? t('trace.modeAll', { count: outcomes.length })
          : t('trace.modeSingle', { seed: mode.seed })}
      </p>
      {outcomes.map((outcome, i) => (
        <OutcomeView
          key={i}
          outcome={outcome}
          packet={packet}
          title={
            mode.mode === 'all'
              ? t('trace.outcome', {
                  n: i + 1,
                  total: outcomes.length,
                  percent: percent(outcome.probability),
                })
              : t('trace.outcomeSingle')
          }
        />
      ))}
    </>
  );
}

/** A rule of the trace, as a button that shows it in the graph. */
function RuleLink({
  table,
  chain,
  index,
  target,
}: {
  table: string;
  chain: string;
  index: number;
  /** The chain the rule jumps to: the graph draws it, so the rule shows in a long chain. */
  target?: string | undefined;
}) {
  const jumpTo = useKpvizStore((state) => state.jumpTo);
  const key = ruleKey(table, chain, index);
  return (
    <button
      type="button"
      className="trace-rule"
      onClick={() =>
        jumpTo({
          node: chainId(table, chain),
          rule: key,
          ...(target === undefined ? {} : { target: chainId(table, target) }),
        })
      }
    >
      {key}
    </button>
  );
}

/** `nat/KUBE-SERVICES#2` → its parts, for a rule the outcome names only by key. */
function splitKey(key: string): { table: string; chain: string; index: number } | undefined {
  const m = /^([^/]+)\/(.+)#(\d+)$/.exec(key);
  return m ? { table: m[1] ?? '', chain: m[2] ?? '', index: Number(m[3]) } : undefined;
}

function OutcomeView({
  outcome,
  packet,
  title,
}: {
  outcome: Outcome;
  packet: PacketSpec;
  title: string;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const ruleSteps = outcome.steps.filter((s): s is RuleStep => s.kind === 'rule');
  const targetOf = (key: string) =>
    jumpTarget(
      ruleSteps.find((s) => s.matched && ruleKey(s.table, s.chain, s.index) === key)?.verdict,
    );
  return (
    <article className="trace-outcome" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      <dl className="trace-facts">
        <div>
          <dt>{t('trace.verdict')}</dt>
          <dd>
            <span className={`badge trace-verdict trace-verdict-${outcome.verdict.toLowerCase()}`}>
              {outcome.verdict}
            </span>
            {/* An accepted packet's reason is its delivery, said below. */}
            {outcome.verdict !== 'ACCEPT' && (
              <>
                {' '}
                <Reason reason={outcome.reason} targetOf={targetOf} />
              </>
            )}
          </dd>
        </div>
        {outcome.delivery !== null && (
          <div>
            <dt>{t('trace.delivery')}</dt>
            <dd>
              {outcome.delivery === 'local'
                ? t('trace.deliveryLocal')
                : t(
                    outcome.delivery === 'forward'
                      ? 'trace.deliveryForward'
                      : 'trace.deliveryOutput',
                    { dev: outcome.outInterface ?? '?' },
                  )}
            </dd>
          </div>
        )}
        <div>
          <dt>DNAT</dt>
          <dd>
            {outcome.dnat === null ? (
              t('trace.none')
            ) : (
              <code>
                {endpointText(packet.dst, packet.dport)} → {outcome.dnat}
              </code>
            )}
          </dd>
        </div>
        <div>
          <dt>{outcome.masqueraded ? 'MASQUERADE' : 'SNAT'}</dt>
          <dd>
            {outcome.snat === null ? (
              t('trace.none')
            ) : (
              <code>
                {endpointText(packet.src, packet.sport)} → {outcome.snat}
              </code>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('trace.final')}</dt>
          <dd>
            <Header state={outcome.final} />
          </dd>
        </div>
        {outcome.uncertain.length > 0 && (
          <div>
            <dt>{t('trace.uncertainHeading')}</dt>
            <dd>
              <ul className="trace-uncertain-list">
                {outcome.uncertain.map((reason, i) => (
                  <li key={i}>
                    <Uncertain reason={reason} />
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
      <h4>{t('trace.counters')}</h4>
      {outcome.rules.length === 0 ? (
        <p className="muted">{t('trace.noCounters')}</p>
      ) : (
        <ol className="trace-counters">
          {outcome.rules.map((key, i) => {
            const parts = splitKey(key);
            return (
              <li key={i}>
                {parts ? <RuleLink {...parts} target={targetOf(key)} /> : <code>{key}</code>}
              </li>
            );
          })}
        </ol>
      )}
      <h4>{t('trace.steps')}</h4>
      <ol className="trace-steps">
        {outcome.steps.map((step, i) => (
          <li key={i} className={`trace-step trace-step-${step.kind}`}>
            <StepView step={step} />
          </li>
        ))}
      </ol>
    </article>
  );
}

/** Why a packet was refused: a rule, shown as a link to it, or the kernel's words. */
function Reason({
  reason,
  targetOf,
}: {
  reason: string;
  targetOf: (key: string) => string | undefined;
}) {
  const rule = splitKey(reason);
  return rule ? <RuleLink {...rule} target={targetOf(reason)} /> : <English>{reason}</English>;
}

/** The header as it leaves: addresses and ports, mark, interfaces, conntrack state. */
function Header({ state }: { state: PacketState }) {
  const { t } = useTranslation();
  return (
    <>
      <code>{flowText(state)}</code>
      <span className="trace-header-meta">
        {' '}
        {t('trace.mark', { mark: hex(state.mark) })}
        {state.inInterface !== undefined && <> · {t('trace.in', { dev: state.inInterface })}</>}
        {state.outInterface !== undefined && <> · {t('trace.out', { dev: state.outInterface })}</>}
        {state.ctState !== undefined && <> · {state.ctState}</>}
      </span>
    </>
  );
}

function Uncertain({ reason }: { reason: string }) {
  const { t } = useTranslation();
  return (
    <span className="trace-uncertain">
      <span className="badge badge-uncertain">{t('trace.uncertain')}</span>
      <span className="visually-hidden">: </span> <English>{reason}</English>
    </span>
  );
}

/** Where a step happened: the hook, then the table and chain. */
function Place({ hook, children }: { hook: string | undefined; children?: ReactNode }) {
  return (
    <>
      <span className="trace-hook">{hook}</span> {children}
    </>
  );
}

function StepView({ step }: { step: Step }) {
  const { t } = useTranslation();
  if (step.kind === 'event') {
    return (
      <Place hook={step.hook}>
        <EventText step={step} />
      </Place>
    );
  }
  if (step.kind === 'skip') {
    return (
      <Place hook={step.hook}>
        <code>{chainId(step.table, step.chain)}</code>{' '}
        <span className="muted">
          {step.first === step.last
            ? t('trace.skipOne', { first: step.first })
            : t('trace.skipMany', { first: step.first, last: step.last })}
        </span>
      </Place>
    );
  }
  const effect = step.effect ? effectText(step.effect) : undefined;
  // MARK's note repeats its effect; say it once.
  const notes = (step.notes ?? []).filter((note) => note !== effect);
  return (
    <Place hook={step.hook}>
      <RuleLink
        table={step.table}
        chain={step.chain}
        index={step.index}
        target={step.matched ? jumpTarget(step.verdict) : undefined}
      />
      {step.line !== undefined && (
        <span className="muted"> ({t('trace.line', { line: step.line })})</span>
      )}{' '}
      {step.matched ? (
        <span className="trace-matched">
          {t('trace.matched')} → <code>{step.verdict ?? 'continue'}</code>
        </span>
      ) : (
        <span className="muted">
          {t('trace.passedOver')}
          {step.failed !== undefined && (
            <>
              {': '}
              <code>{step.failed}</code>
            </>
          )}
        </span>
      )}
      {effect !== undefined && (
        <>
          {' · '}
          <code className="trace-effect">{effect}</code>
        </>
      )}
      {step.probability !== undefined && (
        <span className="muted">
          {' '}
          · {t('trace.random', { percent: percent(step.probability) })}
        </span>
      )}
      {notes.length > 0 && (
        <span className="muted">
          {' · '}
          <English>{notes.join('; ')}</English>
        </span>
      )}
      {step.uncertain !== undefined && (
        <div>
          <Uncertain reason={step.uncertain} />
        </div>
      )}
    </Place>
  );
}

/**
 * An event of the kernel's path in the UI's language where its details say all it says;
 * the simulator's English otherwise.
 */
function EventText({ step }: { step: EventStep }) {
  const { t } = useTranslation();
  const detail = step.detail ?? {};
  const text = (value: string | number | undefined) => (value === undefined ? '' : String(value));
  switch (step.event) {
    case 'enter':
      if (detail.from === 'local') return <>{t('trace.event.enterLocal')}</>;
      if (detail.from !== undefined)
        return <>{t('trace.event.enterInterface', { dev: text(detail.from) })}</>;
      break;
    case 'conntrack':
      if (detail.direction !== undefined)
        return <>{t('trace.event.conntrackKnown', { state: text(detail.state) })}</>;
      if (detail.state === 'NEW') return <>{t('trace.event.conntrackNew')}</>;
      break;
    case 'policy':
      if (step.table !== undefined && step.chain !== undefined && detail.verdict !== undefined)
        return (
          <>
            {t('trace.event.policy', { chain: chainId(step.table, step.chain) })}{' '}
            <code>{text(detail.verdict)}</code>
          </>
        );
      break;
    case 'route':
      if (detail.dst !== undefined && detail.dev !== undefined)
        return (
          <>{t('trace.event.routeForward', { dst: text(detail.dst), dev: text(detail.dev) })}</>
        );
      if (detail.dst === undefined && detail.dev !== undefined)
        return <>{t('trace.event.routeOut', { dst: step.packet.dst, dev: text(detail.dev) })}</>;
      break;
    case 'reroute':
      if (detail.dev !== undefined)
        return <>{t('trace.event.reroute', { dst: step.packet.dst, dev: text(detail.dev) })}</>;
      break;
    case 'forward':
      if (detail.dev !== undefined) return <>{t('trace.event.sent', { dev: text(detail.dev) })}</>;
      break;
    case 'deliver':
      return <>{t('trace.event.deliver', { dst: step.packet.dst })}</>;
    case 'confirm':
      return <>{t('trace.event.confirm')}</>;
    case 'loopback':
      return <>{t('trace.event.loopback')}</>;
    default:
      break;
  }
  return <English>{step.text}</English>;
}
