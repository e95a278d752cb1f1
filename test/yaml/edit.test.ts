// Direct tests of YamlEditor: every edit is minimal (the rest of the text byte-identical), keeps the file's
// indentation, sequence style and line endings, and keeps comments.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMap, isSeq, parseDocument, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import { applyOffsetEdits, mapAt, type OffsetEdit } from '../../server/src/engine';
import { YamlEditor, seqAt } from '../../server/src/engine/testing';

function editorFor(text: string): { editor: YamlEditor; root: YAMLMap } {
  const doc = parseDocument(text) as Document.Parsed;
  assert.deepEqual(doc.errors, []);
  assert.ok(isMap(doc.contents));
  return { editor: new YamlEditor(text, doc), root: doc.contents };
}

function map(root: YAMLMap, ...path: string[]): YAMLMap {
  const found = path.length === 0 ? root : mapAt(root, ...path);
  assert.ok(found, `map at ${path.join('.')}`);
  return found;
}

function seq(root: YAMLMap, ...path: string[]): YAMLSeq {
  const found = seqAt(root, ...path);
  assert.ok(isSeq(found), `sequence at ${path.join('.')}`);
  return found;
}

function apply(text: string, edits: OffsetEdit[] | undefined): string {
  assert.ok(edits, 'the editor should be able to make this edit');
  const out = applyOffsetEdits(text, edits);
  assert.deepEqual(parseDocument(out).errors, [], `result must parse:\n${out}`);
  return out;
}

describe('YamlEditor.set', () => {
  it('creates the missing nested maps at the end of a block map', () => {
    const text = 'spec:\n  containers:\n  - name: app\n    image: app:1  # pinned\n';
    const { editor, root } = editorFor(text);
    const container = seq(root, 'spec', 'containers').items[0] as YAMLMap;
    assert.equal(
      apply(text, editor.set(container, ['securityContext', 'capabilities', 'drop'], ['ALL'])),
      'spec:\n  containers:\n  - name: app\n    image: app:1  # pinned\n    securityContext:\n      capabilities:\n        drop:\n        - ALL\n',
    );
  });

  it('inserts before the first `before` key the map has, above the comment lines attached to it', () => {
    const text = 'spec:\n  replicas: 2\n  # main containers\n  containers:\n  - name: app\n';
    const { editor, root } = editorFor(text);
    assert.equal(
      apply(text, editor.set(map(root, 'spec'), ['securityContext', 'runAsNonRoot'], true, { before: ['containers'] })),
      'spec:\n  replicas: 2\n  securityContext:\n    runAsNonRoot: true\n  # main containers\n  containers:\n  - name: app\n',
    );
  });

  it('extends an existing nested map', () => {
    const text = 'a:\n  b:\n    c: 1\n  d: 2\n';
    const { editor, root } = editorFor(text);
    assert.equal(apply(text, editor.set(root, ['a', 'b', 'e'], 'x')), 'a:\n  b:\n    c: 1\n    e: x\n  d: 2\n');
  });

  it('replaces an existing scalar in place, keeping its comment', () => {
    const text = 'a:\n  b: false # why\n';
    const { editor, root } = editorFor(text);
    assert.equal(apply(text, editor.set(root, ['a', 'b'], true)), 'a:\n  b: true # why\n');
  });

  it('creates nested maps inside a flow map, and in an empty one', () => {
    const text = 'a: {x: 1}\nb: {}\n';
    const { editor, root } = editorFor(text);
    assert.equal(apply(text, editor.set(root, ['a', 'c', 'd'], true)), 'a: {x: 1, c: {d: true}}\nb: {}\n');
    assert.equal(apply(text, editor.set(root, ['b', 'c', 'd'], true)), 'a: {x: 1}\nb: {c: {d: true}}\n');
  });

  it('fills in a null value written `key:` or `key: ~`', () => {
    const text = 'a:\n  b:\n  c: ~\n  d: 1\n';
    const { editor, root } = editorFor(text);
    assert.equal(apply(text, editor.set(root, ['a', 'b', 'x'], 1)), 'a:\n  b:\n    x: 1\n  c: ~\n  d: 1\n');
    assert.equal(apply(text, editor.set(root, ['a', 'c', 'x'], 1)), 'a:\n  b:\n  c:\n    x: 1\n  d: 1\n');
    assert.equal(apply(text, editor.set(root, ['a', 'b'], 'v')), 'a:\n  b: v\n  c: ~\n  d: 1\n');
  });

  it('refuses to overwrite a scalar with a map', () => {
    const { editor, root } = editorFor('a: 1\n');
    assert.equal(editor.set(root, ['a', 'b'], 1), undefined);
  });

  it('quotes strings that would otherwise change type', () => {
    const text = 'a:\n  b: 1\n';
    const { editor, root } = editorFor(text);
    assert.equal(apply(text, editor.set(root, ['a', 'c'], 'true')), 'a:\n  b: 1\n  c: "true"\n');
    assert.equal(apply(text, editor.set(root, ['a', 'c'], '0755')), 'a:\n  b: 1\n  c: "0755"\n');
  });

  it('uses 4-space indentation and CRLF when the file does', () => {
    const text = 'spec:\r\n    containers:\r\n        - name: app\r\n          image: app:1\r\n';
    const { editor, root } = editorFor(text);
    const container = seq(root, 'spec', 'containers').items[0] as YAMLMap;
    assert.equal(
      apply(text, editor.set(container, ['securityContext', 'allowPrivilegeEscalation'], false)),
      'spec:\r\n    containers:\r\n        - name: app\r\n          image: app:1\r\n          securityContext:\r\n              allowPrivilegeEscalation: false\r\n',
    );
  });

  it('adds to a map whose last line has no line break', () => {
    const text = 'a:\n  b: 1';
    const { editor, root } = editorFor(text);
    assert.equal(apply(text, editor.set(root, ['a', 'c'], 2)), 'a:\n  b: 1\n  c: 2');
  });
});

