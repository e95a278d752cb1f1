import { ruleTester } from '../../harness/ruleTester';

ruleTester('docker/image-tag', {
  valid: [
    { code: 'FROM node:20.11-alpine\n' },
    { name: 'stage names, scratch and digests pass', code: 'FROM golang:1.22 AS build\nFROM build AS test\nFROM scratch\nFROM alpine@sha256:abc\n' },
    { name: 'registry port is not a tag', code: 'FROM localhost:5000/app:1.2\n' },
    { name: 'ARG default resolved', code: 'ARG VERSION=3.19\nFROM alpine:${VERSION}\n' },
    { name: 'unresolved ARG is not guessed', code: 'ARG IMAGE\nFROM $IMAGE\n' },
    {
      name: 'a build argument that can reach the tag or digest is not guessed',
      code: 'ARG TAG\nARG REGISTRY\nARG NAME\nFROM alpine$TAG\nFROM ${REGISTRY}/ubuntu:${TAG}\nFROM ${REGISTRY}/ubuntu@sha256:abc\nFROM ${REGISTRY}${NAME}\n',
    },
    {
      name: 'an ARG of a stage is not seen by a later FROM (the build fails), nor is an undeclared variable alone',
      code: 'FROM alpine:3.20\nARG TAG=:3.12\nFROM alpine$TAG\nFROM $UNDECLARED\n',
    },
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
    {
      name: 'a registry from a build argument cannot reach the tag',
      code: 'ARG REGISTRY\nFROM ${REGISTRY}/ubuntu\nFROM $REGISTRY/node:latest\n',
      errors: [
        { line: 2, column: 6, message: 'FROM ${REGISTRY}/ubuntu has no tag, so it means latest; pin a version such as ${REGISTRY}/ubuntu:<version>.' },
        { line: 3, message: 'FROM $REGISTRY/node:latest uses the moving latest tag; pin a version.' },
      ],
    },
    {
      name: 'a variable no ARG declares is empty in FROM (BuildKit: UndefinedArgInFrom)',
      code: 'FROM alpine$TAG\n',
      errors: [
        {
          line: 1,
          column: 6,
          message:
            'FROM alpine$TAG (alpine; no ARG before this FROM declares TAG, so it is empty) has no tag, so it means latest; pin a version such as alpine:<version>.',
        },
      ],
    },
  ],
});
