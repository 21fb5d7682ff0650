import { useId, type ChangeEvent } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import { RULES_PLAYS } from '../../domain/play/plans.ts';
import { SCENARIOS } from '../../domain/examples/scenarios.ts';
import {
  EXAMPLE_PREFIX,
  isScenarioId,
  selectPlayback,
  selectScenario,
} from '../../store/playback-slice.ts';
import { useKpvizStore } from '../../store/store.ts';
import { scenarioName } from './scenario-name.ts';

/**
 * The scenario combobox: the packets that can be sent to a Service of the rules on screen,
 * the example clusters (each with its own rules, written as kube-proxy writes them), and the
 * packet form's own packet. Below it, why a scenario cannot play, and the way back to the
 * user's rules when an example cluster's replaced them.
 */
export function ScenarioPicker() {
  const { t } = useTranslation();
  const id = useId();
  const scenario = useKpvizStore(selectScenario);
  const rulesAside = useKpvizStore((state) => state.rulesAside);
  const chooseScenario = useKpvizStore((state) => state.chooseScenario);
  const restoreRules = useKpvizStore((state) => state.restoreRules);

  const onChange = (event: ChangeEvent<HTMLSelectElement>) => {
    const value = event.target.value;
    void chooseScenario(isScenarioId(value) ? value : null);
  };

  return (
    <div className="scenario-picker">
      <label htmlFor={`${id}-scenario`}>{t('play.scenario')}</label>
      <select id={`${id}-scenario`} value={scenario ?? ''} onChange={onChange}>
        <option value="">{t('play.none')}</option>
        <optgroup label={t('play.onRules')}>
          {RULES_PLAYS.map((kind) => (
            <option key={kind} value={kind}>
              {scenarioName(kind, t)}
            </option>
          ))}
        </optgroup>
        <optgroup label={t('play.examples')}>
          {SCENARIOS.map((s) => (
            <option key={s.id} value={`${EXAMPLE_PREFIX}${s.id}`}>
              {scenarioName(`${EXAMPLE_PREFIX}${s.id}`, t)}
            </option>
          ))}
        </optgroup>
        <optgroup label={t('play.ownPacket')}>
          <option value="custom">{t('play.custom')}</option>
        </optgroup>
      </select>
      <PlayStatus />
      {rulesAside !== null && (
        <p className="play-example">
          {scenario?.startsWith(EXAMPLE_PREFIX) === true && t('play.exampleLoaded')}{' '}
          <button type="button" onClick={() => void restoreRules()}>
            {t('play.restore')}
          </button>
        </p>
      )}
    </div>
  );
}

/** Why nothing plays, or that the packets are being run. */
function PlayStatus() {
  const { t } = useTranslation();
  const playback = useKpvizStore(selectPlayback);
  switch (playback.status) {
    case 'running':
      return (
        <p className="muted" role="status">
          {t('play.running')}
        </p>
      );
    case 'unavailable':
      return (
        <p className="play-problem" role="status">
          {t(`play.unavailable.${playback.problem}`, { message: playback.message ?? '' })}
        </p>
      );
    case 'failed':
      return (
        <p className="play-problem" role="alert">
          {t('play.failed', { message: playback.message })}
        </p>
      );
    default:
      return null;
  }
}
