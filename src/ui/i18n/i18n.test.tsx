import { act, render, screen } from '@testing-library/react';
import type { Language } from '../../store/settings-slice.ts';
import { en } from './en.ts';
import { hasLanguage, i18n, loadLanguage, provideCatalogue } from './i18n.ts';
import { I18nProvider, useTranslation } from './use-translation.tsx';
import { useUiLanguage } from './use-ui-language.ts';

afterEach(() => vi.restoreAllMocks());

describe('the i18n instance', () => {
  it.each(['en', 'zh'] as const)('logs a missing key as an error in %s', (language) => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const t = i18n.getFixedT(language);
    // A key built at runtime, as `play.example.${id}` is: the type cannot vouch for it.
    const key = ['tour', 'steps', 'nowhere', 'title'].join('.') as 'tour.heading';
    expect(t(key)).toBe('tour.steps.nowhere.title');
    expect(error).toHaveBeenCalledWith(`Missing translation: ${key} (${language})`);
  });

  it('does not hide a Chinese string missing behind the English one', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    provideCatalogue('en', { ...en, onlyInEnglish: 'English only' } as typeof en);
    try {
      const key = 'onlyInEnglish' as 'tour.heading';
      expect(i18n.getFixedT('en')(key)).toBe('English only');
      expect(error).not.toHaveBeenCalled();
      i18n.getFixedT('zh')(key);
      expect(error).toHaveBeenCalledWith('Missing translation: onlyInEnglish (zh)');
    } finally {
      provideCatalogue('en', en);
    }
  });

  it('logs nothing for the keys the catalogues have', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(i18n.getFixedT('zh')('tour.heading')).toBe('导览');
    expect(i18n.getFixedT('en')('tour.position', { step: 2, count: 9 })).toBe('Step 2 of 9');
    expect(error).not.toHaveBeenCalled();
  });
});

describe('a translator', () => {
  it('picks the plural form by the language’s rules, and formats numbers as the language writes them', () => {
    const en = i18n.getFixedT('en');
    expect(en('chain.showRules', { count: 1 })).toBe('Show its 1 rule');
    expect(en('chain.showRules', { count: 0 })).toBe('Show its 0 rules');
    expect(en('chain.showRules', { count: 12345 })).toBe('Show its 12,345 rules');
    expect(en('chain.references', { count: 1000 })).toBe('1000 references');
    // Chinese has one form, `_other`, whatever the count.
    expect(i18n.getFixedT('zh')('chain.showRules', { count: 1 })).toBe('显示其 1 条规则');
  });

  it('says the default where the catalogue lacks a key, and reports the key', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const key = 'play.example.nowhere' as 'tour.heading';
    expect(i18n.getFixedT('en')(key, { defaultValue: 'To {{where}}', where: 'nowhere' })).toBe(
      'To nowhere',
    );
    expect(error).toHaveBeenCalledWith('Missing translation: play.example.nowhere (en)');
  });

  it('leaves a value not given as written', () => {
    expect(i18n.getFixedT('en')('chain.policy')).toBe('policy {{policy}}');
  });

  it('renders its components again in the new language, with a new t', async () => {
    const words = i18n.clone();
    const seen: unknown[] = [];
    function Heading() {
      const { t } = useTranslation();
      seen.push(t);
      return <h1>{t('tour.heading')}</h1>;
    }
    render(
      <I18nProvider i18n={words}>
        <Heading />
      </I18nProvider>,
    );
    expect(screen.getByRole('heading')).toHaveTextContent('Guided tour');
    await act(() => words.changeLanguage('zh'));
    expect(screen.getByRole('heading')).toHaveTextContent('导览');
    expect(new Set(seen).size).toBe(2);
    // The app's translator is another one: it still speaks English.
    expect(i18n.language).toBe('en');
  });
});

describe('the Chinese catalogue, loaded when wanted', () => {
  // The test setup adds it up front; these take it away to see it come.
  beforeEach(() => {
    provideCatalogue('zh', null);
  });
  afterEach(async () => {
    await loadLanguage('zh');
    await i18n.changeLanguage('en');
  });

  it('is not in the page until loadLanguage fetches it', async () => {
    expect(hasLanguage('en')).toBe(true);
    expect(hasLanguage('zh')).toBe(false);
    await loadLanguage('zh');
    expect(hasLanguage('zh')).toBe(true);
    expect(i18n.getFixedT('zh')('tour.heading')).toBe('导览');
  });

  it('keeps the old words while it loads, never showing keys, then speaks it', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    function Heading({ language }: { language: Language }) {
      useUiLanguage(i18n, language);
      const { t } = useTranslation();
      return <h1>{t('tour.heading')}</h1>;
    }
    const view = render(
      <I18nProvider i18n={i18n}>
        <Heading language="en" />
      </I18nProvider>,
    );
    expect(screen.getByRole('heading')).toHaveTextContent('Guided tour');
    view.rerender(
      <I18nProvider i18n={i18n}>
        <Heading language="zh" />
      </I18nProvider>,
    );
    expect(screen.getByRole('heading')).toHaveTextContent('Guided tour');
    expect(await screen.findByRole('heading', { name: '导览' })).toBeInTheDocument();
    expect(error).not.toHaveBeenCalled();
  });
});
