// Dockerfile rules (issue 3). Each module: metadata + check; see ../../rule.ts.
import type { RuleModule } from '../../rule';
import { addInsteadOfCopy } from './add-instead-of-copy';
import { cdInRun } from './cd-in-run';
import { chownLayer } from './chown-layer';
import { chownMismatch } from './chown-mismatch';
import { combineRun } from './combine-run';
import { copyChown } from './copy-chown';
import { dockerignore } from './dockerignore';
import { execForm } from './exec-form';
import { imageDigest } from './image-digest';
import { imageTag } from './image-tag';
import { multiStage } from './multi-stage';
import { packageCache } from './package-cache';
import { pipefail } from './pipefail';
import { secretInEnvArg } from './secret-in-env-arg';
import { relativeWorkdir } from './relative-workdir';
import { sudo } from './sudo';
import { updateAlone } from './update-alone';
import { userFixedUid } from './user-fixed-uid';
import { userMissing } from './user-missing';
import { userNumeric } from './user-numeric';
import { userRoot } from './user-root';
import { versionPinning } from './version-pinning';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const dockerRules: ReadonlyArray<RuleModule<any>> = [
  userMissing,
  userRoot,
  userNumeric,
  userFixedUid,
  copyChown,
  chownMismatch,
  chownLayer,
  imageTag,
  imageDigest,
  secretInEnvArg,
  multiStage,
  combineRun,
  packageCache,
  updateAlone,
  execForm,
  dockerignore,
  sudo,
  relativeWorkdir,
  cdInRun,
  pipefail,
  addInsteadOfCopy,
  versionPinning,
];