describe('YamlEditor.merge', () => {
  it('adds only the missing entries, in one insertion', () => {
    const text = 'spec:\n  securityContext:\n    fsGroup: 2000 # shared volume\n  containers: []\n';
    const { editor, root } = editorFor(text);
    const edits = editor.merge(map(root, 'spec'), ['securityContext'], { runAsUser: 1, fsGroup: 1, runAsGroup: 1 });
    assert.equal(edits?.length, 1);
    assert.equal(apply(text, edits), 'spec:\n  securityContext:\n    fsGroup: 2000 # shared volume\n    runAsUser: 1\n    runAsGroup: 1\n  containers: []\n');
  });

  it('creates the map where missing, honouring `before`', () => {
    const text = 'spec:\n  containers: []\n';
    const { editor, root } = editorFor(text);
    assert.equal(
      apply(text, editor.merge(map(root, 'spec'), ['securityContext'], { a: 1, b: 2 }, { before: ['containers'] })),
      'spec:\n  securityContext:\n    a: 1\n    b: 2\n  containers: []\n',
    );
  });

  it('merges into a flow map and returns no edit when nothing is missing', () => {
    const text = 'sc: {a: 1}\n';
    const { editor, root } = editorFor(text);
    assert.equal(apply(text, editor.merge(root, ['sc'], { a: 5, b: 2 })), 'sc: {a: 1, b: 2}\n');
    assert.deepEqual(editor.merge(root, ['sc'], { a: 5 }), []);
  });
});

