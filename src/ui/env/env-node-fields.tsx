import { useTranslation } from '../i18n/use-translation.tsx';
import type { ProfileName } from '../../domain/kube/node-settings.ts';
import type { EnvEdit } from '../../store/env-edits.ts';
import type { NodeForm } from '../../store/env-form.ts';
import { useKpvizStore } from '../../store/store.ts';
import { CheckField, SelectField, TextField } from './env-fields.tsx';

/**
 * The node kube-proxy runs on and its flags. Every flag the generator takes is here: the issue
 * names the addresses, the profile, the cluster CIDR and masquerade-all, and the rest cost a
 * line each and would otherwise be settings a YAML import carries that nobody can see.
 */
export function EnvNodeFields() {
  const { t } = useTranslation();
  const node = useKpvizStore((state) => state.envForm.node);
  const edit = useKpvizStore((state) => state.editEnvironment);
  const set =
    <K extends keyof NodeForm>(field: K) =>
    (value: NodeForm[K]) =>
      edit({ kind: 'node', field, value } as EnvEdit);
  type TextKey = 'nodeName' | 'nodeIPs' | 'clusterCIDR' | 'masqueradeBit' | 'nodePortAddresses';
  const text = (field: TextKey) => (
    <TextField
      field={`node.${field}`}
      label={t(`env.node.${field}`)}
      hint={t(`env.node.${field}Hint`)}
      value={node[field]}
      onChange={set(field)}
    />
  );
  return (
    <fieldset className="env-group">
      <legend>{t('env.node.heading')}</legend>
      <div className="env-fields">
        {text('nodeName')}
        {text('nodeIPs')}
        <SelectField<ProfileName>
          field="node.profile"
          label={t('env.node.profile')}
          value={node.profile}
          options={[
            { value: 'current', label: t('env.node.profileCurrent') },
            { value: 'legacy', label: t('env.node.profileLegacy') },
          ]}
          onChange={set('profile')}
        />
        {text('clusterCIDR')}
        {text('masqueradeBit')}
        {text('nodePortAddresses')}
      </div>
      <div className="env-checks">
        <CheckField
          field="node.masqueradeAll"
          label={t('env.node.masqueradeAll')}
          checked={node.masqueradeAll}
          onChange={set('masqueradeAll')}
        />
        <CheckField
          field="node.randomFully"
          label={t('env.node.randomFully')}
          checked={node.randomFully}
          onChange={set('randomFully')}
        />
        <CheckField
          field="node.localhostNodePorts"
          label={t('env.node.localhostNodePorts')}
          checked={node.localhostNodePorts}
          onChange={set('localhostNodePorts')}
        />
      </div>
    </fieldset>
  );
}
