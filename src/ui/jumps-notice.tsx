import { useTranslation } from 'react-i18next';
import { selectDump, selectOverview } from '../store/rules-slice.ts';
import { useKpvizStore } from '../store/store.ts';

/**
 * kube-proxy's restore input (as its unit tests print it) holds its chains
 * but not the jumps into them, which kube-proxy adds with `iptables -I`: no
 * packet would reach them. Says so, and offers to add the jumps as a node has them.
 */
export function JumpsNotice() {
  const { t } = useTranslation();
  const { lackingJumps, addedJumps } = useKpvizStore(selectOverview);
  const dump = useKpvizStore(selectDump);
  const options = useKpvizStore((state) => state.options);
  const loadDump = useKpvizStore((state) => state.loadDump);
  if (addedJumps > 0) {
    return (
      <p className="jumps-notice" role="note">
        {t('jumps.added', { count: addedJumps })}{' '}
        <button type="button" onClick={() => void loadDump(dump, { ...options, addJumps: false })}>
          {t('jumps.remove')}
        </button>
      </p>
    );
  }
  if (lackingJumps.length === 0) return null;
  return (
    <p className="jumps-notice" role="note">
      {t('jumps.lacking', { tables: lackingJumps.join(', ') })}{' '}
      <button type="button" onClick={() => void loadDump(dump, { ...options, addJumps: true })}>
        {t('jumps.add')}
      </button>
    </p>
  );
}
