import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ask, DumpSession } from '../../session/dump-session.ts';
import type { DumpOverview } from '../../session/protocol.ts';
import type { Session } from '../../session/session-client.ts';
import { useKpvizStore } from '../../store/store.ts';
import '../i18n/i18n.ts';
import { ProblemList } from '../problem-list.tsx';
import { ParseSummary } from './parse-summary.tsx';

/** The session the next load opens, as a worker's would be: its rules read later, when the test says. */
const next = vi.hoisted(() => ({ session: undefined as Session | undefined }));

vi.mock('../../session/session-client.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../session/session-client.ts')>();
  return {
    ...actual,
    openSession: (...args: Parameters<typeof actual.openSession>) =>
      next.session
        ? { result: Promise.resolve(next.session), cancel: () => undefined }
        : actual.openSession(...args),
  };
});

/** Line 3's rule has a bad port (found when its chain is read); line 4 appends to no chain (found at once). */
const DUMP = [
  '*filter',
  ':INPUT ACCEPT [0:0]',
  '-A INPUT -p tcp -m tcp --dport 99999 -j ACCEPT',
  '-A NOWHERE -j ACCEPT',
  'COMMIT',
  '',
].join('\n');

/** A session over DUMP read as the worker reads it, and the hands that end its reading. */
function deferredSession() {
  const dump = DumpSession.open(DUMP, {}, undefined, undefined, { deferRules: true });
  let finish!: (overview: DumpOverview) => void;
  let fail!: (error: Error) => void;
  const checked = new Promise<DumpOverview>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const session: Session = {
    overview: dump.overview(),
    checked,
    query: (name, ...args) => Promise.resolve(ask(dump, name, args) as never),
    close: () => undefined,
  };
  return {
    session,
    readAll: () => {
      dump.readSome(Infinity);
      finish(dump.overview());
    },
    fail,
  };
}

const status = () => screen.getAllByRole('status').find((s) => s.matches('.summary-checking'));

beforeEach(() => {
  useKpvizStore.setState(useKpvizStore.getInitialState(), true);
  next.session = undefined;
});

describe('A dump whose rules are read after it opens', () => {
  it('says it is reading them, then how many problems there are in all; an open problem stays open', async () => {
    const user = userEvent.setup();
    const opened = deferredSession();
    next.session = opened.session;
    render(
      <>
        <ParseSummary />
        <ProblemList />
      </>,
    );
    await useKpvizStore.getState().loadDump(DUMP);
    expect(useKpvizStore.getState().overview.checking).toBe(true);
    await waitFor(() => expect(status()).toHaveTextContent(/^Reading and checking the rest/));
    const problems = screen.getByRole('region', { name: 'Problems (1)' });
    expect(problems).toHaveAttribute('aria-busy', 'true');
    await user.click(within(problems).getByRole('button', { name: /^4:\d+:/ }));
    expect(within(problems).getByLabelText('Line 4 in context')).toBeInTheDocument();

    opened.readAll();
    const all = await screen.findByRole('region', { name: 'Problems (2)' });
    await waitFor(() => expect(all).not.toHaveAttribute('aria-busy'));
    expect(status()).toHaveTextContent('Every rule read and checked: 2 problems in all.');
    // Line 3's problem came before it in the list; the one open is still line 4's.
    expect(within(all).getAllByRole('listitem')[0]).toHaveTextContent(/^3:\d+:/);
    expect(within(all).getByRole('button', { name: /^4:\d+:/ })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    expect(within(all).getByLabelText('Line 4 in context')).toBeInTheDocument();
  });

  it('says when the rest could not be read', async () => {
    const opened = deferredSession();
    next.session = opened.session;
    render(<ParseSummary />);
    await useKpvizStore.getState().loadDump(DUMP);
    opened.fail(new Error('the dump worker stopped'));
    await waitFor(() =>
      expect(status()).toHaveTextContent(
        'The rest of the rules could not be read (the dump worker stopped): their problems are not listed.',
      ),
    );
    expect(useKpvizStore.getState().overview.checking).toBe(false);
  });

  it('leaves a dump loaded since alone when the earlier one finishes reading', async () => {
    const first = deferredSession();
    next.session = first.session;
    await useKpvizStore.getState().loadDump(DUMP);
    next.session = undefined;
    await useKpvizStore.getState().loadDump('*nat\n:PREROUTING ACCEPT [0:0]\nCOMMIT\n');
    const shown = useKpvizStore.getState().overview;
    first.readAll();
    await first.session.checked;
    expect(useKpvizStore.getState().overview).toBe(shown);
    expect(shown.tables.map((t) => t.name)).toEqual(['nat']);
  });
});
