import { useEffect, useState } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import type { Environment } from '../../domain/env/environment.ts';
import { generateEnvironmentRules } from '../../domain/env/generate-environment.ts';
import { labScript } from '../../domain/env/lab-script.ts';
import { selectEnvValid } from '../../store/env-slice.ts';
import { useKpvizStore } from '../../store/store.ts';
import { downloadText } from './download.ts';

/** The file names exports get: what a workshop's instructions can refer to. */
export const EXPORT_FILES = {
  yaml: 'kpviz-environment.yaml',
  rules: 'kpviz-rules.txt',
  lab: 'kpviz-lab.sh',
} as const;

/**
 * The YAML writer (and its YAML library), loaded when the export section first shows rather
 * than with the page: by the time a button is pressed it is there, so the copy still runs in
 * the click's user activation.
 */
const yamlWriter = () => import('../../domain/env/yaml-export.ts');

/**
 * The environment out of the page: as Kubernetes YAML that `kubectl apply` takes, as the rules
 * kube-proxy writes for it (iptables-save text), and as a lab script that builds it for real.
 * While the form has problems there is nothing to export: the last valid environment is not
 * what the form shows, and a file of it would surprise.
 */
export function EnvExport() {
  const { t } = useTranslation();
  const env = useKpvizStore(selectEnvValid);
  const invalid = useKpvizStore((state) => state.envProblems.length > 0);
  // Said for the environment it was copied from; a later change makes it old news.
  const [copied, setCopied] = useState<{ env: Environment; words: string } | null>(null);

  useEffect(() => {
    void yamlWriter();
  }, []);

  /** The environment as YAML, handed to `use` once the writer is there (at once after the first). */
  const withYaml = (use: (yaml: string) => void) => {
    void yamlWriter().then(({ environmentToYaml }) => use(environmentToYaml(env)));
  };
  const copyYaml = () =>
    withYaml((yaml) => {
      navigator.clipboard.writeText(yaml).then(
        () => setCopied({ env, words: t('env.export.copied') }),
        (error: unknown) =>
          setCopied({ env, words: t('env.export.copyFailed', { reason: String(error) }) }),
      );
    });
  const downloadRules = () => {
    const rules = generateEnvironmentRules(env);
    if (rules.ok) downloadText(EXPORT_FILES.rules, rules.save);
  };

  return (
    <section className="env-transfer" aria-label={t('env.export.heading')}>
      <h3>{t('env.export.heading')}</h3>
      {invalid && <p className="muted">{t('env.export.invalid')}</p>}
      <div className="actions">
        <button
          type="button"
          disabled={invalid}
          onClick={() =>
            withYaml((yaml) => downloadText(EXPORT_FILES.yaml, yaml, 'application/yaml'))
          }
        >
          {t('env.export.yaml')}
        </button>
        <button type="button" disabled={invalid} onClick={copyYaml}>
          {t('env.export.copyYaml')}
        </button>
        <button type="button" disabled={invalid} onClick={downloadRules}>
          {t('env.export.rules')}
        </button>
        <button
          type="button"
          disabled={invalid}
          onClick={() => downloadText(EXPORT_FILES.lab, labScript(env), 'text/x-shellscript')}
        >
          {t('env.export.lab')}
        </button>
      </div>
      <p className="muted">{t('env.export.labHint')}</p>
      {copied?.env === env && <p role="status">{copied.words}</p>}
    </section>
  );
}
