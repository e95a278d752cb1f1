// Docker Compose rules: the Dockerfile and Pod hardening checks, for services run by Compose.
import type { ComposeRule } from '../../compose/context';
import { capAdd } from './cap-add';
import { dockerSocket } from './docker-socket';
import { hostNamespaces } from './host-namespaces';
import { noNewPrivileges } from './no-new-privileges';
import { privileged } from './privileged';
import { readOnly } from './read-only';
import { secretInEnv } from './secret-in-env';
import { user } from './user';

export const composeRules: ReadonlyArray<ComposeRule> = [privileged, capAdd, hostNamespaces, dockerSocket, user, noNewPrivileges, readOnly, secretInEnv];
