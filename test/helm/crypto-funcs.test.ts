// Sprig's key and certificate generators: random in Helm, so placeholders of the same shape here; a chart that makes
// its own TLS secret (Bitnami's genCA) renders instead of failing with `function "genCA" not defined`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter } from '../../server/src/engine';
import { loadChart, renderChart } from '../../server/src/engine/testing';
import { chartFileSystem } from './memoryChart';

const SECRET = `{{- $ca := genCA "web-ca" 365 }}
{{- $cert := genSignedCert "web" (list "10.0.0.1") (list "web.default.svc") 365 $ca }}
{{- $self := genSelfSignedCertWithKey "self" nil nil 30 (genPrivateKey "ecdsa") }}
apiVersion: v1
kind: Secret
metadata:
  name: web-tls
type: kubernetes.io/tls
data:
  tls.crt: {{ $cert.Cert | b64enc }}
  tls.key: {{ $cert.Key | b64enc }}
  ca.crt: {{ $ca.Cert | b64enc }}
stringData:
  self.key: {{ $self.Key | quote }}
  auth: {{ htpasswd "admin" "secret" | quote }}
  unknown: {{ genPrivateKey "rsa4096" | quote }}
`;

const files = {
  '/c/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
  '/c/values.yaml': '{}\n',
  '/c/templates/secret.yaml': SECRET,
};

describe('Sprig crypto functions', () => {
  it('render PEM-shaped placeholders: a certificate has .Cert and .Key, WithKey keeps the key given', () => {
    const chart = loadChart(chartFileSystem(files), '/c')!;
    const result = renderChart(chart, { releaseName: 'r', namespace: 'default', kubeVersion: 'v1.32.0', userValues: [] });
    const [template] = result.templates;
    assert.equal(template.error, undefined);
    const text = template.output!.text;
    const decoded = (key: string) => atob(new RegExp(`${key}: (\\S+)`).exec(text)![1]);
    assert.match(decoded('tls.crt'), /^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
    assert.match(decoded('tls.key'), /^-----BEGIN RSA PRIVATE KEY-----/);
    assert.match(text, /self\.key: "-----BEGIN EC PRIVATE KEY-----/);
    assert.match(text, /auth: "admin:\$2a\$10\$/);
    assert.match(text, /unknown: "Unknown type rsa4096"/);
  });

  it('the rendered Secret is linted like any other (no render error)', () => {
    const findings = new Linter({}, chartFileSystem(files)).lint({ path: '/c/templates/secret.yaml', text: SECRET }).findings;
    assert.deepEqual(
      findings.filter((f) => f.ruleId === 'helm/render-error'),
      [],
    );
  });
});
