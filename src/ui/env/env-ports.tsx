import { useTranslation } from '../i18n/use-translation.tsx';
import type { Protocol } from '../../domain/kube/objects.ts';
import type { EnvEdit } from '../../store/env-edits.ts';
import type { PortForm } from '../../store/env-form.ts';
import { useKpvizStore } from '../../store/store.ts';
import { GroupProblems, SelectField, TextField } from './env-fields.tsx';

const PROTOCOLS = (['TCP', 'UDP', 'SCTP'] as const).map((value) => ({ value, label: value }));

/**
 * A Service's ports, one row each. The node port shows for NodePort and LoadBalancer Services,
 * and for a ClusterIP one that still has one typed in (which validation then points at).
 */
export function EnvPorts({ index }: { index: number }) {
  const { t } = useTranslation();
  const service = useKpvizStore((state) => state.envForm.services[index]);
  const edit = useKpvizStore((state) => state.editEnvironment);
  if (!service) return null;
  const at = `services[${index}].ports`;
  return (
    <div className="env-rows">
      <h4>{t('env.port.heading')}</h4>
      <GroupProblems field={at} />
      {service.ports.map((port, j) => {
        const set =
          <K extends keyof PortForm>(field: K) =>
          (value: PortForm[K]) =>
            edit({ kind: 'port', service: index, port: j, field, value } as EnvEdit);
        const text = (field: 'name' | 'port' | 'targetPort' | 'nodePort') => (
          <TextField
            field={`${at}[${j}].${field}`}
            label={t(`env.port.${field}`)}
            value={port[field]}
            onChange={set(field)}
          />
        );
        return (
          <fieldset key={j} className="env-row">
            <legend>{t('env.port.legend', { n: j + 1 })}</legend>
            {text('name')}
            {text('port')}
            {text('targetPort')}
            {(service.type !== 'ClusterIP' || port.nodePort !== '') && text('nodePort')}
            <SelectField<Protocol>
              field={`${at}[${j}].protocol`}
              label={t('env.port.protocol')}
              value={port.protocol}
              options={PROTOCOLS}
              onChange={set('protocol')}
            />
            <button
              type="button"
              className="env-remove"
              onClick={() => edit({ kind: 'removePort', service: index, port: j })}
            >
              {t('env.port.remove', { n: j + 1 })}
            </button>
          </fieldset>
        );
      })}
      <div className="actions">
        <button type="button" onClick={() => edit({ kind: 'addPort', service: index })}>
          {t('env.port.add')}
        </button>
      </div>
    </div>
  );
}
