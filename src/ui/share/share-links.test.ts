import { SEED_LISTING } from '../../domain/examples/seed.ts';
import type { PacketForm } from '../../store/packet-slice.ts';
import type { KpvizState } from '../../store/store.ts';
import { useKpvizStore } from '../../store/store.ts';
import {
  appBase,
  appLink,
  elementSnippet,
  embedParams,
  escapeHtml,
  iframeSnippet,
  linkParams,
  rulesSourceOf,
  type ShareState,
} from './share-links.ts';
import { packetFormOf } from './packet-params.ts';

const PACKET: PacketForm = {
  src: '203.0.113.10',
  dst: '192.168.0.11:32110',
  protocol: 'tcp',
  from: 'external',
  nodeIPs: '192.168.0.11',
  interfaces: 'cni0=10.244.0.1/24\nflannel.1=10.244.0.0/32',
  mode: 'all',
  seed: 7,
};

const PAGE = 'https://docs.example/k/kpviz/index.html#scenario=old&step=2';
const SAVE = '*nat\n:PREROUTING ACCEPT [0:0]\nCOMMIT\n';

const at = (share: Partial<ShareState>): ShareState => ({
  rules: null,
  scenario: null,
  step: 0,
  language: 'en',
  ...share,
});

describe('where the rules on screen come from', () => {
  const state = (change: Partial<KpvizState>): KpvizState => ({
    ...useKpvizStore.getInitialState(),
    ...change,
  });

  it.each<[string, Partial<KpvizState>, string]>([
    ['the seed, as the app opens', {}, 'seed'],
    ['the seed listing pasted again', { options: { format: 'auto' } }, 'seed'],
    ['the seed listing read as another table', { options: { table: 'filter' } }, 'rules'],
    ['a pasted dump', { dump: SAVE, options: { format: 'save' } }, 'rules'],
    ['the environment editor’s rules', { dump: SAVE, envRules: SAVE }, 'env'],
    ['a pasted dump after the editor’s', { dump: SEED_LISTING + ' ', envRules: SAVE }, 'rules'],
    ['an example cluster', { dump: SAVE, scenario: 'example:udp-dns' }, 'scenario'],
    ['a pasted dump, played', { dump: SAVE, scenario: 'hairpin' }, 'rules'],
  ])('%s', (_, change, source) => {
    expect(rulesSourceOf(state(change))).toBe(source);
  });
});

describe('share parameters', () => {
  it.each<[string, ShareState, string]>([
    ['the seed: the language only', at({}), 'lang=en'],
    [
      'the seed, playing: scenario and step counted from 1',
      at({ scenario: 'nodeport-external', step: 11, language: 'zh' }),
      'scenario=nodeport-external&step=12&lang=zh',
    ],
    [
      'an environment',
      at({ rules: { key: 'env', code: 'e1.abc' }, scenario: 'hairpin', step: 0 }),
      'env=e1.abc&scenario=hairpin&step=1&lang=en',
    ],
    [
      'a dump of the user’s',
      at({ rules: { key: 'rules', code: 'r1.x-_' } }),
      'rules=r1.x-_&lang=en',
    ],
    [
      'an example cluster, its colon escaped as the app writes it',
      at({ scenario: 'example:udp-dns', step: 2 }),
      'scenario=example%3Audp-dns&step=3&lang=en',
    ],
    [
      'a packet of the user’s: its form, every field as typed',
      at({ scenario: 'custom', step: 1, packet: PACKET }),
      'scenario=custom&step=2&src=203.0.113.10&dst=192.168.0.11%3A32110&proto=tcp' +
        '&from=external&node=192.168.0.11&ifaces=cni0%3D10.244.0.1%2F24%0Aflannel.1%3D10.244.0.0%2F32' +
        '&mode=all&seed=7&lang=en',
    ],
    [
      'another scenario: no packet, whatever the form holds',
      at({ scenario: 'hairpin', packet: PACKET }),
      'scenario=hairpin&step=1&lang=en',
    ],
  ])('for a link: %s', (_, share, params) => {
    expect(linkParams(share).toString()).toBe(params);
  });

  it('for an embed add the theme, and autoplay when asked', () => {
    const share = at({ scenario: 'hairpin', step: 3 });
    expect(embedParams(share, { theme: 'dark', autoplay: false }).toString()).toBe(
      'scenario=hairpin&step=4&lang=en&theme=dark',
    );
    expect(embedParams(share, { theme: 'light', autoplay: true }).toString()).toBe(
      'scenario=hairpin&step=4&lang=en&theme=light&autoplay=1',
    );
  });
});

