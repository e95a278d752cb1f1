// End-to-end test tools for operators, kuttl and chainsaw (kyverno), keep files of expected cluster state beside the
// manifests they apply: `00-assert.yaml`, `01-assert-deployment.yaml`, `create-instance-assert.yaml`,
// `00-errors.yaml`. Each holds the part of an object the test checks (chainsaw adds JMESPath keys such as
// `(contains(keys(annotations), 'x'))`): never applied, so neither linted nor indexed as manifests. The files a test
// applies are manifests like any other. Found linting open-telemetry/opentelemetry-operator (252 such files).

/** A dash- or underscore-separated word `assert` in the name, or kuttl's `<step>-errors`. */
const TEST_ASSERTION_FILE = /^(?:(?:[^/]*[-_])?assert(?:[-_.][^/]*)?|\d+[a-z]?-errors?(?:[-_.][^/]*)?)\.ya?ml$/i;

export function isTestAssertionFileName(baseName: string): boolean {
  return TEST_ASSERTION_FILE.test(baseName);
}