describe('YamlEditor.addToSeq', () => {
  it('appends to a flush block sequence, after its last item and before trailing comments', () => {
    const text = 'drop:\n# why\n- NET_RAW\n# - ALL\nother: 1\n';
    const { editor, root } = editorFor(text);
    assert.equal(apply(text, editor.addToSeq(root, ['drop'], 'ALL')), 'drop:\n# why\n- NET_RAW\n- ALL\n# - ALL\nother: 1\n');
  });

  it('appends to an indented block sequence', () => {
    const text = 'a:\n  drop:\n    - NET_RAW\n  b: 1\n';
    const { editor, root } = editorFor(text);
    assert.equal(apply(text, editor.addToSeq(root, ['a', 'drop'], 'ALL')), 'a:\n  drop:\n    - NET_RAW\n    - ALL\n  b: 1\n');
  });

  it('appends a map item, aligned with the existing ones', () => {
    const text = 'volumes:\n- name: a\n  emptyDir: {}\n';
    const { editor, root } = editorFor(text);
    assert.equal(
      apply(text, editor.addToSeq(root, ['volumes'], { name: 'tmp', emptyDir: {} })),
      'volumes:\n- name: a\n  emptyDir: {}\n- name: tmp\n  emptyDir: {}\n',
    );
  });

  it('appends to flow sequences, empty or not', () => {
    const text = 'a: [NET_RAW]\nb: []\nc: [ X ]\n';
    const { editor, root } = editorFor(text);
    assert.equal(apply(text, editor.addToSeq(root, ['a'], 'ALL')), 'a: [NET_RAW, ALL]\nb: []\nc: [ X ]\n');
    assert.equal(apply(text, editor.addToSeq(root, ['b'], 'ALL')), 'a: [NET_RAW]\nb: [ALL]\nc: [ X ]\n');
    assert.equal(apply(text, editor.addToSeq(root, ['c'], 'ALL')), 'a: [NET_RAW]\nb: []\nc: [ X, ALL ]\n');
  });

  it('appends to a flow sequence with a trailing comma', () => {
    const text = 'c: [X, ]\n';
    const { editor, root } = editorFor(text);
    assert.equal(apply(text, editor.addToSeq(root, ['c'], 'ALL')), 'c: [X, ALL]\n');
  });

  it("creates a missing sequence (and its parents) in the file's sequence style", () => {
    const flush = 'a:\n  list:\n  - x\n  b: 1\n';
    const f = editorFor(flush);
    assert.equal(apply(flush, f.editor.addToSeq(f.root, ['a', 'c', 'drop'], 'ALL')), 'a:\n  list:\n  - x\n  b: 1\n  c:\n    drop:\n    - ALL\n');
    const indented = 'a:\n  list:\n    - x\n  b: 1\n';
    const i = editorFor(indented);
    assert.equal(apply(indented, i.editor.addToSeq(i.root, ['a', 'c', 'drop'], 'ALL')), 'a:\n  list:\n    - x\n  b: 1\n  c:\n    drop:\n      - ALL\n');
  });

  it("fills in a null sequence, in the file's sequence style", () => {
    const text = 'a:\n  list:\n  - x\n  drop:\n  b: 1\n';
    const { editor, root } = editorFor(text);
    assert.equal(apply(text, editor.addToSeq(root, ['a', 'drop'], 'ALL')), 'a:\n  list:\n  - x\n  drop:\n  - ALL\n  b: 1\n');
    const none = 'a:\n  drop: ~\n  b: 1\n';
    const n = editorFor(none);
    assert.equal(
      apply(none, n.editor.addToSeq(n.root, ['a', 'drop'], 'ALL')),
      'a:\n  drop:\n    - ALL\n  b: 1\n',
      'indented when the file has no sequence to learn from',
    );
  });

  it('refuses when the value is a scalar', () => {
    const { editor, root } = editorFor('drop: ALL\n');
    assert.equal(editor.addToSeq(root, ['drop'], 'X'), undefined);
  });

  it('new items copy the `-   ` dash padding of the file', () => {
    const text = 'list:\n-   name: a\n    image: b\nother:\n-   x\n';
    const { editor, root } = editorFor(text);
    assert.equal(
      apply(text, editor.addToSeq(root, ['list'], { name: 'c', image: 'd' })),
      'list:\n-   name: a\n    image: b\n-   name: c\n    image: d\nother:\n-   x\n',
    );
  });

  it("an appended item matches its siblings' dash padding", () => {
    const text = 'a:\n-   name: x\n    v: 1\nb:\n-   name: y\n    v: 2\ndrop:\n- NET_RAW\n';
    const { editor, root } = editorFor(text);
    assert.equal(apply(text, editor.addToSeq(root, ['drop'], 'ALL')), 'a:\n-   name: x\n    v: 1\nb:\n-   name: y\n    v: 2\ndrop:\n- NET_RAW\n- ALL\n');
  });

  it('keeps 4-space indentation and CRLF', () => {
    const text = 'a:\r\n    drop:\r\n        - NET_RAW\r\n';
    const { editor, root } = editorFor(text);
    assert.equal(apply(text, editor.addToSeq(root, ['a', 'drop'], 'ALL')), 'a:\r\n    drop:\r\n        - NET_RAW\r\n        - ALL\r\n');
  });
});

