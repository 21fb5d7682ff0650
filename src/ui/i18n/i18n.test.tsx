import { render, screen } from '@testing-library/react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { Language } from '../../store/settings-slice.ts';
import { hasLanguage, i18n, loadLanguage } from './i18n.ts';
import { useUiLanguage } from './use-ui-language.ts';

afterEach(() => vi.restoreAllMocks());

describe('the i18n instance', () => {
  it.each(['en', 'zh'])('logs a missing key as an error in %s', (language) => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const t = i18n.getFixedT(language);
    // A key built at runtime, as `play.example.${id}` is: the type cannot vouch for it.
    const key = ['tour', 'steps', 'nowhere', 'title'].join('.') as 'tour.heading';
    expect(t(key)).toBe('tour.steps.nowhere.title');
    expect(error).toHaveBeenCalledWith(`Missing translation: ${key} (${language})`);
  });

  it('does not hide a Chinese string missing behind the English one', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    i18n.addResource('en', 'translation', 'onlyInEnglish', 'English only');
    const key = 'onlyInEnglish' as 'tour.heading';
    expect(i18n.getFixedT('en')(key)).toBe('English only');
    expect(error).not.toHaveBeenCalled();
    i18n.getFixedT('zh')(key);
    expect(error).toHaveBeenCalledWith('Missing translation: onlyInEnglish (zh)');
  });

  it('logs nothing for the keys the catalogues have', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(i18n.getFixedT('zh')('tour.heading')).toBe('导览');
    expect(i18n.getFixedT('en')('tour.position', { step: 2, count: 9 })).toBe('Step 2 of 9');
    expect(error).not.toHaveBeenCalled();
  });
});

describe('the Chinese catalogue, loaded when wanted', () => {
  // The test setup adds it up front; these take it away to see it come.
  beforeEach(() => {
    i18n.removeResourceBundle('zh', 'translation');
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
      <I18nextProvider i18n={i18n}>
        <Heading language="en" />
      </I18nextProvider>,
    );
    expect(screen.getByRole('heading')).toHaveTextContent('Guided tour');
    view.rerender(
      <I18nextProvider i18n={i18n}>
        <Heading language="zh" />
      </I18nextProvider>,
    );
    expect(screen.getByRole('heading')).toHaveTextContent('Guided tour');
    expect(await screen.findByRole('heading', { name: '导览' })).toBeInTheDocument();
    expect(error).not.toHaveBeenCalled();
  });
});
