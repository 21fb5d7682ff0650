import { RICH_ENVIRONMENT } from '../domain/env/test-environments.ts';
import { SEED_ENVIRONMENT } from '../domain/env/seed-environment.ts';
import { applyEdit, type EnvEdit } from './env-edits.ts';
import { checkEnvForm, fieldOf } from './env-check.ts';
import { envToForm, type EnvForm } from './env-form.ts';

const seedForm = () => envToForm(SEED_ENVIRONMENT);
const edited = (...edits: EnvEdit[]): EnvForm => edits.reduce(applyEdit, seedForm());
const problemsOf = (form: EnvForm) => checkEnvForm(form).problems;

describe('the environment form', () => {
  it.each([
    { name: 'the seed', env: SEED_ENVIRONMENT },
    { name: 'an environment using every field', env: RICH_ENVIRONMENT },
  ])('reads $name back from its own form, exactly', ({ env }) => {
    const checked = checkEnvForm(envToForm(env));
    expect(checked.problems).toEqual([]);
    expect(JSON.stringify(checked.environment)).toBe(JSON.stringify(env));
  });

  it('keeps text that is no number, says so once, and still checks the other fields', () => {
    const form = edited(
      { kind: 'port', service: 0, port: 0, field: 'port', value: '8o' },
      { kind: 'port', service: 0, port: 0, field: 'targetPort', value: '' },
      { kind: 'pod', service: 0, pod: 1, field: 'ip', value: '172.17.0' },
    );
    expect(form.services[0]?.ports[0]?.port).toBe('8o');
    expect(problemsOf(form)).toEqual([
      { field: 'services[0].ports[0].port', kind: 'number', message: '8o' },
      { field: 'services[0].ports[0].targetPort', kind: 'required', message: '' },
      {
        field: 'services[0].pods[1].ip',
        kind: 'rule',
        message: expect.stringContaining('"172.17.0" is not an IPv4 address') as string,
      },
    ]);
    expect(checkEnvForm(form).environment).toBeUndefined();
  });

  it('shows the problems of a list’s items at the list’s one field', () => {
    expect(fieldOf('node.nodeIPs[1]')).toBe('node.nodeIPs');
    expect(fieldOf('services[2].loadBalancerSourceRanges[0]')).toBe(
      'services[2].loadBalancerSourceRanges',
    );
    expect(fieldOf('services[0].pods[1].ip')).toBe('services[0].pods[1].ip');
    const form = edited({ kind: 'node', field: 'nodeIPs', value: '192.168.0.11, 10.0.0' });
    expect(problemsOf(form)).toEqual([
      {
        field: 'node.nodeIPs',
        kind: 'rule',
        message: expect.stringContaining('"10.0.0"') as string,
      },
    ]);
  });

  it.each([
    {
      name: 'a NodePort outside the range',
      edit: { kind: 'port', service: 0, port: 0, field: 'nodePort', value: '80' },
      field: 'services[0].ports[0].nodePort',
      words: 'outside 30000–32767',
    },
    {
      name: 'duplicate pod IPs',
      edit: { kind: 'pod', service: 0, pod: 2, field: 'ip', value: '172.17.0.2' },
      field: 'services[0].pods[2].ip',
      words: '172.17.0.2 is already the IP of pod default/nginx-service-nodeport-1',
    },
    {
      name: 'a ClusterIP equal to a pod IP',
      edit: { kind: 'service', service: 0, field: 'clusterIP', value: '172.17.0.3' },
      field: 'services[0].pods[1].ip',
      words: 'already the ClusterIP',
    },
    {
      name: 'a port out of range',
      edit: { kind: 'port', service: 0, port: 0, field: 'port', value: '70000' },
      field: 'services[0].ports[0].port',
      words: 'port 70000 is not a whole number from 1 to 65535',
    },
  ] satisfies { name: string; edit: EnvEdit; field: string; words: string }[])(
    'words $name at its field',
    ({ edit, field, words }) => {
      const problems = problemsOf(edited(edit));
      expect(problems.map((p) => p.field)).toEqual([field]);
      expect(problems[0]?.message).toContain(words);
    },
  );
});

describe('editing the form', () => {
  it('adds a ready pod at the next free address, named after its Service', () => {
    const form = edited({ kind: 'addPod', service: 0 });
    expect(form.services[0]?.pods[3]).toEqual({
      name: 'nginx-service-nodeport-4',
      ip: '172.17.0.5',
      nodeName: 'node-1',
      ready: true,
      serving: true,
      terminating: false,
    });
    expect(problemsOf(form)).toEqual([]);
  });

  it('adds a Service that is valid as it comes, and removes one', () => {
    const form = edited({ kind: 'addService' }, { kind: 'addService' });
    expect(form.services.map((s) => `${s.namespace}/${s.name} ${s.clusterIP}`)).toEqual([
      'default/nginx-service-nodeport 10.254.198.92',
      'default/service-2 10.254.198.93',
      'default/service-3 10.254.198.94',
    ]);
    expect(form.services[1]?.pods.map((p) => p.ip)).toEqual(['172.17.0.5']);
    expect(form.services[2]?.pods.map((p) => p.ip)).toEqual(['172.17.0.6']);
    expect(problemsOf(form)).toEqual([]);
    const fewer = applyEdit(form, { kind: 'removeService', service: 1 });
    expect(fewer.services.map((s) => s.name)).toEqual(['nginx-service-nodeport', 'service-3']);
  });

  it('adds a named port with a free node port; the first, unnamed, must then be named', () => {
    const form = edited({ kind: 'addPort', service: 0 });
    expect(form.services[0]?.ports[1]).toEqual({
      name: 'port-2',
      protocol: 'TCP',
      port: '81',
      targetPort: '81',
      nodePort: '32111',
    });
    expect(problemsOf(form)).toEqual([
      {
        field: 'services[0].ports[0].name',
        kind: 'rule',
        message: 'a Service with several ports must name each of them',
      },
    ]);
  });

  it('gives node ports to a Service made NodePort, and keeps typed ones when it goes back', () => {
    const clusterIP = edited(
      { kind: 'service', service: 0, field: 'type', value: 'ClusterIP' },
      { kind: 'port', service: 0, port: 0, field: 'nodePort', value: '' },
    );
    expect(problemsOf(clusterIP)).toEqual([]);
    const nodePort = applyEdit(clusterIP, {
      kind: 'service',
      service: 0,
      field: 'type',
      value: 'NodePort',
    });
    expect(nodePort.services[0]?.ports[0]?.nodePort).toBe('30000');
    const back = edited({ kind: 'service', service: 0, field: 'type', value: 'ClusterIP' });
    expect(back.services[0]?.ports[0]?.nodePort).toBe('32110');
    expect(problemsOf(back).map((p) => p.message)).toEqual([
      'a ClusterIP Service has no node ports: make it NodePort or LoadBalancer',
    ]);
  });

  it('keeps a pod’s conditions as Kubernetes reports them', () => {
    const terminating = edited({
      kind: 'pod',
      service: 0,
      pod: 0,
      field: 'terminating',
      value: true,
    });
    expect(terminating.services[0]?.pods[0]).toMatchObject({
      ready: false,
      serving: true,
      terminating: true,
    });
    expect(problemsOf(terminating)).toEqual([]);
    const ready = applyEdit(terminating, {
      kind: 'pod',
      service: 0,
      pod: 0,
      field: 'ready',
      value: true,
    });
    expect(ready.services[0]?.pods[0]).toMatchObject({ ready: true, terminating: false });
  });
});
