/**
 * deploy/kubernetes: every resource the kustomization lists (and the example
 * Secret) is valid against the Kubernetes 1.33 API schema (npm
 * kubernetes-models 4.5.1, whose validators are compiled from that version's
 * OpenAPI document: offline, no cluster), and the manifests agree with the
 * code: one Deployment and Service per service on its port, probes on the
 * paths platform/http.ts serves, variables the config loaders read, the
 * migrations Job naming every subgraph, the gateway's autoscaler and
 * disruption budget, and NetworkPolicies that let a subgraph be reached only
 * by the gateway and the subgraphs that call it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse } from 'yaml';
import { Namespace, ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { ROOT } from '../../platform/paths';
import { DEFAULT_PORTS, envKey, SUBGRAPH_NAMES } from '../../platform/services';

const DIR = join(ROOT, 'deploy/kubernetes');
const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
};

type Resource = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string> }; [k: string]: any };

function load(file: string): Resource[] {
  return parseAllDocuments(readFileSync(join(DIR, file), 'utf8')).map((d) => {
    if (d.errors.length) throw new Error(`${file}: ${d.errors[0].message}`);
    return d.toJS() as Resource;
  });
}

/** What `kustomize build` gives for this kustomization's features: the listed resources in the namespace. */
const kustomization = parse(readFileSync(join(DIR, 'kustomization.yaml'), 'utf8')) as { namespace: string; resources: string[] };
const resources = kustomization.resources.flatMap(load);
const of = (kind: string) => resources.filter((r) => r.kind === kind);
const named = (kind: string, name: string) => {
  const r = of(kind).find((x) => x.metadata.name === name);
  if (!r) throw new Error(`no ${kind} ${name}`);
  return r;
};
const validate = (r: Resource) => {
  const Model = MODELS[`${r.apiVersion}/${r.kind}`];
  if (!Model) throw new Error(`${r.apiVersion} ${r.kind} ${r.metadata?.name}: not a kind these manifests may use`);
  new Model(r).validate();
};
const envExample = readFileSync(join(ROOT, '.env.example'), 'utf8');
const documented = new Set([...envExample.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]));

describe('deploy/kubernetes against the Kubernetes 1.33 API schema', () => {
  it('validates every resource of the kustomization and the example Secret', () => {
    expect(resources.length).toBeGreaterThan(15);
    for (const r of [...resources, ...load('databases.example.yaml')])
      expect(() => validate(r), `${r.kind} ${r.metadata?.name}`).not.toThrow();
  });

  it('the validation is not vacuous: wrong types and missing required fields are refused', () => {
    const gateway = structuredClone(named('Deployment', 'gateway'));
    gateway.spec.replicas = 'two';
    expect(() => validate(gateway)).toThrow(/replicas/);
    const noContainers = structuredClone(named('Deployment', 'companies'));
    delete noContainers.spec.template.spec.containers;
    expect(() => validate(noContainers)).toThrow(/containers/);
    const badPolicy = structuredClone(named('NetworkPolicy', 'companies'));
    badPolicy.spec.ingress[0].ports[0].port = { number: 4001 };
    expect(() => validate(badPolicy)).toThrow();
  });
});

