// One schema service per shipped Kubernetes minor, made on first use: the editor (desktop and web) and the CLI
// pick the service for a file's `kubernetesVersion` the same way. The host says how a minor's schema is loaded
// (a file beside the bundle on Node, text the client sent in the browser).
import { schemaMinorFor, type SchemaData } from './data';
import { KubernetesSchemaService, type SchemaServiceOptions } from './service';

export interface SchemaServicesOptions extends Omit<SchemaServiceOptions, 'load'> {
  /** Loads a shipped minor's schema data; called once per minor, on its first validation. */
  loadMinor: (minor: string) => SchemaData;
}

export class SchemaServicesByMinor {
  private readonly services = new Map<string, KubernetesSchemaService>();

  constructor(private readonly options: SchemaServicesOptions) {}

  /** The service of the nearest shipped minor to `kubernetesVersion` (`major.minor`). */
  serviceFor(kubernetesVersion: string): KubernetesSchemaService {
    const minor = schemaMinorFor(kubernetesVersion);
    let service = this.services.get(minor);
    if (!service) {
      const { loadMinor, ...options } = this.options;
      service = new KubernetesSchemaService({ ...options, load: () => loadMinor(minor) });
      this.services.set(minor, service);
    }
    return service;
  }

  all(): IterableIterator<KubernetesSchemaService> {
    return this.services.values();
  }
}
