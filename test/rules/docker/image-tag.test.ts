import { ruleTester } from '../../harness/ruleTester';

ruleTester('docker/image-tag', {
  valid: [
    { code: 'FROM node:20.11-alpine\n' },
    { name: 'stage names, scratch and digests pass', code: 'FROM golang:1.22 AS build\nFROM build AS test\nFROM scratch\nFROM alpine@sha256:abc\n' },
    { name: 'registry port is not a tag', code: 'FROM localhost:5000/app:1.2\n' },
    { name: 'ARG default resolved', code: 'ARG VERSION=3.19\nFROM alpine:${VERSION}\n' },
    { name: 'unresolved ARG is not guessed', code: 'ARG IMAGE\nFROM $IMAGE\n' },
  ],
  invalid: [
    {
      name: 'no tag',
      code: 'FROM ubuntu\n',
      errors: [{ line: 1, column: 6, message: 'FROM ubuntu has no tag, so it means latest; pin a version such as ubuntu:<version>.', severity: 'warning' }],
    },
    {
      name: 'latest, with --platform',
      code: 'FROM --platform=$BUILDPLATFORM node:latest AS b\n',
      errors: [{ line: 1, column: 32, message: /node:latest uses the moving latest tag/ }],
    },
    {
      name: 'ARG default without a tag',
      code: 'ARG BASE=localhost:5000/app\nFROM ${BASE}\n',
      errors: [{ line: 2, message: 'FROM ${BASE} (localhost:5000/app) has no tag, so it means latest; pin a version such as localhost:5000/app:<version>.' }],
    },
  ],
});
