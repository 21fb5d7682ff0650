import { readEmbedConfig, type ConfigKey } from './embed-config.ts';

const read = (query: string) => {
  const params = new URLSearchParams(query);
  return readEmbedConfig((key: ConfigKey) => params.get(key));
};

describe('readEmbedConfig', () => {
  it('gives the defaults for an empty configuration', () => {
    expect(read('')).toEqual({
      config: {
        env: null,
        rules: null,
        scenario: null,
        step: 0,
        lang: null,
        theme: null,
        autoplay: false,
        speed: 1,
        panels: ['controls', 'narration', 'packet'],
      },
      problems: [],
    });
  });

  it('reads every key, counting the step from 1 as the app’s links do', () => {
    const { config, problems } = read(
      'env=e1.abc&scenario=example:hairpin&step=7&lang=zh&theme=dark&autoplay=1&speed=4&panels=timeline,narration',
    );
    expect(problems).toEqual([]);
    expect(config).toMatchObject({
      env: 'e1.abc',
      scenario: 'example:hairpin',
      step: 6,
      lang: 'zh',
      theme: 'dark',
      autoplay: true,
      speed: 4,
      panels: ['timeline', 'narration'],
    });
  });

  it('reports each value it cannot use, and uses the default instead', () => {
    const { config, problems } = read(
      'scenario=nope&step=0&lang=fr&theme=contrast&autoplay=yes&speed=3&panels=graph',
    );
    expect(problems.map((p) => p.key)).toEqual([
      'scenario',
      'step',
      'autoplay',
      'speed',
      'panels',
      'lang',
      'theme',
    ]);
    expect(problems.find((p) => p.key === 'lang')).toEqual({
      key: 'lang',
      value: 'fr',
      expected: 'en or zh',
    });
    expect(config).toEqual(read('').config);
  });

  it('takes autoplay=false and an empty value as given or absent', () => {
    expect(read('autoplay=false&scenario=').config).toMatchObject({
      autoplay: false,
      scenario: null,
    });
    expect(read('autoplay=false').problems).toEqual([]);
  });
});
