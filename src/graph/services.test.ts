import { servicesOf } from './services.ts';
import { fixtureText, parseSave, seedRuleset, withoutComments } from './test-fixtures.ts';

describe('servicesOf', () => {
  it("names the seed's Service from its comments", () => {
    expect(servicesOf(seedRuleset())).toEqual([
      { key: 'default/nginx-service-nodeport:', label: 'default/nginx-service-nodeport' },
    ]);
  });

  it('lists the Services with chains, not the one without endpoints', () => {
    expect(servicesOf(parseSave(fixtureText('overall-current'))).map((s) => s.key)).toEqual([
      'ns1/svc1:p80',
      'ns2/svc2:p80',
      'ns3/svc3:p80',
      'ns4/svc4:p80',
      'ns5/svc5:p80',
    ]);
  });

  it('names Services by cluster IP and keys them by KUBE-SVC chain without comments', () => {
    expect(servicesOf(parseSave(withoutComments(fixtureText('sctp'))))).toEqual([
      { key: 'KUBE-SVC-GFCIFIA5VTFSTMSM', label: '172.30.0.41:80/sctp' },
    ]);
  });
});
