import type { K8sRule } from '../../k8s/context';
import { containerLabel } from '../../k8s/model';
import { numberOf, pairOf, valueOf } from '../../yaml/nodes';
import type { YamlValue } from '../../yaml/render';
import { fix, forEachContainer, spanOfNode } from '../../k8s/rule-toolkit';
import { PROBE_HANDLERS, toYamlValue } from '../../k8s/probes';

/** A liveness delay from this many seconds on is a slow start better expressed as a startupProbe. */
export const SLOW_START_SECONDS = 30;
const DEFAULT_PERIOD_SECONDS = 10;

export const startupProbe: K8sRule = {
  meta: {
    id: 'k8s/startup-probe',
    language: 'kubernetes',
    defaultSeverity: 'info',
    description: `A livenessProbe with \`initialDelaySeconds\` >= ${SLOW_START_SECONDS} and no \`startupProbe\`.`,
    rationale:
      'A long `initialDelaySeconds` on the liveness probe is the pre-1.18 way to survive a slow start: the app is ' +
      'assumed healthy for that whole time, even when it hangs, and a start that takes longer gets it killed. Seed 002: ' +
      'the startupProbe "is more flexible than the livenessProbe\'s initialDelaySeconds" - liveness and readiness only ' +
      'start once it passes, and the app gets up to `failureThreshold * periodSeconds` to start.',
    seeds: ['002'],
    fixable: true,
    category: 'availability',
    fixKinds: {
      suggestion: 'Changes how long a container may take to start before it is restarted.',
    },
  },
  check(context, report) {
    forEachContainer(context, (container) => {
      const liveness = valueOf(container.node, 'livenessProbe');
      if (!liveness || !('items' in liveness) || pairOf(container.node, 'startupProbe')) return;
      const probe = liveness as import('yaml').YAMLMap;
      const delayNode = valueOf(probe, 'initialDelaySeconds');
      const delay = numberOf(delayNode);
      if (delay === undefined || delay < SLOW_START_SECONDS || !delayNode) return;
      const periodNode = valueOf(probe, 'periodSeconds');
      const period = numberOf(periodNode) ?? DEFAULT_PERIOD_SECONDS;
      const label = containerLabel(container);
      let edits;
      const handlerKey = PROBE_HANDLERS.find((h) => pairOf(probe, h));
      const handler = handlerKey ? toYamlValue(valueOf(probe, handlerKey)) : undefined;
      if (handlerKey && handler !== undefined && period > 0) {
        const startup: { [key: string]: YamlValue } = { [handlerKey]: handler };
        if (numberOf(periodNode) !== undefined) startup.periodSeconds = period;
        startup.failureThreshold = Math.ceil(delay / period);
        const add = context.editor.set(container.node, ['startupProbe'], startup, { before: ['livenessProbe'] });
        const remove = context.editor.removePair(probe, 'initialDelaySeconds');
        if (add && remove) edits = [...add, ...remove];
      }
      report({
        ...spanOfNode(delayNode),
        message: `The livenessProbe of the ${label} waits initialDelaySeconds: ${delay} instead of using a startupProbe.`,
        fixes: fix('Convert the delay into a startupProbe', edits),
      });
    });
  },
};
