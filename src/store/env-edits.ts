/**
 * Every change the environment editor makes, as data: one named action (editEnvironment) takes
 * them all, so buttons, keyboard and tests change the form the same way.
 */
import type { EnvForm, NodeForm, PodForm, PortForm, ServiceForm } from './env-form.ts';
import { freeNodePort, newPod, newPort, newService } from './env-additions.ts';

/** A change of one field of F, the value typed as that field is. */
type FieldEdit<Kind extends string, F, Where> = {
  [P in keyof F]: { readonly kind: Kind; readonly field: P; readonly value: F[P] } & Where;
}[keyof F];

type ServiceFields = Omit<ServiceForm, 'ports' | 'pods'>;

export type EnvEdit =
  | FieldEdit<'node', NodeForm, unknown>
  | FieldEdit<'service', ServiceFields, { readonly service: number }>
  | FieldEdit<'port', PortForm, { readonly service: number; readonly port: number }>
  | FieldEdit<'pod', PodForm, { readonly service: number; readonly pod: number }>
  | { readonly kind: 'addService' }
  | { readonly kind: 'removeService'; readonly service: number }
  | { readonly kind: 'addPort'; readonly service: number }
  | { readonly kind: 'removePort'; readonly service: number; readonly port: number }
  | { readonly kind: 'addPod'; readonly service: number }
  | { readonly kind: 'removePod'; readonly service: number; readonly pod: number };

const replaced = <T>(items: readonly T[], index: number, change: (item: T) => T): T[] =>
  items.map((item, i) => (i === index ? change(item) : item));
const removed = <T>(items: readonly T[], index: number): T[] => items.filter((_, i) => i !== index);

const editService = (form: EnvForm, index: number, change: (s: ServiceForm) => ServiceForm) => ({
  ...form,
  services: replaced(form.services, index, change),
});

/**
 * A pod's conditions as Kubernetes keeps them: a ready pod is serving and not terminating, and
 * a terminating one is not ready. Ticking one box sets what it implies, so that the form never
 * holds a pod the API server would not report.
 */
function withCondition(pod: PodForm, field: 'ready' | 'serving' | 'terminating', on: boolean) {
  const next = { ...pod, [field]: on };
  if (field === 'ready' && on) return { ...next, serving: true, terminating: false };
  if ((field === 'serving' && !on) || (field === 'terminating' && on))
    return { ...next, ready: false };
  return next;
}

/** A Service made NodePort or LoadBalancer needs node ports: ports without one get a free one. */
function withType(form: EnvForm, index: number, type: ServiceForm['type']): EnvForm {
  let out: EnvForm = {
    ...form,
    services: replaced(form.services, index, (s) => ({ ...s, type })),
  };
  if (type === 'ClusterIP') return out;
  const ports = out.services[index]?.ports ?? [];
  ports.forEach((port, j) => {
    if (port.nodePort.trim() !== '') return;
    const nodePort = freeNodePort(out);
    out = editService(out, index, (s) => ({
      ...s,
      ports: replaced(s.ports, j, (p) => ({ ...p, nodePort })),
    }));
  });
  return out;
}

/**
 * The form after `edit`; only the edited field (and what it implies) changes.
 *
 * @example
 *   applyEdit(form, { kind: 'pod', service: 0, pod: 2, field: 'ip', value: '172.17.0.9' });
 */
export function applyEdit(form: EnvForm, edit: EnvEdit): EnvForm {
  switch (edit.kind) {
    case 'node':
      return { ...form, node: { ...form.node, [edit.field]: edit.value } };
    case 'service':
      if (edit.field === 'type') return withType(form, edit.service, edit.value);
      return editService(form, edit.service, (s) => ({ ...s, [edit.field]: edit.value }));
    case 'port':
      return editService(form, edit.service, (s) => ({
        ...s,
        ports: replaced(s.ports, edit.port, (p) => ({ ...p, [edit.field]: edit.value })),
      }));
    case 'pod':
      return editService(form, edit.service, (s) => ({
        ...s,
        pods: replaced(s.pods, edit.pod, (pod) =>
          typeof edit.value === 'boolean'
            ? withCondition(pod, edit.field, edit.value)
            : { ...pod, [edit.field]: edit.value },
        ),
      }));
    case 'addService':
      return { ...form, services: [...form.services, newService(form)] };
    case 'removeService':
      return { ...form, services: removed(form.services, edit.service) };
    case 'addPort':
      return editService(form, edit.service, (s) => ({
        ...s,
        ports: [...s.ports, newPort(form, edit.service)],
      }));
    case 'removePort':
      return editService(form, edit.service, (s) => ({ ...s, ports: removed(s.ports, edit.port) }));
    case 'addPod':
      return editService(form, edit.service, (s) => ({
        ...s,
        pods: [...s.pods, newPod(form, edit.service)],
      }));
    case 'removePod':
      return editService(form, edit.service, (s) => ({ ...s, pods: removed(s.pods, edit.pod) }));
  }
}
