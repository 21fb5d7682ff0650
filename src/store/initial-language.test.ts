import { initialLanguage, languageFor } from './initial-language.ts';

afterEach(() => {
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('languageFor', () => {
  it.each([
    { name: 'a Chinese browser', linked: null, preferred: ['zh-CN', 'en'], language: 'zh' },
    { name: 'Traditional Chinese', linked: null, preferred: ['zh-TW'], language: 'zh' },
    { name: 'a bare zh, upper case', linked: null, preferred: ['ZH'], language: 'zh' },
    { name: 'an English browser', linked: null, preferred: ['en-GB', 'zh-CN'], language: 'en' },
    { name: 'the first one spoken', linked: null, preferred: ['fr', 'zh-Hans-CN'], language: 'zh' },
    { name: 'none spoken', linked: null, preferred: ['fr', 'de'], language: 'en' },
    { name: 'no preference', linked: null, preferred: [], language: 'en' },
    { name: 'a link to English', linked: 'en', preferred: ['zh-CN'], language: 'en' },
    { name: 'a link to Chinese', linked: 'zh', preferred: ['en-US'], language: 'zh' },
    { name: 'a link to neither', linked: 'fr', preferred: ['zh-CN'], language: 'zh' },
  ])('$name: $language', ({ linked, preferred, language }) => {
    expect(languageFor(linked, preferred)).toBe(language);
  });
});

describe('initialLanguage', () => {
  it('reads the link, then the browser', () => {
    vi.stubGlobal('navigator', { languages: ['zh-CN'], language: 'zh-CN' });
    expect(initialLanguage()).toBe('zh');
    window.history.replaceState(null, '', '/#scenario=hairpin&lang=en');
    expect(initialLanguage()).toBe('en');
  });

  it('takes navigator.language where languages is empty', () => {
    vi.stubGlobal('navigator', { languages: [], language: 'zh' });
    expect(initialLanguage()).toBe('zh');
  });
});
