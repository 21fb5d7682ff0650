/**
 * Why kpviz cannot be sure of a rule, said from the simulator's doubt (sim/types.ts, Doubt):
 * a translated sentence around iptables' own names (`-m statistic`, `--reject-with`, `TPROXY`)
 * and the values the doubt carries, never the simulator's English.
 */
import type { Doubt } from '../sim/types.ts';
import type { Narration } from './narration.ts';
import { say } from './narration-keys.ts';

/**
 * The sentence for one doubt; `uncertain.other` when the step carries none.
 *
 * @example
 *   narrateDoubt({ kind: 'match-not-simulated', module: 'string' });
 *   // { key: 'narration.uncertain.matchNotSimulated', values: { module: 'string' } }
 */
export function narrateDoubt(doubt: Doubt | undefined): Narration {
  if (doubt === undefined) return say('uncertain.other', {});
  switch (doubt.kind) {
    case 'match-unknown':
      return say('uncertain.matchUnknown', { module: doubt.module });
    case 'match-not-simulated':
      return say('uncertain.matchNotSimulated', { module: doubt.module });
    case 'option-unknown':
      return say('uncertain.optionUnknown', { module: doubt.module, option: doubt.option });
    case 'option-unreadable':
      return say('uncertain.optionUnreadable', { module: doubt.module, option: doubt.option });
    case 'option-not-simulated':
      return say('uncertain.optionNotSimulated', { module: doubt.module, option: doubt.option });
    case 'recent-no-command':
      return say('uncertain.recentNoCommand', {});
    case 'ipset-members':
      return say('uncertain.ipsetMembers', { set: doubt.set });
    case 'mac-unknown':
      return say('uncertain.macUnknown', {});
    case 'target-unknown':
      return say('uncertain.targetUnknown', { target: doubt.target });
    case 'target-not-simulated':
      return say('uncertain.targetNotSimulated', { target: doubt.target });
    case 'target-unreadable':
      return say('uncertain.targetUnreadable', { target: doubt.target, option: doubt.option });
    case 'nat-random-fully':
      return say('uncertain.natRandomFully', {});
    case 'nat-random-port':
      return say('uncertain.natRandomPort', { low: doubt.low, high: doubt.high });
    case 'nat-address-hash':
      return say('uncertain.natAddressHash', { low: doubt.low, high: doubt.high });
    case 'nat-port-taken':
      return say('uncertain.natPortTaken', {
        address: doubt.address,
        port: doubt.port,
        other: doubt.other,
      });
  }
}
