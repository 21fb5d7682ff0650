import type { Mode } from '../domain/sim/simulate.ts';
import type { Effect, Outcome, PacketState, Step, Trace } from '../domain/sim/types.ts';

/**
 * An outcome's probability as the trace reports it. With --all, the simulator's exact figure;
 * with a seed the simulator says 1 (the walk it took), so the chance of that path is the
 * product of the chances of the random matches' results along it.
 */
export function probabilityOf(outcome: Outcome, mode: Mode): number {
  if (mode.mode === 'all') return outcome.probability;
  let p = 1;
  for (const step of outcome.steps) if (step.kind === 'rule') p *= step.probability ?? 1;
  return p;
}

/** `33.3335%`: four decimals, or three significant digits for a rare branch. */
export function percent(p: number): string {
  const pct = p * 100;
  if (pct === 0 || pct >= 0.001) return `${pct.toFixed(4)}%`;
  return `${pct.toPrecision(3)}%`;
}

const hex = (n: number): string => `0x${n.toString(16)}`;

function effectText(e: Effect): string {
  switch (e.kind) {
    case 'dnat':
      return `DNAT ${e.from} → ${e.to}`;
    case 'snat':
      return `${e.masquerade ? 'MASQUERADE' : 'SNAT'} src ${e.from} → ${e.to}`;
    case 'redirect':
      return `REDIRECT ${e.from} → ${e.to}`;
    case 'mark':
      return `mark ${hex(e.from)} → ${hex(e.to)}`;
    case 'connmark':
      return `connmark ${hex(e.from)} → ${hex(e.to)}`;
    case 'log':
      return e.target;
    case 'notrack':
      return 'NOTRACK';
  }
}

const endpoint = (ip: string, port: number | undefined): string =>
  port === undefined ? ip : `${ip}:${port}`;

/** `tcp 10.0.0.5:40000 → 192.168.0.11:32110, mark 0x4000, in eth0, out eth0, NEW` */
export function headerText(p: PacketState): string {
  return [
    `${p.protocol} ${endpoint(p.src, p.sport)} → ${endpoint(p.dst, p.dport)}`,
    `mark ${hex(p.mark)}`,
    ...(p.inInterface ? [`in ${p.inInterface}`] : []),
    ...(p.outInterface ? [`out ${p.outInterface}`] : []),
    ...(p.ctState ? [`ctstate ${p.ctState}`] : []),
  ].join(', ');
}

/** Wide enough for POSTROUTING, so the chains line up. */
const HOOK_WIDTH = 12;

function stepLines(step: Step): string[] {
  const hook = (step.hook ?? '').padEnd(HOOK_WIDTH);
  if (step.kind === 'event') return [`  ${hook}${step.text}`];
  const chain = `${step.table}/${step.chain}`;
  if (step.kind === 'skip') {
    const which =
      step.first === step.last ? `rule ${step.first}` : `rules ${step.first}–${step.last}`;
    return [`  ${hook}${chain}: skipped ${which} (no match)`];
  }
  const name = `${chain}#${step.index}${step.line === undefined ? '' : ` (line ${step.line})`}`;
  const random = step.probability === undefined ? '' : ` [random: ${percent(step.probability)}]`;
  let what: string;
  if (!step.matched) {
    what = `no match: ${step.failed ?? 'a match did not hold'}`;
  } else {
    const effect = step.effect ? effectText(step.effect) : undefined;
    const verdict = step.verdict ?? 'no target: continue';
    what = `matched → ${verdict}${effect === undefined ? '' : `: ${effect}`}`;
    // MARK's note repeats its effect; say it once.
    const notes = (step.notes ?? []).filter((n) => n !== effect);
    if (notes.length > 0) what += ` (${notes.join('; ')})`;
  }
  const lines = [`  ${hook}${name}: ${what}${random}`];
  if (step.uncertain !== undefined)
    lines.push(`  ${' '.repeat(HOOK_WIDTH)}! uncertain: ${step.uncertain}`);
  return lines;
}

/** The readable trace: a heading, then each outcome's steps and result. */
export function traceText(trace: Trace, mode: Mode): string {
  const { packet, outcomes } = trace;
  const start =
    trace.from === 'local'
      ? 'sent by a process on the node (OUTPUT)'
      : `arriving on ${trace.from} (PREROUTING)`;
  const lines = [
    `${packet.protocol} ${endpoint(packet.src, packet.sport)} → ${endpoint(packet.dst, packet.dport)}, ${start}`,
    mode.mode === 'all'
      ? `every path (--all): ${outcomes.length} outcome${outcomes.length === 1 ? '' : 's'}`
      : `one path, drawn with seed ${mode.seed} (--all shows every path)`,
  ];
  outcomes.forEach((outcome, i) => {
    const p = percent(probabilityOf(outcome, mode));
    lines.push(
      '',
      mode.mode === 'all'
        ? `outcome ${i + 1} of ${outcomes.length}: ${p}`
        : `this path: ${p} of packets`,
    );
    for (const step of outcome.steps) lines.push(...stepLines(step));
    lines.push(
      `  result: ${outcome.verdict} (${outcome.reason})`,
      `  DNAT: ${outcome.dnat ?? 'none'}`,
      `  SNAT: ${outcome.snat === null ? 'none' : `${outcome.snat}${outcome.masqueraded ? ' (MASQUERADE)' : ''}`}`,
      `  final: ${headerText(outcome.final)}`,
      ...outcome.uncertain.map((u) => `  ! uncertain: ${u}`),
    );
  });
  return `${lines.join('\n')}\n`;
}

/** --json: a stable shape, every key always present (null when it does not apply). */
export function traceJson(trace: Trace, mode: Mode, withSteps: boolean): string {
  const { packet } = trace;
  const value = {
    packet: {
      src: packet.src,
      dst: packet.dst,
      sport: packet.sport ?? null,
      dport: packet.dport ?? null,
      protocol: packet.protocol,
    },
    from: trace.from,
    outcomes: trace.outcomes.map((o) => ({
      probability: probabilityOf(o, mode),
      verdict: o.verdict,
      delivery: o.delivery,
      dnat: o.dnat,
      masqueraded: o.masqueraded,
      snat: o.snat,
      final: {
        src: o.final.src,
        dst: o.final.dst,
        sport: o.final.sport ?? null,
        dport: o.final.dport ?? null,
        protocol: o.final.protocol,
        mark: o.final.mark,
        inInterface: o.final.inInterface ?? null,
        outInterface: o.final.outInterface ?? null,
        ctState: o.final.ctState ?? null,
      },
      rules: o.rules,
      reason: o.reason,
      uncertain: o.uncertain,
      ...(withSteps ? { steps: o.steps } : {}),
    })),
  };
  return `${JSON.stringify(value, null, 2)}\n`;
}
