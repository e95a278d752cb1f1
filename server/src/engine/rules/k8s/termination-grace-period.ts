import type { K8sRule } from '../../k8s/context';
import { containerLabel, type Container } from '../../k8s/model';
import { numberOf, valueOf } from '../../yaml/nodes';
import { fix, forEachContainer, spanOfNode, templatedAt } from '../../k8s/rule-toolkit';
import { isSidecar, preStopWait } from '../../k8s/probes';

export const DEFAULT_GRACE_SECONDS = 30;
/** Time left for the app's own SIGTERM handling after the preStop wait. */
export const SHUTDOWN_MARGIN_SECONDS = 15;

export const terminationGracePeriod: K8sRule = {
  meta: {
    id: 'k8s/termination-grace-period',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: "A preStop wait is as long as or longer than the pod's `terminationGracePeriodSeconds` (default 30).",
    rationale:
      'Seed 002: the grace-period timer starts together with preStop and does not wait for it to finish. A preStop ' +
      'sleep that uses up the grace period means the container never gets a useful SIGTERM: it is killed with SIGKILL ' +
      'right after the hook, with requests still in flight.',
    seeds: ['002'],
    fixable: true,
    category: 'availability',
    fixKinds: {
      suggestion: "A grace period is the owner's decision; raising it slows every rollout and drain.",
    },
  },
  check(context, report) {
    const workload = context.workload;
    if (!workload) return;
    if (templatedAt(context.text, workload.podSpec, 'terminationGracePeriodSeconds')) return;
    const graceNode = valueOf(workload.podSpec, 'terminationGracePeriodSeconds');
    const grace = graceNode === undefined || graceNode === null ? DEFAULT_GRACE_SECONDS : numberOf(graceNode);
    if (grace === undefined) return;
    const waits: Array<{ container: Container; seconds: number; node: import('yaml').Node }> = [];
    forEachContainer(context, (container) => {
      if (container.list === 'initContainers' && !isSidecar(container)) return;
      const wait = preStopWait(container);
      if (wait && wait.seconds >= grace) waits.push({ container, ...wait });
    });
    if (waits.length === 0) return;
    const target = Math.ceil(Math.max(...waits.map((w) => w.seconds))) + SHUTDOWN_MARGIN_SECONDS;
    const edits = context.editor.set(workload.podSpec, ['terminationGracePeriodSeconds'], target, {
      before: ['initContainers', 'containers'],
    });
    const graceText = graceNode === undefined || graceNode === null ? `the default ${DEFAULT_GRACE_SECONDS}` : String(grace);
    for (const wait of waits) {
      report({
        ...spanOfNode(wait.node),
        message: `The preStop hook of the ${containerLabel(wait.container)} waits ${wait.seconds} s, but terminationGracePeriodSeconds is ${graceText}: the app gets SIGKILL instead of a graceful SIGTERM.`,
        fixes: fix(`Raise terminationGracePeriodSeconds to ${target}`, edits),
      });
    }
  },
};
