// `.Capabilities.APIVersions` answers as a cluster of the target Kubernetes version would (what `helm install` asks):
// its built-in group versions and kinds, apiextensions.k8s.io and apiregistration.k8s.io included, versions it no
// longer serves left out. `helm template` answers from client-go's scheme (no apiregistration.k8s.io, removed betas
// kept): prometheus-adapter's APIService then took its v1beta1 branch, an error no 1.22+ cluster would ever see.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter, defaultApiVersions } from '../../server/src/engine';
import { loadChart, renderChart } from '../../server/src/engine/testing';
import { chartFileSystem } from './memoryChart';

const APISERVICE = `{{- if .Capabilities.APIVersions.Has "apiregistration.k8s.io/v1" }}
apiVersion: apiregistration.k8s.io/v1
{{- else }}
apiVersion: apiregistration.k8s.io/v1beta1
{{- end }}
kind: APIService
metadata:
  name: v1beta1.custom.metrics.k8s.io
spec:
  service:
    name: adapter
    namespace: default
  group: custom.metrics.k8s.io
  version: v1beta1
  groupPriorityMinimum: 100
  versionPriority: 100
`;

const HAS = `{{- range list "apiextensions.k8s.io/v1" "apiextensions.k8s.io/v1/CustomResourceDefinition" "apiextensions.k8s.io/v1beta1" "apiregistration.k8s.io/v1" "apiregistration.k8s.io/v1/APIService" "autoscaling/v2beta2" "policy/v1beta1" "policy/v1beta1/PodSecurityPolicy" "flowcontrol.apiserver.k8s.io/v1beta3" "monitoring.coreos.com/v1" }}
{{ . }}: {{ $.Capabilities.APIVersions.Has . }}
{{- end }}
`;

const files = {
  '/c/Chart.yaml': 'apiVersion: v2\nname: adapter\nversion: 1.0.0\n',
  '/c/values.yaml': '{}\n',
  '/c/templates/apiservice.yaml': APISERVICE,
  '/c/templates/has.txt': HAS,
};

function has(kubeVersion: string): Record<string, boolean> {
  const result = renderChart(loadChart(chartFileSystem(files), '/c')!, { releaseName: 'r', namespace: 'default', kubeVersion, userValues: [] });
  const text = result.templates.find((t) => t.path === 'templates/has.txt')!.output!.text;
  return Object.fromEntries([...text.matchAll(/^(\S+): (true|false)$/gm)].map((m) => [m[1], m[2] === 'true']));
}

describe('.Capabilities.APIVersions answers as a cluster of the target version', () => {
  it('1.32: apiextensions.k8s.io/v1 and apiregistration.k8s.io/v1 (and their kinds); no removed version; no custom resource', () => {
    assert.deepEqual(has('v1.32.0'), {
      'apiextensions.k8s.io/v1': true,
      'apiextensions.k8s.io/v1/CustomResourceDefinition': true,
      'apiextensions.k8s.io/v1beta1': false,
      'apiregistration.k8s.io/v1': true,
      'apiregistration.k8s.io/v1/APIService': true,
      'autoscaling/v2beta2': false,
      'policy/v1beta1': false,
      'policy/v1beta1/PodSecurityPolicy': false,
      'flowcontrol.apiserver.k8s.io/v1beta3': false,
      'monitoring.coreos.com/v1': false,
    });
  });

  it('an older target gets the versions it still served', () => {
    assert.deepEqual(has('v1.31.4'), { ...has('v1.32.0'), 'flowcontrol.apiserver.k8s.io/v1beta3': true });
    assert.deepEqual(has('v1.24.0'), {
      ...has('v1.32.0'),
      'autoscaling/v2beta2': true,
      'policy/v1beta1': true,
      'policy/v1beta1/PodSecurityPolicy': true,
      'flowcontrol.apiserver.k8s.io/v1beta3': true,
    });
    assert.equal(has('v1.21.0')['apiextensions.k8s.io/v1beta1'], true);
  });

  it('serves no beta or alpha group version at 1.32, only the GA ones a default cluster serves', () => {
    const groupVersions = defaultApiVersions('1.32').filter((v) => !/\/[A-Z]\w*$/.test(v));
    assert.deepEqual(
      groupVersions.filter((v) => /alpha|beta/.test(v)),
      [],
    );
    for (const gv of ['v1', 'apps/v1', 'batch/v1', 'autoscaling/v2', 'networking.k8s.io/v1', 'policy/v1', 'apiregistration.k8s.io/v1']) {
      assert.ok(groupVersions.includes(gv), gv);
    }
    assert.ok(defaultApiVersions('v1.20.0').includes('extensions/v1beta1/Ingress'));
    assert.ok(!defaultApiVersions('v1.20.0').includes('extensions/v1beta1/Deployment'), 'removed in 1.16');
  });

  it("prometheus-adapter's APIService renders as apiregistration.k8s.io/v1: no deprecated-API error", () => {
    const findings = new Linter({}, chartFileSystem(files)).lint({ path: '/c/templates/apiservice.yaml', text: APISERVICE }).findings;
    assert.deepEqual(
      findings.map((f) => f.ruleId),
      [],
    );
  });

  it('is a list of strings too: external-secrets\' `has "monitoring.coreos.com/v1/ServiceMonitor" .Capabilities.APIVersions`, range and len', () => {
    const template = `{{- if has "apps/v1" .Capabilities.APIVersions }}apps: yes{{ end }}
{{- if has "monitoring.coreos.com/v1/ServiceMonitor" .Capabilities.APIVersions }}
monitor: yes
{{- end }}
count: {{ len .Capabilities.APIVersions }}
first: {{ range $i, $v := .Capabilities.APIVersions }}{{ if eq $i 0 }}{{ $v }}{{ end }}{{ end }}
kind: {{ kindOf .Capabilities.APIVersions }}
`;
    const chart = { ...files, '/c/templates/has.txt': template };
    const result = renderChart(loadChart(chartFileSystem(chart), '/c')!, { releaseName: 'r', namespace: 'default', kubeVersion: 'v1.32.0', userValues: [] });
    const out = result.templates.find((t) => t.path === 'templates/has.txt')!;
    assert.equal(out.error, undefined, out.error?.message);
    const versions = defaultApiVersions('v1.32.0');
    assert.equal(out.output!.text, `apps: yes\ncount: ${versions.length}\nfirst: ${versions[0]}\nkind: slice\n`);
  });

  it('Sprig names the kind of what is not a list, as Helm prints it', () => {
    const chart = { ...files, '/c/templates/has.txt': '{{ has "a" (dict "a" 1) }}\n' };
    const result = renderChart(loadChart(chartFileSystem(chart), '/c')!, { releaseName: 'r', namespace: 'default', kubeVersion: 'v1.32.0', userValues: [] });
    assert.match(result.templates.find((t) => t.path === 'templates/has.txt')!.error!.message, /Cannot find has on type map$/);
  });
});
