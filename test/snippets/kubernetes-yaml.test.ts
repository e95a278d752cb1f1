// The Kubernetes snippets are offered in Kubernetes YAML only (client/src/kubernetesYaml.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isKubernetesYaml } from '../../client/src/kubernetesYaml';

describe('Kubernetes snippets: which YAML files', () => {
  it('offers them in manifests and in new, empty YAML files', () => {
    assert.equal(isKubernetesYaml('/w/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\n'), true);
    assert.equal(isKubernetesYaml('/w/new.yaml', ''), true);
    assert.equal(isKubernetesYaml('/w/new.yaml', '# manifests of the web tier\n'), true);
    assert.equal(isKubernetesYaml('/w/all.yaml', 'apiVersion: v1\nkind: Service\n---\ndep', 3), true, 'a new document after ---');
  });

  it('keeps them out of other YAML files', () => {
    assert.equal(isKubernetesYaml('/w/compose.yaml', ''), false);
    assert.equal(isKubernetesYaml('/w/docker-compose.prod.yml', ''), false);
    assert.equal(isKubernetesYaml('/w/.github/workflows/ci.yml', ''), false);
    assert.equal(isKubernetesYaml('/w/.harden.yaml', ''), false);
    assert.equal(isKubernetesYaml('/w/chart/values.yaml', ''), false);
    assert.equal(isKubernetesYaml('/w/config.yaml', 'server:\n  port: 8080\ndep', 2), false, 'a YAML file with other top-level keys');
  });
});