describe('YamlEditor.removePair', () => {
  it('removes a pair on its own line', () => {
    const text = 'spec:\n  hostNetwork: true\n  containers: []\n';
    const { editor, root } = editorFor(text);
    assert.equal(apply(text, editor.removePair(map(root, 'spec'), 'hostNetwork')), 'spec:\n  containers: []\n');
  });

  it('keeps a trailing comment of the removed line on its own line', () => {
    const text = 'spec:\n  hostPID: true  # debugging only\n  containers: []\n';
    const { editor, root } = editorFor(text);
    assert.equal(apply(text, editor.removePair(map(root, 'spec'), 'hostPID')), 'spec:\n  # debugging only\n  containers: []\n');
  });

  it('removes a multi-line value, keeping the comments inside it', () => {
    const text = 'caps:\n  add:  # for ntp\n  - SYS_TIME\n  drop:\n  - ALL\n';
    const { editor, root } = editorFor(text);
    assert.equal(apply(text, editor.removePair(map(root, 'caps'), 'add')), 'caps:\n  # for ntp\n  drop:\n  - ALL\n');
  });

  it('removes the last pair of the document', () => {
    const text = 'a: 1\nb: 2\n';
    const { editor, root } = editorFor(text);
    assert.equal(apply(text, editor.removePair(root, 'b')), 'a: 1\n');
  });

  it('`- key: v` as the first entry of a sequence item: the next key moves up behind the dash', () => {
    const text = 'items:\n- hostPath: /x\n  name: a\n';
    const { editor, root } = editorFor(text);
    const item = seq(root, 'items').items[0] as YAMLMap;
    assert.equal(apply(text, editor.removePair(item, 'hostPath')), 'items:\n- name: a\n');
  });

  it('`- key:` with a nested value as the first entry, and the comment lines about the next key', () => {
    const text = 'items:\n- hostPath:\n    path: /x\n  name: a\nspec:\n  b:\n  - x\n  # about c\n  c: 1\n';
    const { editor, root } = editorFor(text);
    const item = seq(root, 'items').items[0] as YAMLMap;
    assert.equal(apply(text, editor.removePair(item, 'hostPath')), 'items:\n- name: a\nspec:\n  b:\n  - x\n  # about c\n  c: 1\n');
    assert.equal(apply(text, editor.removePair(map(root, 'spec'), 'b')), 'items:\n- hostPath:\n    path: /x\n  name: a\nspec:\n  # about c\n  c: 1\n');
  });

  it('refuses the `- key: v` case when a comment sits between the key and the next one (it would be lost)', () => {
    const text = 'items:\n- hostPath: /x # why\n  name: a\n';
    const { editor, root } = editorFor(text);
    assert.equal(editor.removePair(seq(root, 'items').items[0] as YAMLMap, 'hostPath'), undefined);
  });

  it('removes from a flow map, first, middle and last', () => {
    const text = 'm: {a: 1, b: 2, c: 3}\n';
    const { editor, root } = editorFor(text);
    const m = map(root, 'm');
    assert.equal(apply(text, editor.removePair(m, 'a')), 'm: {b: 2, c: 3}\n');
    assert.equal(apply(text, editor.removePair(m, 'b')), 'm: {a: 1, c: 3}\n');
    assert.equal(apply(text, editor.removePair(m, 'c')), 'm: {a: 1, b: 2}\n');
  });

  it('keeps CRLF and 4-space indentation', () => {
    const text = 'spec:\r\n    hostIPC: true # x\r\n    containers: []\r\n';
    const { editor, root } = editorFor(text);
    assert.equal(apply(text, editor.removePair(map(root, 'spec'), 'hostIPC')), 'spec:\r\n    # x\r\n    containers: []\r\n');
  });

  it('returns undefined for a key that is not there', () => {
    const { editor, root } = editorFor('a: 1\n');
    assert.equal(editor.removePair(root, 'b'), undefined);
  });
});

