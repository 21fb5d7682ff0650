import { useTranslation } from '../i18n/use-translation.tsx';
import type { EnvironmentServiceType, TrafficPolicy } from '../../domain/env/environment.ts';
import type { EnvEdit } from '../../store/env-edits.ts';
import type { ServiceForm } from '../../store/env-form.ts';
import { useKpvizStore } from '../../store/store.ts';
import { POLICIES, SelectField, TextField } from './env-fields.tsx';
import { EnvPods } from './env-pods.tsx';
import { EnvPorts } from './env-ports.tsx';

const TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer'] as const;
const AFFINITIES = ['None', 'ClientIP'] as const;
/** Kubernetes' own words for its values: the same in every language. */
const asOptions = <T extends string>(values: readonly T[]) =>
  values.map((value) => ({ value, label: value }));

type ServiceField = keyof Omit<ServiceForm, 'ports' | 'pods'>;
/** The fields typed as text with a label of their own. */
type TextKey =
  | 'namespace'
  | 'name'
  | 'clusterIP'
  | 'externalIPs'
  | 'loadBalancerIPs'
  | 'loadBalancerSourceRanges'
  | 'healthCheckNodePort';

/**
 * One Service: its identity and addresses, its policies, its ports and its pods. Fields that
 * only mean something for some types (load-balancer addresses, the affinity timeout, the
 * health-check port) show when they mean something, and whenever they hold text, so that a
 * problem with them is never hidden.
 */
export function EnvServiceFields({ index }: { index: number }) {
  const { t } = useTranslation();
  const service = useKpvizStore((state) => state.envForm.services[index]);
  const edit = useKpvizStore((state) => state.editEnvironment);
  if (!service) return null;
  const at = `services[${index}]`;
  const set =
    <K extends ServiceField>(field: K) =>
    (value: ServiceForm[K]) =>
      edit({ kind: 'service', service: index, field, value } as EnvEdit);
  const text = (field: TextKey, hint?: string) => (
    <TextField
      field={`${at}.${field}`}
      label={t(`env.service.${field}`)}
      hint={hint}
      value={service[field]}
      onChange={set(field)}
    />
  );
  const balancer = service.type === 'LoadBalancer';
  const showBalancer =
    balancer || service.loadBalancerIPs !== '' || service.loadBalancerSourceRanges !== '';
  const showTimeout =
    service.sessionAffinity === 'ClientIP' || service.sessionAffinityTimeoutSeconds !== '';
  const showHealth =
    (balancer && service.externalTrafficPolicy === 'Local') || service.healthCheckNodePort !== '';
  const n = index + 1;
  return (
    <fieldset className="env-group env-service">
      <legend>
        {t('env.service.legend', { n })}{' '}
        <span className="muted">
          {service.namespace}/{service.name}
        </span>
      </legend>
      <div className="env-fields">
        {text('namespace')}
        {text('name')}
        <SelectField<EnvironmentServiceType>
          field={`${at}.type`}
          label={t('env.service.type')}
          value={service.type}
          options={asOptions(TYPES)}
          onChange={set('type')}
        />
        {text('clusterIP')}
        {text('externalIPs', t('env.service.addressesHint'))}
        {showBalancer && text('loadBalancerIPs', t('env.service.addressesHint'))}
        {showBalancer && text('loadBalancerSourceRanges', t('env.service.sourceRangesHint'))}
        <SelectField<'None' | 'ClientIP'>
          field={`${at}.sessionAffinity`}
          label={t('env.service.sessionAffinity')}
          value={service.sessionAffinity}
          options={asOptions(AFFINITIES)}
          onChange={set('sessionAffinity')}
        />
        {showTimeout && (
          <TextField
            field={`${at}.sessionAffinityTimeoutSeconds`}
            label={t('env.service.timeout')}
            hint={t('env.service.timeoutHint')}
            value={service.sessionAffinityTimeoutSeconds}
            onChange={set('sessionAffinityTimeoutSeconds')}
          />
        )}
        <SelectField<TrafficPolicy>
          field={`${at}.externalTrafficPolicy`}
          label={t('env.service.externalTrafficPolicy')}
          value={service.externalTrafficPolicy}
          options={POLICIES}
          onChange={set('externalTrafficPolicy')}
        />
        <SelectField<TrafficPolicy>
          field={`${at}.internalTrafficPolicy`}
          label={t('env.service.internalTrafficPolicy')}
          value={service.internalTrafficPolicy}
          options={POLICIES}
          onChange={set('internalTrafficPolicy')}
        />
        {showHealth && text('healthCheckNodePort')}
      </div>
      <EnvPorts index={index} />
      <EnvPods index={index} />
      <div className="actions">
        <button type="button" onClick={() => edit({ kind: 'removeService', service: index })}>
          {t('env.service.remove', { n })}
        </button>
      </div>
    </fieldset>
  );
}
