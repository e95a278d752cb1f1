// The alpha seccomp annotations that set a profile before the `seccompProfile` field (GA in Kubernetes 1.19).
//
// - 1.19 to 1.26: on pod create the API server copies an annotation into the field it stands for when that field
//   is unset (pkg/registry/core/pod/strategy.go `applySeccompVersionSkew`, pkg/api/pod/util.go
//   `SeccompFieldForAnnotation`): the pod annotation into `spec.securityContext.seccompProfile`, the annotation
//   `container.seccomp.security.alpha.kubernetes.io/<name>` into that container's. Admission (Pod Security
//   included) then sees the field. The kubelet honoured the annotations itself until 1.24 (kubernetes PR #109819
//   made them partly non-functional in 1.25: kubelets and static pods ignore them, the API still copies them).
// - 1.27 and later: no copy any more (kubernetes PR #114947): the annotations have no effect. The validation that
//   an annotation and the field, when both are set at the same level, name the same profile stays
//   (pkg/apis/core/validation/validation.go `validateSeccompAnnotationsAndFieldsMatch`).
import { isScalar, type Scalar } from 'yaml';
import type { Container, Workload } from './model';
import { atLeast } from './versions';
import { mapAt, pairOf } from '../yaml/nodes';

export const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
export const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
/** The first release whose API server no longer copies the annotations to the field (kubernetes PR #114947). */
export const SECCOMP_ANNOTATIONS_REMOVED = '1.27';

export type SeccompType = 'RuntimeDefault' | 'Localhost' | 'Unconfined';

export interface SeccompAnnotation {
  key: string;
  /** The value node; not a scalar when the value is not a plain string. */
  node: Scalar;
  /** The value as written (`runtime/default`, …); undefined when it is not a string. */
  value: string | undefined;
  /** The field type the API server copied it to; undefined for a value it did not copy (`SeccompFieldForAnnotation` nil). */
  type: SeccompType | undefined;
}

/** The annotations still set a profile at this target version (before 1.27). */
export function seccompAnnotationsTakeEffect(kubernetesVersion: string): boolean {
  return !atLeast(kubernetesVersion, SECCOMP_ANNOTATIONS_REMOVED);
}

/** pkg/api/pod/util.go `SeccompFieldForAnnotation`. */
export function seccompTypeOfAnnotation(value: string): SeccompType | undefined {
  if (value === 'unconfined') return 'Unconfined';
  if (value === 'runtime/default' || value === 'docker/default') return 'RuntimeDefault';
  if (value.startsWith('localhost/') && value.length > 'localhost/'.length) return 'Localhost';
  return undefined;
}

/** An annotation value the field `type: RuntimeDefault` may sit next to (`validateSeccompAnnotationsAndFieldsMatch`). */
export function matchesRuntimeDefault(annotation: SeccompAnnotation): boolean {
  return annotation.value === 'runtime/default' || annotation.value === 'docker/default';
}

/** The pod's annotation (`container` undefined) or the container's, as written on the pod (template) metadata. */
export function seccompAnnotation(workload: Workload, container?: Container): SeccompAnnotation | undefined {
  if (container && !container.name) return undefined;
  const key = container ? SECCOMP_CONTAINER_ANNOTATION_PREFIX + container.name : SECCOMP_POD_ANNOTATION;
  const pair = pairOf(mapAt(workload.template, 'metadata', 'annotations'), key);
  if (!pair || !isScalar(pair.value) || pair.value.value === null) return undefined;
  const node = pair.value;
  const value = typeof node.value === 'string' ? node.value : undefined;
  return { key, node, value, type: value === undefined ? undefined : seccompTypeOfAnnotation(value) };
}