describe('YamlEditor.removeSeqItem', () => {
  it('removes a block item, keeping its comment', () => {
    const text = 'add:\n- NET_BIND_SERVICE\n- SYS_ADMIN # fuse\n- NET_ADMIN\n';
    const { editor, root } = editorFor(text);
    assert.equal(apply(text, editor.removeSeqItem(seq(root, 'add'), 1)), 'add:\n- NET_BIND_SERVICE\n# fuse\n- NET_ADMIN\n');
  });

  it('removes a whole map item', () => {
    const text = 'volumes:\n  - name: a\n    emptyDir: {}\n  - name: b\n    hostPath:\n      path: /\n';
    const { editor, root } = editorFor(text);
    assert.equal(apply(text, editor.removeSeqItem(seq(root, 'volumes'), 1)), 'volumes:\n  - name: a\n    emptyDir: {}\n');
  });

  it('removes from a flow sequence', () => {
    const text = 'add: [A, B, C]\n';
    const { editor, root } = editorFor(text);
    const add = seq(root, 'add');
    assert.equal(apply(text, editor.removeSeqItem(add, 0)), 'add: [B, C]\n');
    assert.equal(apply(text, editor.removeSeqItem(add, 1)), 'add: [A, C]\n');
    assert.equal(apply(text, editor.removeSeqItem(add, 2)), 'add: [A, B]\n');
  });

  it('keeps CRLF', () => {
    const text = 'add:\r\n    - A\r\n    - B\r\n';
    const { editor, root } = editorFor(text);
    assert.equal(apply(text, editor.removeSeqItem(seq(root, 'add'), 0)), 'add:\r\n    - B\r\n');
  });
});

describe('YamlEditor.replaceScalar', () => {
  it('keeps the quoting style of strings', () => {
    const text = 'a: "Unconfined"\nb: \'x\'\nc: plain\n';
    const { editor, root } = editorFor(text);
    const scalar = (k: string) => root.items.find((p) => (p.key as { value: string }).value === k)!.value as never;
    assert.equal(apply(text, editor.replaceScalar(scalar('a'), 'RuntimeDefault')), 'a: "RuntimeDefault"\nb: \'x\'\nc: plain\n');
    assert.equal(apply(text, editor.replaceScalar(scalar('b'), "it's")), "a: \"Unconfined\"\nb: 'it''s'\nc: plain\n");
    assert.equal(apply(text, editor.replaceScalar(scalar('c'), 10001)), 'a: "Unconfined"\nb: \'x\'\nc: 10001\n');
  });
});

describe('YamlEditor: a removal never leaves an empty value', () => {
  it('the last pair of a map takes the map along, up to the first map that keeps other entries', () => {
    const text = 'spec:\n  image: a\n  securityContext:\n    procMount: Unmasked\n';
    const { editor, root } = editorFor(text);
    assert.equal(apply(text, editor.removePair(map(root, 'spec', 'securityContext'), 'procMount')), 'spec:\n  image: a\n');
  });

  it('the last item of a block sequence takes the sequence and the maps it empties along', () => {
    const text = 'c:\n  name: a\n  securityContext:\n    capabilities:\n      add:\n      - IPC_LOCK\n';
    const { editor, root } = editorFor(text);
    assert.equal(apply(text, editor.removeSeqItem(seq(root, 'c', 'securityContext', 'capabilities', 'add'), 0)), 'c:\n  name: a\n');
  });

  it('a sequence item whose only entry goes becomes {}', () => {
    const text = 'ports:\n- hostPort: 80\n- containerPort: 8080\n';
    const { editor, root } = editorFor(text);
    assert.equal(apply(text, editor.removePair(seq(root, 'ports').items[0] as YAMLMap, 'hostPort')), 'ports:\n- {}\n- containerPort: 8080\n');
  });

  it('a flow collection inside a block map goes with its last entry; a flow value of a flow parent stays as {}', () => {
    const text = 'sc:\n  caps: {add: [X]}\n  other: 1\nm: {a: {b: 1}, c: 2}\n';
    const { editor, root } = editorFor(text);
    assert.equal(apply(text, editor.removeSeqItem(seq(root, 'sc', 'caps', 'add'), 0)), 'sc:\n  other: 1\nm: {a: {b: 1}, c: 2}\n');
    assert.equal(apply(text, editor.removePair(map(root, 'm', 'a'), 'b')), 'sc:\n  caps: {add: [X]}\n  other: 1\nm: {c: 2}\n');
  });
});
