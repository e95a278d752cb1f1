import { isTemplated } from '../../yaml/templates';
import { isScalar } from 'yaml';
import type { K8sRule } from '../../k8s/context';
import { containerLabel } from '../../k8s/model';
import { mapAt, seqAt, valueOf } from '../../yaml/nodes';
import { forEachContainer, spanOfNode, templatedAt } from '../../k8s/rule-toolkit';
import { declaredPorts, probesOf } from '../../k8s/probes';

export const probePort: K8sRule = {
  meta: {
    id: 'k8s/probe-port',
    language: 'kubernetes',
    defaultSeverity: 'error',
    description: 'A probe uses a named port that the container does not declare, or a port it declares only for UDP or SCTP.',
    rationale:
      "The kubelet resolves a named probe port against the container's own `ports` list; a name it cannot find " +
      'makes every probe fail. A failing liveness probe restarts the container forever and a failing readiness probe ' +
      'keeps it out of the Service (seed 002: probes decide whether the pod gets traffic and whether it is killed). ' +
      'httpGet, tcpSocket and gRPC probes all connect over TCP: a port the container serves only over UDP never answers.',
    seeds: ['002'],
    fixable: false,
    category: 'availability',
  },
  check(context, report) {
    forEachContainer(context, (container) => {
      if (templatedAt(context.text, container.node, 'ports')) return;
      const ports = seqAt(container.node, 'ports');
      if (ports && ports.items.some((item) => !isScalar(item) && templatedAt(context.text, item, 'name'))) return;
      const declared = declaredPorts(container);
      const names = new Set(declared.flatMap((p) => (p.name ? [p.name] : [])));
      for (const { kind, probe } of probesOf(container)) {
        for (const handler of ['httpGet', 'tcpSocket', 'grpc']) {
          const port = valueOf(mapAt(probe, handler), 'port');
          if (!isScalar(port)) continue;
          const protocols = declared.filter((p) => p.name === port.value || (p.number !== undefined && p.number === Number(port.value))).map((p) => p.protocol);
          if (protocols.length > 0 && !protocols.includes('TCP')) {
            report({
              ...spanOfNode(port),
              message: `The ${kind} of the ${containerLabel(container)} connects over TCP to port ${String(port.value)}, which the container declares only for ${protocols[0]}: the probe always fails.`,
            });
            continue;
          }
          if (typeof port.value !== 'string') continue;
          const name = port.value;
          if (name === '' || /^\d+$/.test(name) || isTemplated(name)) continue;
          if (handler === 'grpc') {
            report({
              ...spanOfNode(port),
              message: `The ${kind} of the ${containerLabel(container)} uses the named port "${name}", but gRPC probes take a port number.`,
            });
          } else if (!names.has(name)) {
            report({
              ...spanOfNode(port),
              message: `The ${kind} of the ${containerLabel(container)} uses port "${name}", which the container does not declare.`,
            });
          }
        }
      }
    });
  },
};
