import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { selectFocus } from '../../store/graph-slice.ts';
import { selectServices } from '../../store/graph-selectors.ts';
import { useKpvizStore } from '../../store/store.ts';

/** Narrows the graph to one Service port's chains; the first option shows every Service. */
export function FocusSelect() {
  const { t } = useTranslation();
  const selectId = useId();
  const focus = useKpvizStore(selectFocus);
  const services = useKpvizStore(selectServices);
  const setFocus = useKpvizStore((state) => state.setFocus);
  return (
    <div className="field">
      <label htmlFor={selectId}>{t('focus.label')}</label>
      <select
        id={selectId}
        value={focus ?? ''}
        // A dump without Services (a plain host firewall) has nothing to focus on.
        disabled={services.length === 0}
        onChange={(event) => setFocus(event.target.value === '' ? null : event.target.value)}
      >
        <option value="">{t('focus.all')}</option>
        {services.map((service) => (
          <option key={service.key} value={service.key}>
            {service.label}
          </option>
        ))}
      </select>
    </div>
  );
}
