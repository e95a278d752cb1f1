// A plain scalar made of these characters reads the same wherever it stands (no indicator, quote, space or
// comment can appear in it): an edit that keeps a value this simple can be applied to the last parse of its file
// (Helm values, Kustomize files) instead of parsing the file again.
export const SIMPLE_PLAIN_SCALAR = /^[A-Za-z0-9_/.][A-Za-z0-9._/-]*$/;
