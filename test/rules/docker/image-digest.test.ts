import { ruleTester } from '../../harness/ruleTester';

ruleTester('docker/image-digest', {
  valid: [
    { code: 'FROM node:20@sha256:0123456789abcdef\n' },
    { name: 'stages and scratch', code: 'FROM alpine@sha256:abc AS b\nFROM b\nFROM scratch\n' },
    { name: 'off by default', code: 'FROM node:20\n', settings: { rules: { 'docker/image-digest': 'off' } } },
  ],
  invalid: [{ code: 'FROM node:20\n', errors: [{ line: 1, column: 6, message: 'FROM node:20 is not pinned by digest; append @sha256:<digest>.' }] }],
});
