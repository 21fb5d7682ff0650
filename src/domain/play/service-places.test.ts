import { describe, expect, it } from 'vitest';
import { podPlace } from './service-places.ts';
import { NGINX } from './test-services.ts';

describe('podPlace', () => {
  it('avoids the endpoints and the node’s own addresses, the bridge taking the first free one', () => {
    expect(podPlace(NGINX, [])).toEqual({ pod: '172.17.0.5', bridge: '172.17.0.1/24' });
    expect(podPlace(NGINX, ['172.17.0.1', '172.17.0.5'])).toEqual({
      pod: '172.17.0.7',
      bridge: '172.17.0.6/24',
    });
  });

  it('takes the usual pod network without endpoints to sit beside', () => {
    expect(podPlace({ ...NGINX, endpoints: [] }, [])).toEqual({
      pod: '10.244.0.2',
      bridge: '10.244.0.1/24',
    });
  });
});
