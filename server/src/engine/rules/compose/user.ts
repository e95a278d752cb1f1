import { isScalar } from 'yaml';
import { spanOfNode, spanOfService, suggestion, type ComposeRule, OWNER_DECIDES_FIX } from '../../compose/context';
import { folderOf } from '../../compose/build';
import { isInterpolated, ownsField } from '../../compose/model';

/** `root`, `0`, `root:x`, `0:0`: the user part names root. */
function isRootUser(user: string): boolean {
  const name = user.split(':')[0].trim();
  return name === 'root' || name === '0';
}

export const user: ComposeRule = {
  meta: {
    id: 'compose/user',
    language: 'compose',
    defaultSeverity: 'warning',
    description:
      'A Compose service runs as root: `user: root`/`0`, or no `user` while the Dockerfile it builds sets no non-root USER (info when only an image is named).',
    rationale:
      'A process running as root in the container is root on the host once it escapes, and can rewrite everything in ' +
      'the image. Seeds 000/001/004 switch to a non-root user; the same check as docker/user-missing and ' +
      'k8s/run-as-non-root, reading the Dockerfile a service builds (`build:`) to know its user.',
    seeds: ['000', '001', '004'],
    ...OWNER_DECIDES_FIX,
  },
  check(context, report) {
    for (const service of context.model.services) {
      const node = context.field(service, 'user');
      const dockerfile = context.dockerfile(service);
      const dockerfileUser = dockerfile?.user !== undefined && !isRootUser(dockerfile.user) ? dockerfile.user : undefined;
      if (isScalar(node) && node.value !== null && node.value !== '') {
        const value = String(node.value);
        if (isInterpolated(value) || !isRootUser(value)) continue;
        report({
          ...spanOfNode(node),
          message: `Service ${service.name} runs as root (user: ${value}).`,
          // Without `user:` the service runs as its Dockerfile's USER, which is known not to be root.
          fixes:
            dockerfileUser && ownsField(service, 'user')
              ? suggestion(`Remove user: ${value} (the Dockerfile runs as ${dockerfileUser})`, context.editor.removePair(service.node, 'user'))
              : [],
        });
        continue;
      }
      if (node !== undefined || context.isPartial(service)) continue;
      const build = context.build(service);
      if (dockerfile) {
        if (dockerfileUser || (dockerfile.user === undefined && dockerfile.baseUser === 'non-root')) continue;
        const where = build?.dockerfilePath ? relativeTo(folderOf(context.path), build.dockerfilePath) : 'dockerfile_inline';
        // `build.target`: what runs is that stage, whatever the file's last stage says.
        const built = build?.target ? `its target stage ${build.target} (${where})` : `its Dockerfile (${where})`;
        // A base image the Dockerfile cannot know (built elsewhere, a build argument) may set a user of its own.
        if (dockerfile.user === undefined && dockerfile.baseUser === 'unknown') {
          report({
            ...spanOfService(service),
            severity: 'info',
            message: `Service ${service.name} sets no user and ${built} has no USER: it runs as its base image's user, which is root unless the base image sets another.`,
            missing: true,
          });
          continue;
        }
        report({
          ...spanOfService(service),
          message: `Service ${service.name} runs as root: it sets no user and ${built} ends ${dockerfile.user ? `with USER ${dockerfile.user}` : 'without USER'}. Set a non-root USER in ${build?.target ? 'that stage' : 'the Dockerfile'} or user: here.`,
          missing: true,
        });
      } else if (!build) {
        report({
          ...spanOfService(service),
          severity: 'info',
          message: `Service ${service.name} sets no user: it runs as its image's default user, which is root unless the image chose another.`,
          missing: true,
        });
      }
    }
  },
};

/** `path` as seen from `folder` when inside it (`web/Dockerfile`), else as is. */
function relativeTo(folder: string, path: string): string {
  const prefix = `${folder.replace(/\\/g, '/').replace(/\/$/, '')}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}
