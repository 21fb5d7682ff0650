import './services.css';
import { startTransition, useDeferredValue, useEffect, useId, useState } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import type { ServiceAddress } from '../../domain/kube/discover-services.ts';
import type { ServicePage, ServiceSummary } from '../../session/protocol.ts';
import type { Session } from '../../session/session-client.ts';
import { selectFocus } from '../../store/graph-slice.ts';
import { selectOverview, selectSession } from '../../store/rules-slice.ts';
import { useKpvizStore } from '../../store/store.ts';
import { percent } from '../trace/format.ts';
import { SCENARIOS, scenarioPacket } from './scenarios.ts';
import { useCardsInTurn } from './use-cards-in-turn.ts';

/** How many Services are listed at once; a search narrows a big cluster down to them. */
export const LISTED_SERVICES = 50;

/**
 * How long typing must pause before the dump is asked: a dump of 30,000 Services takes a
 * while to search, and every keystroke's answer but the last would be thrown away.
 */
const SETTLE_MS = 150;

/** An answer, with what it answers: only the latest question's is shown. */
interface Answer {
  readonly session: Session;
  readonly query: string;
  readonly page: ServicePage;
}

/**
 * The Services kube-proxy wrote rules for, found by name, address, port or endpoint.
 * Choosing one focuses the graph on its chains and offers packets to trace to it.
 */
export function ServicesPanel() {
  const { t } = useTranslation();
  const headingId = useId();
  const fieldId = useId();
  // Deferred: a new dump's graph is drawn first, in its own task; this panel follows.
  const session = useDeferredValue(useKpvizStore(selectSession));
  const { serviceCount } = useDeferredValue(useKpvizStore(selectOverview));
  const focus = useKpvizStore(selectFocus);
  const setFocus = useKpvizStore((state) => state.setFocus);
  const [query, setQuery] = useState('');
  const [answer, setAnswer] = useState<Answer | null>(null);

  useEffect(() => {
    let wanted = true;
    // The first list needs no wait: nobody is typing.
    const delay = query === '' ? 0 : SETTLE_MS;
    const timer = setTimeout(() => {
      session.query('services', query, LISTED_SERVICES).then(
        (page) => {
          // A transition: React renders the cards in slices between other work (a dump's first
          // list in two turns besides: useCardsInTurn).
          if (wanted) startTransition(() => setAnswer({ session, query, page }));
        },
        () => {
          // A closed session's answer: a newer dump has replaced it, and its own list follows.
        },
      );
    }, delay);
    // A newer query or dump makes this answer stale, whenever it comes.
    return () => {
      wanted = false;
      clearTimeout(timer);
    };
  }, [session, query]);

  // The old dump's Services must not show, even for the moment before the new list comes.
  const page = answer?.session === session ? answer.page : null;
  const hidden = page ? page.total - page.services.length : 0;
  const cards = useCardsInTurn(page, session);

  return (
    <section className="panel services-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('services.heading')}</h2>
      <p className="muted">{t('services.count', { count: serviceCount })}</p>
      <div className="field services-field">
        <label htmlFor={fieldId}>{t('services.find')}</label>
        <input
          id={fieldId}
          type="search"
          value={query}
          placeholder={t('services.placeholder')}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      {page && page.total === 0 && (
        <p role="status" className="muted">
          {query.trim() === '' ? t('services.empty') : t('services.none')}
        </p>
      )}
      {page && page.services.length > 0 && (
        <ul className="services-list" aria-label={t('services.list')}>
          {cards.map((service) => (
            <ServiceItem
              key={service.id}
              service={service}
              focused={focus === service.focusKey}
              onChoose={() => setFocus(service.focusKey, service.label)}
            />
          ))}
        </ul>
      )}
      {hidden > 0 && (
        <p role="status" className="muted">
          {t('services.more', { count: hidden })}
        </p>
      )}
    </section>
  );
}

/** `10.96.0.10:80/tcp`, or the port alone for a NodePort (it is on every node address). */
const addressText = (address: ServiceAddress, protocol: string): string =>
  address.ip === undefined
    ? `${address.port}/${protocol}`
    : `${address.ip}:${address.port}/${protocol}`;

const KIND_ORDER: readonly ServiceAddress['kind'][] = [
  'cluster',
  'nodeport',
  'loadbalancer',
  'external',
];

/** One Service port: its addresses, endpoints and where kpviz learnt them. */
function ServiceItem({
  service,
  focused,
  onChoose,
}: {
  service: ServiceSummary;
  focused: boolean;
  onChoose: () => void;
}) {
  const { t } = useTranslation();
  const addresses = KIND_ORDER.flatMap((kind) => service.addresses.filter((a) => a.kind === kind));
  return (
    <li className="service" data-focused={focused || undefined}>
      <button type="button" className="service-name" aria-pressed={focused} onClick={onChoose}>
        {service.label}
      </button>
      <dl className="service-facts">
        {addresses.map((address, i) => (
          <div key={`${address.kind}-${i}`}>
            <dt>{t(`services.kind.${address.kind}`)}</dt>
            <dd>
              <code>{addressText(address, service.protocol)}</code>
            </dd>
          </div>
        ))}
        <div>
          <dt>{t('services.endpoints')}</dt>
          <dd>
            {service.endpoints.length === 0 ? (
              t('services.noEndpoints')
            ) : (
              <ul className="service-endpoints">
                {service.endpoints.map((endpoint) => (
                  <li key={endpoint.chain}>
                    <code>{endpoint.address}</code> <span>{percent(endpoint.share)}</span>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
      <p className="service-notes">
        <span className="badge">{t(`services.from.${service.from}`)}</span>
        {service.affinity && <span className="badge">{t('services.affinity')}</span>}
        {service.refused !== undefined && (
          <span className="badge service-refused">{t(`services.refused.${service.refused}`)}</span>
        )}
      </p>
      {focused && <ScenarioButtons service={service} />}
    </li>
  );
}

/** Packets to trace to a chosen Service: they fill in the custom packet form. */
function ScenarioButtons({ service }: { service: ServiceSummary }) {
  const { t } = useTranslation();
  const groupId = useId();
  const nodeIPs = useKpvizStore((state) => state.packetForm.nodeIPs);
  const interfaces = useKpvizStore((state) => state.packetForm.interfaces);
  const prefillPacket = useKpvizStore((state) => state.prefillPacket);
  const packets = SCENARIOS.map(
    (scenario) => [scenario, scenarioPacket(service, scenario, nodeIPs, interfaces)] as const,
  );
  return (
    <div className="service-scenarios actions" role="group" aria-labelledby={groupId}>
      <span id={groupId}>{t('services.scenarios')}</span>
      {packets.map(([scenario, packet]) => (
        <button
          key={scenario}
          type="button"
          disabled={packet === undefined}
          title={packet === undefined ? t(`services.unreachable.${scenario}`) : undefined}
          onClick={() => packet && prefillPacket(packet)}
        >
          {t(`services.scenario.${scenario}`)}
        </button>
      ))}
    </div>
  );
}
