// Values the OpenAPI schema allows but the API server refuses: port numbers and port names, checked as
// pkg/apis/core/validation does (IsValidPortNum, IsValidPortName from k8s.io/apimachinery/pkg/util/validation), with
// its messages. Keyed by the schema definition of the object that holds the field.

/** Why the API server refuses the value, or undefined when it accepts it. */
type FieldCheck = (value: unknown) => string | undefined;

const PORT_RANGE = 'must be between 1 and 65535, inclusive';

function portNumber(value: unknown): string | undefined {
  if (typeof value !== 'number') return undefined; // a wrong type is the schema's to report
  return Number.isInteger(value) && value >= 1 && value <= 65535 ? undefined : PORT_RANGE;
}

/** IANA_SVC_NAME (RFC 6335): what a container port's name, and a named port a Service or probe points at, must be. */
export function portNameProblem(name: string): string | undefined {
  if (name.length > 15) return 'must be no more than 15 characters';
  if (!/^[-a-z0-9]+$/.test(name)) return 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)';
  if (!/[a-z]/.test(name)) return 'must contain at least one letter (a-z)';
  if (name.includes('--')) return 'must not contain consecutive hyphens';
  if (name.startsWith('-') || name.endsWith('-')) return 'must not begin or end with a hyphen';
  return undefined;
}

function portName(value: unknown): string | undefined {
  return typeof value === 'string' ? portNameProblem(value) : undefined;
}

/** An IntOrString port: a number in range, or a port name (a quoted "8080" is a name, and not a valid one). */
function portNumberOrName(value: unknown): string | undefined {
  return typeof value === 'number' ? portNumber(value) : portName(value);
}

/** 0 is "unset" (hostPort; a Service's targetPort, which then defaults to its port). */
const orZero =
  (check: FieldCheck): FieldCheck =>
  (value) =>
    value === 0 ? undefined : check(value);

export const FIELD_CHECKS: Readonly<Record<string, Readonly<Record<string, FieldCheck>>>> = {
  'io.k8s.api.core.v1.ContainerPort': { name: portName, containerPort: portNumber, hostPort: orZero(portNumber) },
  'io.k8s.api.core.v1.ServicePort': { port: portNumber, targetPort: orZero(portNumberOrName) },
  'io.k8s.api.core.v1.HTTPGetAction': { port: portNumberOrName },
  'io.k8s.api.core.v1.TCPSocketAction': { port: portNumberOrName },
  'io.k8s.api.core.v1.GRPCAction': { port: portNumber },
};
