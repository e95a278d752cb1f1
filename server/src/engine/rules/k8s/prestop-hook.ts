import type { K8sRule } from '../../k8s/context';
import { containerLabel, type Container } from '../../k8s/model';
import { atLeast } from '../../k8s/versions';
import type { ObjectSummary } from '../../k8s/workspace-index';
import { mapAt, numberOf, pairOf, valueOf } from '../../yaml/nodes';
import type { YamlValue } from '../../yaml/render';
import { fix, spanOfContainer, templatedAt } from '../../k8s/rule-toolkit';
import { forEachServingContainer } from '../../k8s/probes';
import { serviceTraffic } from '../../k8s/service-traffic';

/** The seed's wait: long enough for the endpoint removal to reach every proxy. */
export const PRESTOP_WAIT_SECONDS = 15;
/** The `sleep` lifecycle action is on by default (beta) from this version. */
export const SLEEP_ACTION_VERSION = '1.30';

export function preStopWaitValue(kubernetesVersion: string, seconds = PRESTOP_WAIT_SECONDS): YamlValue {
  return atLeast(kubernetesVersion, SLEEP_ACTION_VERSION) ? { sleep: { seconds } } : { exec: { command: ['/bin/sh', '-c', `sleep ${seconds}`] } };
}

export const prestopHook: K8sRule = {
  crossDocument: true,
  meta: {
    id: 'k8s/prestop-hook',
    language: 'kubernetes',
    defaultSeverity: 'info',
    description: 'A container of a workload selected by a Service has no `lifecycle.preStop` hook.',
    rationale:
      'When a pod terminates, its removal from the Service endpoints and the SIGTERM to its containers happen at the ' +
      'same time. Seed 002: an app that exits at once cuts off requests in flight (502), and proxies that have not ' +
      'yet seen the endpoint removal keep sending requests to a dead pod (504). The usual fix is a 15 s wait in ' +
      'preStop: the pod is already out of the endpoints, so no new request arrives, and the ones in flight finish.',
    seeds: ['002'],
    fixable: true,
    category: 'availability',
    fixKinds: {
      suggestion: 'A preStop wait delays every shutdown and needs a sleep the image may not have.',
    },
  },
  check(context, report) {
    const workload = context.workload;
    if (!workload) return;
    // An explicit grace period no longer than the wait is the owner's call for fast shutdowns: adding a wait
    // would mean overriding it.
    const grace = numberOf(valueOf(workload.podSpec, 'terminationGracePeriodSeconds'));
    if (grace !== undefined && grace <= PRESTOP_WAIT_SECONDS) return;
    const serving: Array<{ container: Container; service: ObjectSummary }> = [];
    forEachServingContainer(context, (container) => {
      // A headless Service that publishes not-ready addresses (a gossip ring's peer discovery) keeps a terminating pod
      // in its endpoints, ready, until the pod is gone, and no proxy balances it: there is no removal for a wait to let
      // spread. A plain headless Service drops the pod from DNS at termination, as any Service does: it counts.
      const traffic = serviceTraffic(context, workload, container, (service) => !service.listsTerminatingPods);
      if (traffic.kind === 'served') serving.push({ container, service: traffic.service });
    });
    for (const { container, service } of serving) {
      if (pairOf(mapAt(container.node, 'lifecycle'), 'preStop')) continue;
      // `preStop` directly under the container is k8s/misplaced-field's finding (its fix moves it).
      if (pairOf(container.node, 'preStop') || templatedAt(context.text, container.node, 'lifecycle', 'preStop')) continue;
      report({
        ...spanOfContainer(container),
        message: `The ${containerLabel(container)} is behind Service "${service.name ?? '?'}" but has no preStop hook: requests in flight fail while it shuts down.`,
        missing: true,
        fixes: () =>
          fix(
            `Add a ${PRESTOP_WAIT_SECONDS} s preStop wait`,
            context.editor.set(container.node, ['lifecycle', 'preStop'], preStopWaitValue(context.settings.kubernetesVersion)),
          ),
      });
    }
  },
};
