import './env.css';
import { useState } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import { useKpvizStore } from '../../store/store.ts';
import { EnvDiff } from './env-diff.tsx';
import { EnvExport } from './env-export.tsx';
import { EnvImport } from './env-import.tsx';
import { EnvLink } from './env-link.tsx';
import { EnvNodeFields } from './env-node-fields.tsx';
import { EnvServiceFields } from './env-service-fields.tsx';
import { EnvStatus } from './env-status.tsx';

/**
 * The environment editor: the cluster behind the rules, as a form. It sits under Rule dump,
 * the other way of getting rules on screen, and like it starts closed so the graph stays in
 * view; a share link opens it, since the link is about the environment.
 *
 * @example
 *   <ImportPanel />
 *   <EnvEditor />
 */
export function EnvEditor() {
  const { t } = useTranslation();
  const serviceCount = useKpvizStore((state) => state.envForm.services.length);
  const link = useKpvizStore((state) => state.envLink);
  const edit = useKpvizStore((state) => state.editEnvironment);
  const reset = useKpvizStore((state) => state.resetEnvironment);
  const [open, setOpen] = useState(false);
  // A link opened (or refused) shows the editor once; the user may close it again.
  const [seenLink, setSeenLink] = useState(link);
  if (seenLink !== link) {
    setSeenLink(link);
    setOpen(true);
  }

  return (
    <details
      className="env-editor"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>{t('env.summary')}</summary>
      <div className="env-body">
        <p className="muted">{t('env.intro')}</p>
        <EnvStatus />
        <EnvNodeFields />
        {serviceCount === 0 && <p className="muted">{t('env.service.none')}</p>}
        {Array.from({ length: serviceCount }, (_, i) => (
          <EnvServiceFields key={i} index={i} />
        ))}
        <div className="actions">
          <button type="button" onClick={() => edit({ kind: 'addService' })}>
            {t('env.service.add')}
          </button>
          <button type="button" onClick={reset}>
            {t('env.reset')}
          </button>
        </div>
        <EnvDiff />
        <div className="env-transfers">
          <EnvExport />
          <EnvImport />
          <EnvLink />
        </div>
      </div>
    </details>
  );
}
