import { useTranslation } from './i18n/use-translation.tsx';
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
  if (addedJumps === 0 && lackingJumps.length === 0) return null;
  // Added: say so and offer the rules as given; lacking: say why it matters and offer to add them.
  const added = addedJumps > 0;
  return (
    <p className="callout jumps-notice" role="note">
      {added
        ? t('jumps.added', { count: addedJumps })
        : t('jumps.lacking', { tables: lackingJumps.join(', ') })}{' '}
      <button type="button" onClick={() => void loadDump(dump, { ...options, addJumps: !added })}>
        {t(added ? 'jumps.remove' : 'jumps.add')}
      </button>
    </p>
  );
}
