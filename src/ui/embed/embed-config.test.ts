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
        packet: {},
      },
      problems: [],
    });
  });

  it('reads every key, counting the step from 1 as the app’s links do', () => {
    const { config, problems } = read(
      'env=e1.abc&scenario=example:hairpin&step=7&lang=zh&theme=dark&autoplay=1&speed=4&panels=timeline,narration' +
        '&src=10.244.1.5&dst=10.96.0.10:53&proto=udp&from=cni0&node=192.168.0.11&ifaces=cni0%3D10.244.1.1/24&mode=all&seed=3',
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
      packet: {
        src: '10.244.1.5',
        dst: '10.96.0.10:53',
        protocol: 'udp',
        from: 'cni0',
        nodeIPs: '192.168.0.11',
        interfaces: 'cni0=10.244.1.1/24',
        mode: 'all',
        seed: 3,
      },
    });
  });

  it('reports each value it cannot use, and uses the default instead', () => {
    const { config, problems } = read(
      'scenario=nope&step=0&lang=fr&theme=contrast&autoplay=yes&speed=3&panels=graph&mode=each&seed=x',
    );
    expect(problems.map((p) => p.key)).toEqual([
      'scenario',
      'step',
      'autoplay',
      'speed',
      'panels',
      'lang',
      'theme',
      'mode',
      'seed',
    ]);
    expect(problems.find((p) => p.key === 'mode')).toEqual({
      key: 'mode',
      value: 'each',
      expected: 'single or all',
    });
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
