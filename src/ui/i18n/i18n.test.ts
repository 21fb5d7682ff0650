import { i18n } from './i18n.ts';

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
