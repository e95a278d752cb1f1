// Object annotations that switch rules off for one Kubernetes object (on the object or its pod template):
// ours (`harden.dev/ignore: "<id>,<id>"`) and the peers' (kube-linter, Polaris, Checkov, kube-score).
import { isScalar, type Node, type YAMLMap } from 'yaml';
import { toWorkload, type K8sObject } from '../k8s/model';
import { mapAt } from '../yaml/nodes';
import { rulesForAlias } from './aliases';

export const HARDEN_IGNORE_ANNOTATION = 'harden.dev/ignore';

export interface AnnotationSuppressions {
  all: boolean;
  ruleIds: Set<string>;
  /** Our own annotations, for reporting ids they name that suppress nothing. */
  own: Array<{ ruleIds: string[]; start: number; end: number }>;
}

export function annotationSuppressions(object: K8sObject, workloadKinds?: Record<string, string>): AnnotationSuppressions {
  const result: AnnotationSuppressions = { all: false, ruleIds: new Set(), own: [] };
  const maps = [mapAt(object.root, 'metadata', 'annotations')];
  const workload = toWorkload(object, workloadKinds);
  if (workload && workload.template !== object.root) maps.push(mapAt(workload.template, 'metadata', 'annotations'));
  for (const map of maps) if (map) read(map, result);
  return result;
}

function read(annotations: YAMLMap, out: AnnotationSuppressions): void {
  for (const pair of annotations.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const valueNode = pair.value as Node | null;
    const value = isScalar(valueNode) && valueNode.value !== null ? String(valueNode.value) : '';
    const add = (ids: string[]) => ids.forEach((id) => out.ruleIds.add(id));
    if (key === HARDEN_IGNORE_ANNOTATION) {
      const ids = value.split(/[\s,]+/).filter(Boolean);
      if (ids.length === 0) out.all = true;
      add(ids);
      const range = valueNode?.range ?? pair.key.range;
      if (range) out.own.push({ ruleIds: ids, start: range[0], end: range[1] });
    } else if (key.startsWith('ignore-check.kube-linter.io/')) {
      add(rulesForAlias('kubeLinter', key.slice('ignore-check.kube-linter.io/'.length)));
    } else if (key === 'polaris.fairwinds.com/exempt') {
      if (value.toLowerCase() === 'true') out.all = true;
    } else if (key.startsWith('polaris.fairwinds.com/') && key.endsWith('-exempt')) {
      if (value.toLowerCase() === 'true') add(rulesForAlias('polaris', key.slice('polaris.fairwinds.com/'.length, -'-exempt'.length)));
    } else if (/^checkov\.io\/skip\d*$/.test(key)) {
      add(rulesForAlias('checkov', value.split('=')[0]));
    } else if (key === 'kube-score/ignore') {
      add(value.split(',').flatMap((id) => rulesForAlias('kubeScore', id)));
    }
  }
}