describe('deploy/kubernetes agrees with the code', () => {
  const services = [...SUBGRAPH_NAMES, 'gateway'] as const;

  it('runs every service as a Deployment with a Service on its port, non-root, probed on /ready and /health', () => {
    for (const name of services) {
      const d = named('Deployment', name);
      const labels = d.spec.template.metadata.labels;
      expect(d.spec.selector.matchLabels, name).toEqual(labels);
      const [c] = d.spec.template.spec.containers;
      expect(c.ports[0].containerPort, name).toBe(DEFAULT_PORTS[name]);
      expect(c.command, name).toEqual(['node', name === 'gateway' ? 'dist/gateway/index.js' : `dist/subgraphs/${name}/index.js`]);
      expect(c.livenessProbe.httpGet.path, name).toBe('/health');
      // The gateway's /ready is false while any subgraph is down: it stays in its Service on /health.
      expect(c.readinessProbe.httpGet.path, name).toBe(name === 'gateway' ? '/health' : '/ready');
      expect(d.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
      const s = named('Service', name);
      expect(s.spec.selector, name).toEqual(labels);
      expect(s.spec.ports[0].port, name).toBe(DEFAULT_PORTS[name]);
    }
  });

  it('sets only variables the services read (documented in .env.example), and the subgraph URLs of the Services', () => {
    const config = named('ConfigMap', 'partnerhub-config').data as Record<string, string>;
    const names = new Set(Object.keys(config));
    for (const d of of('Deployment')) for (const e of d.spec.template.spec.containers[0].env) names.add(e.name);
    expect([...names].filter((n) => !documented.has(n))).toEqual([]);
    for (const n of SUBGRAPH_NAMES) expect(config[envKey(n, 'URL')]).toBe(`http://${n}:${DEFAULT_PORTS[n]}/graphql`);
    expect(config).toMatchObject({ NODE_ENV: 'production', SEED_DEMO_DATA: 'false', MIGRATE_ON_START: 'false' });
    const [runtime, owners] = load('databases.example.yaml');
    expect(runtime.metadata.name).toBe('partnerhub-databases');
    expect(Object.keys(runtime.stringData).sort()).toEqual(SUBGRAPH_NAMES.map((n) => envKey(n, 'DATABASE_URL')).sort());
    expect(owners.metadata.name).toBe('partnerhub-migrations');
    expect(Object.keys(owners.stringData).sort()).toEqual(SUBGRAPH_NAMES.map((n) => envKey(n, 'MIGRATION_DATABASE_URL')).sort());
    for (const n of SUBGRAPH_NAMES) {
      const [service, owner] = [
        new URL(runtime.stringData[envKey(n, 'DATABASE_URL')]),
        new URL(owners.stringData[envKey(n, 'MIGRATION_DATABASE_URL')]),
      ];
      expect([service.username, owner.username], n).toEqual([`partnerhub_${n}`, `partnerhub_${n}_owner`]);
      expect(owner.host + owner.pathname).toBe(service.host + service.pathname);
    }
  });

  it("gives the owners' Secret to the migrations Job only, and each Deployment its service's runtime URL only", () => {
    const job = named('Job', 'partnerhub-migrate');
    const sources = job.spec.template.spec.containers[0].envFrom.map((e: any) => e.secretRef?.name).filter(Boolean);
    expect(sources.sort()).toEqual(['partnerhub-databases', 'partnerhub-migrations']);
    for (const d of of('Deployment')) {
      const text = JSON.stringify(d.spec.template.spec);
      expect(text, d.metadata.name).not.toMatch(/partnerhub-migrations|MIGRATION_DATABASE_URL/);
    }
    for (const n of SUBGRAPH_NAMES) {
      const [c] = named('Deployment', n).spec.template.spec.containers;
      const urls = c.env.filter((e: any) => /DATABASE_URL$/.test(e.name));
      expect(urls, n).toEqual([
        { name: envKey(n, 'DATABASE_URL'), valueFrom: { secretKeyRef: { name: 'partnerhub-databases', key: envKey(n, 'DATABASE_URL') } } },
      ]);
    }
  });

  it('migrates every subgraph in a Job, and keeps two to ten gateways, at least one through disruptions', () => {
    const job = named('Job', 'partnerhub-migrate');
    expect(job.spec.template.spec.containers[0].command).toEqual(['node', 'dist/scripts/migrate.js', ...SUBGRAPH_NAMES]);
    const hpa = named('HorizontalPodAutoscaler', 'gateway');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'gateway' });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    const pdb = named('PodDisruptionBudget', 'gateway');
    expect(pdb.spec.selector.matchLabels).toEqual(named('Deployment', 'gateway').spec.template.metadata.labels);
  });

  it('lets a subgraph be reached only by the gateway and the subgraphs that call it', () => {
    expect(named('NetworkPolicy', 'default-deny-ingress').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
    // Reference checks (subgraphs/kit/references-check.ts) and agreement look-ups (subgraphs/kit/sharing.ts).
    const callers: Record<string, string[]> = {
      companies: ['gateway', 'clusters', 'projects'],
      clusters: ['gateway'],
      partners: ['gateway', 'projects'],
      projects: ['gateway'],
      registry: ['gateway', 'companies', 'partners'],
    };
    for (const name of SUBGRAPH_NAMES) {
      const p = named('NetworkPolicy', name);
      expect(p.spec.podSelector.matchLabels).toEqual(named('Deployment', name).spec.template.metadata.labels);
      expect(p.spec.ingress).toHaveLength(1);
      const from = p.spec.ingress[0].from.map((f: any) => f.podSelector.matchLabels['app.kubernetes.io/component']);
      expect(from.sort(), name).toEqual([...callers[name]].sort());
      expect(p.spec.ingress[0].ports).toEqual([{ port: DEFAULT_PORTS[name] }]);
    }
  });
});
