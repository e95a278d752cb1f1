import type { K8sRule } from '../../k8s/context';
import { deprecationOf } from '../../k8s/api-versions';
import { isEmptySelector, readLabelSelector } from '../../k8s/selectors';
import { atLeast } from '../../k8s/versions';
import { mapAt, pairOf, scalarAt } from '../../yaml/nodes';
import { fix, spanOfNode, templatedAt } from '../../k8s/rule-toolkit';
import { unservedApiVersion, type Unserved } from '../../k8s/served-versions';
import type { K8sContext } from '../../k8s/context';
import type { RawFinding } from '../../rule';

export const deprecatedApiVersion: K8sRule = {
  meta: {
    id: 'k8s/deprecated-api-version',
    language: 'kubernetes',
    defaultSeverity: 'warning',
    description:
      'An apiVersion that is deprecated or not served for its kind: an error when the configured Kubernetes version does not serve it (removed, or never served by its built-in API group).',
    rationale:
      'Removed API versions make `kubectl apply` fail after a cluster upgrade ("no matches for kind"), usually in ' +
      'the middle of an incident or an upgrade window. The seed 002 demo still uses `autoscaling/v2beta2` for its HPA ' +
      '(removed in 1.26) and `policy/v1beta1` for its PDB example (removed in 1.25).',
    seeds: ['002'],
    fixable: true,
    category: 'hygiene',
    fixKinds: {
      safe: 'Renames the apiVersion only where the new version reads the object the same way (a selector is present, a PDB selector is not empty).',
    },
    aliases: { kubeLinter: ['no-extensions-v1beta'], kubeScore: ['stable-version'], trivy: ['KSV107'] },
  },
  check(context, report) {
    const { object, settings } = context;
    const deprecation = deprecationOf(object.apiVersion, object.kind);
    if (!deprecation) return reportUnserved(context, report);
    const version = settings.kubernetesVersion;
    if (!atLeast(version, deprecation.deprecatedIn)) return; // the target cluster has nothing better yet
    const removed = atLeast(version, deprecation.removedIn);
    const node = scalarAt(object.root, 'apiVersion');
    if (!node) return;
    const { replacement } = deprecation;
    let offerFix = !!replacement && deprecation.dropIn;
    // apps/v1 requires spec.selector; older versions defaulted it from the template labels.
    if (offerFix && replacement === 'apps/v1' && !pairOf(mapAt(object.root, 'spec'), 'selector')) offerFix = false;
    // policy/v1 reads an empty selector as "every pod of the namespace", v1beta1 as "no pod".
    if (offerFix && object.kind === 'PodDisruptionBudget') {
      const selector = readLabelSelector(mapAt(object.root, 'spec', 'selector'));
      if (!selector || isEmptySelector(selector)) offerFix = false;
    }
    const status = removed
      ? `was removed in Kubernetes ${deprecation.removedIn} (configured: ${version})`
      : `is deprecated since ${deprecation.deprecatedIn} and removed in ${deprecation.removedIn}`;
    const target = replacement ? `; use ${replacement}` : '';
    const note = deprecation.note ? ` (${deprecation.note})` : '';
    report({
      ...spanOfNode(node),
      severity: removed ? 'error' : 'warning',
      message: `${object.apiVersion} ${object.kind} ${status}${target}${note}.`,
      fixes: offerFix && replacement ? fix(`Use ${replacement}`, context.editor.replaceScalar(node, replacement)) : [],
    });
  },
};

/**
 * A built-in API group's apiVersion that does not serve the kind at the configured version (`policy/v1
 * PodSecurityPolicy`, `apps/v2 Deployment`, `v1 Ingress`): the API server has no such resource, `kubectl apply` fails
 * with "no matches for kind". Custom resources' groups are left to their CRDs.
 */
function reportUnserved(context: K8sContext, report: (finding: RawFinding) => void): void {
  const { object, settings } = context;
  const node = scalarAt(object.root, 'apiVersion');
  if (!node || typeof node.value !== 'string' || templatedAt(context.text, object.root, 'apiVersion') || templatedAt(context.text, object.root, 'kind')) return;
  const unserved = unservedApiVersion(object.apiVersion, object.kind, settings.kubernetesVersion);
  if (!unserved) return;
  report({
    ...spanOfNode(node),
    severity: 'error',
    message: `${object.apiVersion} ${object.kind} is not served by Kubernetes ${settings.kubernetesVersion} (configured): kubectl apply fails with "no matches for kind"; ${servedText(object.kind, unserved)}.`,
  });
}

function servedText(kind: string, { servedAs, asOf, removedIn, note }: Unserved): string {
  if (removedIn) return `no version serves ${kind} since Kubernetes ${removedIn}${note ? `; ${note}` : ''}`;
  if (servedAs.length === 0) return `no version serves ${kind}`;
  const list = servedAs.length === 1 ? servedAs[0] : `${servedAs.slice(0, -1).join(', ')} or ${servedAs[servedAs.length - 1]}`;
  return `${kind} is served as ${list}${asOf ? ` (in Kubernetes ${asOf})` : ''}`;
}
