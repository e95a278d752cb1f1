// `image: {{ .Values.image.repository }}:{{ .Values.image.tag }}` with `tag: latest`: k8s/image-tag is about the tag,
// so its range is the tag's characters and the Helm mapping puts it on values.yaml's `tag:` line, quoted or not; a
// literal tag in the template is reported on the template.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter, type Finding } from '../../server/src/engine';
import { chartFileSystem } from './memoryChart';

const RULE = 'k8s/image-tag';
const VALUES = '/c/values.yaml';
const POD = '/c/templates/pod.yaml';
const VALUES_TEXT = 'image:\n  repository: busybox\n  tag: latest\n';

const chart = (image: string, values = VALUES_TEXT): Record<string, string> => ({
  '/c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
  [VALUES]: values,
  [POD]: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: app\n      image: ${image}\n`,
});

function imageTagFindings(files: Record<string, string>, path: string): Finding[] {
  return new Linter({}, chartFileSystem(files)).lint({ path, text: files[path] }).findings.filter((f) => f.ruleId === RULE);
}

describe('Helm: k8s/image-tag on "latest" lands where the tag is written', () => {
  for (const [form, image] of [
    ['unquoted', '{{ .Values.image.repository }}:{{ .Values.image.tag }}'],
    ['double-quoted', '"{{ .Values.image.repository }}:{{ .Values.image.tag }}"'],
    ['single-quoted', "'{{ .Values.image.repository }}:{{ .Values.image.tag }}'"],
  ]) {
    it(`${form}: on values.yaml's tag line, over "latest"`, () => {
      const files = chart(image);
      const [finding, ...more] = imageTagFindings(files, VALUES);
      assert.ok(finding, 'reported on values.yaml');
      assert.equal(more.length, 0);
      assert.deepEqual(finding.range.start, { line: 2, character: 7 });
      assert.deepEqual(finding.range.end, { line: 2, character: 13 });
      assert.equal(imageTagFindings(files, POD).length, 0, 'not also on the template');
    });
  }

  it('a literal tag in the template: on the template, over "latest"', () => {
    const files = chart('"{{ .Values.image.repository }}:latest"');
    const [finding] = imageTagFindings(files, POD);
    assert.ok(finding, 'reported on the template');
    const line = files[POD].split('\n')[7];
    assert.deepEqual(finding.range.start, { line: 7, character: line.indexOf('latest') });
    assert.equal(imageTagFindings(files, VALUES).length, 0);
  });
});
