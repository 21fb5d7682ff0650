import { useTranslation } from '../i18n/use-translation.tsx';
import { useKpvizStore } from '../../store/store.ts';
import { CheckField, TextField } from './env-fields.tsx';

/**
 * A Service's pods, one row each: the endpoints of its EndpointSlice. Adding one scales the
 * Service, and kube-proxy's random split over them changes with it.
 */
export function EnvPods({ index }: { index: number }) {
  const { t } = useTranslation();
  const pods = useKpvizStore((state) => state.envForm.services[index]?.pods);
  const edit = useKpvizStore((state) => state.editEnvironment);
  if (!pods) return null;
  const at = `services[${index}].pods`;
  return (
    <div className="env-rows">
      <h4>{t('env.pod.heading', { count: pods.length })}</h4>
      {pods.length === 0 && <p className="muted">{t('env.pod.none')}</p>}
      {pods.map((pod, j) => {
        const path = `${at}[${j}]`;
        const text = (field: 'name' | 'ip' | 'nodeName') => (
          <TextField
            field={`${path}.${field}`}
            label={t(`env.pod.${field}`)}
            value={pod[field]}
            onChange={(value) => edit({ kind: 'pod', service: index, pod: j, field, value })}
          />
        );
        const check = (field: 'ready' | 'serving' | 'terminating') => (
          <CheckField
            field={`${path}.${field}`}
            label={t(`env.pod.${field}`)}
            checked={pod[field]}
            onChange={(value) => edit({ kind: 'pod', service: index, pod: j, field, value })}
          />
        );
        return (
          <fieldset key={j} className="env-row">
            <legend>{t('env.pod.legend', { n: j + 1 })}</legend>
            {text('name')}
            {text('ip')}
            {text('nodeName')}
            <div className="env-checks">
              {check('ready')}
              {check('serving')}
              {check('terminating')}
            </div>
            <button
              type="button"
              className="env-remove"
              onClick={() => edit({ kind: 'removePod', service: index, pod: j })}
            >
              {t('env.pod.remove', { n: j + 1 })}
            </button>
          </fieldset>
        );
      })}
      <div className="actions">
        <button type="button" onClick={() => edit({ kind: 'addPod', service: index })}>
          {t('env.pod.add')}
        </button>
      </div>
    </div>
  );
}