describe('a custom packet in a link', () => {
  it('comes back as the form it was', () => {
    const params = linkParams(at({ scenario: 'custom', packet: PACKET }));
    expect(packetFormOf((key) => params.get(key))).toEqual(PACKET);
  });

  it('keeps what was typed, right or wrong, and reports a mode or seed it cannot take', () => {
    const params = new URLSearchParams('src=10.0.0.999&dst=&mode=every&seed=1.5');
    const wrong: string[] = [];
    expect(
      packetFormOf(
        (key) => params.get(key),
        (key, value) => wrong.push(`${key}=${value}`),
      ),
    ).toEqual({ src: '10.0.0.999', dst: '' });
    expect(wrong).toEqual(['mode=every', 'seed=1.5']);
  });
});

describe('share URLs', () => {
  it.each([
    [PAGE, 'https://docs.example/k/kpviz/'],
    ['https://docs.example/k/kpviz/?utm=1#x', 'https://docs.example/k/kpviz/'],
    ['http://localhost:4173/', 'http://localhost:4173/'],
  ])('the app served at %s lives in %s', (href, base) => {
    expect(appBase(href)).toBe(base);
  });

  it('a link is the page with the new fragment', () => {
    expect(appLink(PAGE, linkParams(at({ scenario: 'hairpin', step: 1 })))).toBe(
      'https://docs.example/k/kpviz/index.html#scenario=hairpin&step=2&lang=en',
    );
  });
});

describe('embed snippets', () => {
  const params = embedParams(at({ rules: { key: 'rules', code: 'r1.abc' }, scenario: 'hairpin' }), {
    theme: 'light',
    autoplay: true,
  });

  it('escape what HTML would read', () => {
    expect(escapeHtml(`a & b <i> "c" 'd'`)).toBe('a &amp; b &lt;i&gt; &quot;c&quot; &#39;d&#39;');
  });

  it('an iframe of embed.html beside the page, its title escaped', () => {
    expect(iframeSnippet(PAGE, params, 'kpviz — "Hairpin" <b>')).toBe(
      '<iframe src="https://docs.example/k/kpviz/embed.html#rules=r1.abc&amp;scenario=hairpin&amp;step=1&amp;lang=en&amp;theme=light&amp;autoplay=1" title="kpviz — &quot;Hairpin&quot; &lt;b&gt;" width="100%" height="480" style="border:0" loading="lazy"></iframe>',
    );
  });

  it('a web component: its script, then one attribute per parameter', () => {
    expect(elementSnippet(PAGE, params)).toBe(
      [
        '<script type="module" src="https://docs.example/k/kpviz/kpviz-player.js"></script>',
        '<kpviz-player rules="r1.abc" scenario="hairpin" step="1" lang="en" theme="light" autoplay="1"></kpviz-player>',
      ].join('\n'),
    );
  });

  it('escape attribute values: the attribute holds the value unchanged', () => {
    const odd = new URLSearchParams({ scenario: `x"><script>alert(1)</script>&'` });
    const html = elementSnippet(PAGE, odd);
    expect(html).not.toContain('<script>alert');
    const element = new DOMParser()
      .parseFromString(html, 'text/html')
      .querySelector('kpviz-player');
    expect(element?.getAttribute('scenario')).toBe(`x"><script>alert(1)</script>&'`);
  });
});
