import type { K8sRule } from '../../k8s/context';
import type { RawFix } from '../../rule';
import { renderEntries, type YamlValue } from '../../yaml/render';
import { templatedAt } from '../../k8s/rule-toolkit';
import {
  REPLICATED_KINDS,
  expectedScale,
  hpaFor,
  labelsText,
  pdbsCovering,
  podLabelsOf,
  replicasOf,
  spanOfObject,
  templatedNamespace,
  rolloutFor,
} from '../../k8s/workload-targets';
import { objectLabel } from '../../k8s/model';
import type { LabelSelector } from '../../k8s/selectors';
import { selectorText, selectorValue, workloadSelector } from '../../k8s/workload-selector';

export const pdbMissing: K8sRule = {
  meta: {
    id: 'k8s/pdb-missing',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description: 'A Deployment or StatefulSet with 2 or more replicas (or scaled by an HPA) has no PodDisruptionBudget in the workspace selecting its pods.',
    rationale:
      'Without a PodDisruptionBudget, `kubectl drain`, node upgrades and the cluster autoscaler evict every pod of ' +
      'a node at once; when all replicas sit on that node the service goes down (seed 002: "如果不设置任何明确的 ' +
      'PodDistruptionBuget，Pod 将会被直接杀死…这可能导致服务中断"). A PDB makes evictions wait until replacements are ready. ' +
      "The fix adds a policy/v1 PDB whose selector is the workload's own `spec.selector`, as the Kubernetes docs " +
      'advise, not its pod template labels: a label like `version: 1.2.3` there would leave the previous pods of a ' +
      'rolling update unprotected. It offers none when that selector cannot be read.',
    seeds: ['002', '004'],
    fixable: true,
    category: 'availability',
    fixKinds: {
      suggestion: 'A new PodDisruptionBudget constrains node drains.',
    },
    aliases: { polaris: ['missingPodDisruptionBudget'], kubeScore: ['deployment-has-poddisruptionbudget', 'statefulset-has-poddisruptionbudget'] },
  },
  crossDocument: true,
  check(context, report) {
    const { object, index } = context;
    if (!REPLICATED_KINDS.has(object.kind) || !context.workload || !object.name) return;
    if (templatedNamespace(object.namespace)) return;
    if (rolloutFor(context.index, object)) return; // an Argo Rollout runs these pods
    if (templatedAt(context.text, object.root, 'spec', 'replicas')) return;
    const hpa = hpaFor(index, object, context.path);
    const replicas = replicasOf(object.root);
    if (!hpa && (replicas === undefined || replicas === null || replicas < 2)) return;
    const labels = podLabelsOf(context);
    if (!labels || Object.keys(labels).length === 0) return;
    const { covering, unknown } = pdbsCovering(index, object.namespace, labels);
    if (covering.length > 0 || unknown) return;
    // A chart template that did not render may hold the PodDisruptionBudget.
    if (index.unparsedMayDefine('PodDisruptionBudget', undefined, context.path)) return;
    // The PDB selects what the workload's own selector selects: the pod labels may hold a version the old pods of a
    // rolling update lack. Without a known selector there is no fix (it would guess which pods to protect).
    const selector = workloadSelector(context, labels);

    const scale = expectedScale(index, { kind: object.kind, name: object.name, namespace: object.namespace, replicas });
    const maxUnavailable = scale && scale.count >= 4 ? '25%' : 1;
    const metadata: { [key: string]: YamlValue } = { name: `${object.name}-pdb` };
    if (object.namespace) metadata.namespace = object.namespace;
    const nameTaken = index.ofKind('PodDisruptionBudget', object.namespace).some((p) => p.name === `${object.name}-pdb`);
    const addPdb = (chosen: LabelSelector) => (): RawFix[] => {
      const pdb: { [key: string]: YamlValue } = {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata,
        spec: { maxUnavailable, selector: selectorValue(chosen) },
      };
      const text = context.text;
      const { eol } = context.editor.style;
      const at = text.length;
      const lead = text.length === 0 || text.endsWith('\n') ? '' : eol;
      const newText = `${lead}---${eol}${renderEntries(pdb, 0, context.editor.style)}${eol}`;
      return [{ title: `Add a PodDisruptionBudget (maxUnavailable: ${maxUnavailable})`, edits: [{ start: at, end: at, newText }] }];
    };
    const why = hpa ? `is scaled by ${objectLabel(hpa)}` : `runs ${replicas} replicas`;
    report({
      ...spanOfObject(context),
      message: `${objectLabel(object)} ${why} but no PodDisruptionBudget selects its pods (${
        selector ? `selector ${selectorText(selector)}` : `pod labels ${labelsText(labels)}`
      }): a node drain may evict them all at once.`,
      missing: true,
      fixes: nameTaken || !selector ? [] : addPdb(selector),
    });
  },
};
