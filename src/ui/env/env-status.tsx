import { useTranslation } from '../i18n/use-translation.tsx';
import { selectEnvOnScreen, selectEnvProblems } from '../../store/env-slice.ts';
import { useKpvizStore } from '../../store/store.ts';

/**
 * Whose rules are on screen, said where the user edits: the article's listing or a paste
 * (which a change here replaces, though the pasted text stays under Rule dump), the editor's,
 * or the editor's last valid ones while the form has problems: then stale.
 */
export function EnvStatus() {
  const { t } = useTranslation();
  const onScreen = useKpvizStore(selectEnvOnScreen);
  const count = useKpvizStore((state) => selectEnvProblems(state).length);
  if (count > 0 && onScreen) {
    return (
      <p role="status" className="env-status env-stale">
        {t('env.status.stale', { count })}
      </p>
    );
  }
  return (
    <div role="status" className="env-status">
      {count > 0 && <p className="env-invalid">{t('env.status.invalid', { count })}</p>}
      <p>{onScreen ? t('env.status.applied') : t('env.status.notApplied')}</p>
    </div>
  );
}
