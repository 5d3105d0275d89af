/**
 * Static checks of the deployment files under infra/. Nothing here can run Docker or a cluster,
 * so these prove the files parse and agree with each other and with the processes: images,
 * commands, ports, probes and environment.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

const repoRoot = path.join(__dirname, '..', '..');
const infra = path.join(__dirname, '..', '..', 'infra');
const k8sDir = path.join(infra, 'k8s');
const read = (...parts: string[]) => readFileSync(path.join(infra, ...parts), 'utf8');

// A loose view of parsed YAML: these tests check shapes themselves.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Y = any;

interface Process {
  name: string;
  port: number;
  main: string;
  subgraph: boolean;
}

const SUBGRAPHS: Process[] = [
  { name: 'accounts', port: 4001, main: 'services/accounts/dist/main.js', subgraph: true },
  { name: 'opportunities', port: 4002, main: 'services/opportunities/dist/main.js', subgraph: true },
  { name: 'activities', port: 4003, main: 'services/activities/dist/main.js', subgraph: true },
];
const GATEWAY: Process = { name: 'gateway', port: 4000, main: 'gateway/dist/main.js', subgraph: false };
const PROCESSES = [...SUBGRAPHS, GATEWAY];
const GATEWAY_URL_ENV: Record<string, string> = { accounts: 'ACCOUNTS_URL', opportunities: 'OPPORTUNITIES_URL', activities: 'ACTIVITIES_URL' };
const IMAGE = 'crm:latest';

/** Splits a command given as a string or a list into words. */
function words(command: unknown): string[] {
  if (Array.isArray(command)) return command.map(String);
  return String(command).trim().split(/\s+/);
}

// ---------------------------------------------------------------------------------------------
// docker-compose.yml
// ---------------------------------------------------------------------------------------------

/**
 * Compose-style interpolation with every variable unset: `${X:-d}`/`${X-d}` give d, `${X:?m}` gives
 * a stand-in (compose would refuse to start without it), `$$` is a literal `$`.
 */
function interpolate(value: unknown): string {
  return String(value)
    .replace(/\$\$/g, '\u0000')
    .replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g, (_m, _name: string, fallback?: string) => fallback ?? '')
    .replace(/\$\{([A-Za-z_][A-Za-z0-9_]*):?\?[^}]*\}/g, (_m, name: string) => `<required ${name}>`)
    .replace(/\u0000/g, '$');
}

/** A service's environment as a map, whether written as a mapping or as a `KEY=value` list. */
function environmentOf(service: Y): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry: string) => {
        const at = entry.indexOf('=');
        return [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

/** Container ports named by `ports` (long or short syntax) and `expose`. */
function containerPortsOf(service: Y): number[] {
  const ports: number[] = [];
  for (const entry of service.ports ?? []) {
    if (typeof entry === 'object') ports.push(Number(entry.target));
    else ports.push(Number(interpolate(entry).split('/')[0].split(':').pop()));
  }
  for (const entry of service.expose ?? []) ports.push(Number(String(entry).split('/')[0]));
  return ports;
}

/** The conditions of `depends_on`, long or short syntax. */
function dependenciesOf(service: Y): Record<string, string> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d: string) => [d, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, spec]) => [name, (spec as Y)?.condition ?? 'service_started']));
}

describe('infra/docker-compose.yml', () => {
  const text = read('docker-compose.yml');
  // Compose resolves YAML merge keys (`<<: *anchor`); parse the way compose reads the file.
  const compose: Y = parse(text, { merge: true });
  const services: Record<string, Y> = compose.services;

  it('parses as YAML with a services map', () => {
    const docs = parseAllDocuments(text, { merge: true });
    expect(Array.isArray(docs) ? docs.length : 1).toBe(1);
    const doc = Array.isArray(docs) ? docs[0] : docs;
    expect(doc.errors).toEqual([]);
    expect(typeof services).toBe('object');
  });

  it('runs postgres and the four app services', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['postgres', ...PROCESSES.map((p) => p.name)]));
  });

  it('runs PostgreSQL 18 with a pg_isready healthcheck and its data on a named volume', () => {
    const postgres = services.postgres;
    expect(postgres.image).toBe('postgres:18');
    expect(words(postgres.healthcheck.test).join(' ')).toContain('pg_isready');
    const mounts: string[] = postgres.volumes.map(String);
    // PostgreSQL 18 images keep data under /var/lib/postgresql/18/docker: the mount is the parent.
    const data = mounts.find((m) => m.split(':')[1] === '/var/lib/postgresql');
    expect(data).toBeDefined();
    const volume = data!.split(':')[0];
    expect(volume).not.toMatch(/^[./~]/);
    expect(Object.keys(compose.volumes ?? {})).toContain(volume);
  });

  it('does not publish PostgreSQL or the subgraphs to the host', () => {
    for (const name of ['postgres', ...SUBGRAPHS.map((s) => s.name)]) expect(services[name].ports).toBeUndefined();
  });

  describe.each(PROCESSES)('the $name service', (app) => {
    const service = () => services[app.name];
    const env = () => environmentOf(service());

    it('uses the crm:latest image built from infra/Dockerfile at the repository root', () => {
      expect(service().image).toBe(IMAGE);
      const context = path.resolve(infra, service().build.context);
      expect(context).toBe(path.resolve(repoRoot));
      expect(existsSync(path.join(context, service().build.dockerfile))).toBe(true);
      expect(path.resolve(context, service().build.dockerfile)).toBe(path.join(infra, 'Dockerfile'));
    });

    it(`runs node ${app.main}`, () => {
      expect(words(service().command)).toEqual(['node', app.main]);
    });

    it(`sets PORT=${app.port} and exposes or publishes that container port`, () => {
      expect(env().PORT).toBe(String(app.port));
      expect(containerPortsOf(service())).toContain(app.port);
    });

    it('listens on all interfaces with production settings and json logs', () => {
      expect(env().HOST).toBe('0.0.0.0');
      expect(env().NODE_ENV).toBe('production');
      expect(env().LOG_FORMAT).toBe('json');
    });

    it('requires JWT_SECRET from the environment of compose', () => {
      expect(env().JWT_SECRET).toBe('${JWT_SECRET:?set JWT_SECRET}');
      expect(env().GATEWAY_SIGNING_SECRET).toBe('${GATEWAY_SIGNING_SECRET:?set GATEWAY_SIGNING_SECRET}');
    });

    it('has a healthcheck that asks its own /ready with node, since the image has no curl', () => {
      const test = words(service().healthcheck.test);
      expect(test[0]).toBe('CMD');
      expect(test[1]).toBe('node');
      expect(test.join(' ')).toContain(`http://127.0.0.1:${app.port}/ready`);
    });

    it('stops gracefully with time to drain', () => {
      expect(service().stop_grace_period).toBe('30s');
      expect(service().init).toBe(true);
    });
  });

  describe.each(SUBGRAPHS)('the $name subgraph', (subgraph) => {
    it('points DATABASE_URL at the postgres service and its database', () => {
      const env = environmentOf(services[subgraph.name]);
      const pg = environmentOf(services.postgres);
      const url = new URL(interpolate(env.DATABASE_URL));
      expect(url.protocol).toBe('postgres:');
      expect(url.hostname).toBe('postgres');
      expect(url.port === '' ? 5432 : Number(url.port)).toBe(5432);
      expect(url.username).toBe(interpolate(pg.POSTGRES_USER));
      expect(decodeURIComponent(url.password)).toBe(interpolate(pg.POSTGRES_PASSWORD));
      expect(url.pathname).toBe(`/${interpolate(pg.POSTGRES_DB)}`);
    });

    it('starts once postgres is healthy', () => {
      expect(dependenciesOf(services[subgraph.name])).toEqual({ postgres: 'service_healthy' });
    });
  });

  describe('the gateway service', () => {
    const gateway = () => services.gateway;

    it.each(SUBGRAPHS)('points its subgraph URL at the $name service and port', (subgraph) => {
      const url = new URL(environmentOf(gateway())[GATEWAY_URL_ENV[subgraph.name]]);
      expect(url.hostname).toBe(subgraph.name);
      expect(Number(url.port)).toBe(Number(environmentOf(services[subgraph.name]).PORT));
      expect(url.pathname).toBe('/graphql');
    });

    it('starts once every subgraph is healthy', () => {
      expect(dependenciesOf(gateway())).toEqual(Object.fromEntries(SUBGRAPHS.map((s) => [s.name, 'service_healthy'])));
    });

    it('is published on host port 4000 by default', () => {
      expect(gateway().ports.map(interpolate)).toContain('4000:4000');
    });

    it('carries the gateway settings with their documented defaults', () => {
      const env = environmentOf(gateway());
      expect(env.SUPERGRAPH_PATH).toBe('/app/infra/supergraph.graphql');
      expect(env.SUBGRAPH_TIMEOUT_MS).toBe('10000');
      expect(env.BODY_LIMIT).toBe('1mb');
      expect(['true', 'false']).toContain(interpolate(env.PLAYGROUND));
      expect(env).toHaveProperty('CORS_ORIGINS');
      expect(env.DATABASE_URL).toBeUndefined();
    });
  });

  describe('the seed service', () => {
    const seed = () => services.seed;

    it('only runs when asked for, under the seed profile', () => {
      expect(seed().profiles).toEqual(['seed']);
      expect(seed().restart).toBe('no');
    });

    it('runs every subgraph seed against the postgres service', () => {
      const command = words(seed().command).join(' ');
      for (const { name } of SUBGRAPHS) expect(command).toContain(`node services/${name}/dist/seed-main.js`);
      expect(new URL(interpolate(environmentOf(seed()).DATABASE_URL)).hostname).toBe('postgres');
      expect(environmentOf(seed()).JWT_SECRET).toBe('${JWT_SECRET:?set JWT_SECRET}');
      expect(dependenciesOf(seed())).toEqual({ postgres: 'service_healthy' });
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Kubernetes
// ---------------------------------------------------------------------------------------------

interface Manifest {
  file: string;
  doc: Y;
}

function loadManifests(file: string): Manifest[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  const list = Array.isArray(docs) ? docs : [docs];
  return list.map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
    return { file: path.basename(file), doc: doc.toJS() };
  });
}

const k8sFiles = readdirSync(k8sDir)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
const manifests = k8sFiles.filter((f) => f !== 'kustomization.yaml').flatMap((f) => loadManifests(path.join(k8sDir, f)));
const resources = manifests.map((m) => m.doc).filter((d) => d !== null && d !== undefined);
const find = (kind: string, name: string): Y => resources.find((r) => r.kind === kind && r.metadata?.name === name);
const configMaps = resources.filter((r) => r.kind === 'ConfigMap');
const secrets = resources.filter((r) => r.kind === 'Secret');

/** The value of a container env entry, resolved through the ConfigMaps and Secrets defined here. */
function resolveEnv(container: Y, name: string): string | undefined {
  const entry = (container.env ?? []).find((e: Y) => e.name === name);
  if (!entry) return undefined;
  if (entry.value !== undefined) return String(entry.value);
  const cm = entry.valueFrom?.configMapKeyRef;
  if (cm) return configMaps.find((c) => c.metadata.name === cm.name)?.data?.[cm.key];
  const secret = entry.valueFrom?.secretKeyRef;
  if (secret) {
    const s = secrets.find((c) => c.metadata.name === secret.name);
    return s?.stringData?.[secret.key] ?? (s?.data?.[secret.key] !== undefined ? Buffer.from(s.data[secret.key], 'base64').toString() : undefined);
  }
  return undefined;
}

/** Every ConfigMap/Secret key a pod spec refers to, as `Kind/name/key` (or `Kind/name` for envFrom). */
function referencesOf(podSpec: Y): string[] {
  const refs: string[] = [];
  for (const container of [...(podSpec.initContainers ?? []), ...podSpec.containers]) {
    for (const entry of container.env ?? []) {
      const cm = entry.valueFrom?.configMapKeyRef;
      const secret = entry.valueFrom?.secretKeyRef;
      if (cm) refs.push(`ConfigMap/${cm.name}/${cm.key}`);
      if (secret) refs.push(`Secret/${secret.name}/${secret.key}`);
    }
    for (const from of container.envFrom ?? []) {
      if (from.configMapRef) refs.push(`ConfigMap/${from.configMapRef.name}`);
      if (from.secretRef) refs.push(`Secret/${from.secretRef.name}`);
    }
  }
  return refs;
}

function referenceExists(ref: string): boolean {
  const [kind, name, key] = ref.split('/');
  const resource = find(kind, name);
  if (!resource) return false;
  if (key === undefined) return true;
  const keys = [...Object.keys(resource.data ?? {}), ...Object.keys(resource.stringData ?? {})];
  return keys.includes(key);
}

/** A probe's or Service's port, by number or by the container's port name. */
function portNumber(container: Y, port: number | string): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p: Y) => p.name === port)?.containerPort;
}

describe('infra/k8s', () => {
  it('holds only YAML that parses, each document a named Kubernetes object', () => {
    expect(k8sFiles.length).toBeGreaterThan(1);
    for (const file of k8sFiles) {
      for (const { doc } of loadManifests(path.join(k8sDir, file))) {
        expect(doc).toEqual(expect.objectContaining({ apiVersion: expect.any(String), kind: expect.any(String) }));
        if (doc.kind !== 'Kustomization') expect(doc.metadata?.name).toEqual(expect.any(String));
      }
    }
  });

  it('has a kustomization listing every manifest in infra/k8s', () => {
    const kustomization: Y = parse(read('k8s', 'kustomization.yaml'));
    expect(kustomization.kind).toBe('Kustomization');
    const listed = [...(kustomization.resources as string[])].sort();
    expect(listed).toEqual(k8sFiles.filter((f) => f !== 'kustomization.yaml'));
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('defines the crm namespace and puts every other object in it', () => {
    expect(find('Namespace', 'crm')).toBeDefined();
    for (const resource of resources.filter((r) => r.kind !== 'Namespace')) expect(`${resource.kind}/${resource.metadata.name}:${resource.metadata.namespace}`).toBe(`${resource.kind}/${resource.metadata.name}:crm`);
  });

  it('keeps non-secret settings in the ConfigMap with container-safe values', () => {
    const config = find('ConfigMap', 'crm-config');
    expect(config).toBeDefined();
    expect(config.data).toEqual(expect.objectContaining({ HOST: '0.0.0.0', LOG_FORMAT: 'json', NODE_ENV: 'production' }));
    for (const value of Object.values(config.data)) expect(typeof value).toBe('string');
    expect(config.data.JWT_SECRET).toBeUndefined();
    expect(config.data.DATABASE_URL).toBeUndefined();
  });

  it('ships the Secret as a template whose placeholders fail closed', () => {
    const secret = find('Secret', 'crm-secrets');
    expect(Object.keys(secret.stringData).sort()).toEqual(['DATABASE_URL', 'GATEWAY_SIGNING_SECRET', 'JWT_SECRET']);
    expect(secret.stringData.GATEWAY_SIGNING_SECRET).toBe('');
    // An empty JWT_SECRET stops every process at start under NODE_ENV=production.
    expect(secret.stringData.JWT_SECRET).toBe('');
    const url = new URL(secret.stringData.DATABASE_URL);
    expect(url.protocol).toBe('postgres:');
    expect(url.hostname).toMatch(/CHANGE_ME.*\.invalid$/i);
    expect(read('k8s', 'config.yaml')).toMatch(/TEMPLATE/);
  });

  describe.each(PROCESSES)('the $name Deployment', (app) => {
    const deployment = () => find('Deployment', app.name);
    const pod = () => deployment().spec.template.spec;
    const container = () => pod().containers[0];
    const containerPort = () => container().ports[0].containerPort;

    it('runs two replicas of crm:latest with the right command', () => {
      expect(deployment()).toBeDefined();
      expect(deployment().spec.replicas).toBe(2);
      expect(pod().containers).toHaveLength(1);
      expect(container().image).toBe(IMAGE);
      expect(words(container().command)).toEqual(['node', app.main]);
      expect(container().args).toBeUndefined();
    });

    it(`listens on containerPort ${app.port}, which PORT and HOST agree with`, () => {
      expect(containerPort()).toBe(app.port);
      expect(resolveEnv(container(), 'PORT')).toBe(String(app.port));
      expect(resolveEnv(container(), 'HOST')).toBe('0.0.0.0');
      expect(resolveEnv(container(), 'LOG_FORMAT')).toBe('json');
    });

    it('is ready on /ready and alive on /health, both on its containerPort', () => {
      const readiness = container().readinessProbe.httpGet;
      const liveness = container().livenessProbe.httpGet;
      expect(readiness.path).toBe('/ready');
      expect(liveness.path).toBe('/health');
      expect(portNumber(container(), readiness.port)).toBe(containerPort());
      expect(portNumber(container(), liveness.port)).toBe(containerPort());
      const startup = container().startupProbe?.httpGet;
      if (startup) expect(portNumber(container(), startup.port)).toBe(containerPort());
    });

    it('selects its own pods', () => {
      const labels = deployment().spec.template.metadata.labels;
      expect(labels).toEqual(expect.objectContaining(deployment().spec.selector.matchLabels));
    });

    it('has a Service that selects its pods and targets its containerPort', () => {
      const service = find('Service', app.name);
      expect(service).toBeDefined();
      expect(deployment().spec.template.metadata.labels).toEqual(expect.objectContaining(service.spec.selector));
      expect(service.spec.ports).toHaveLength(1);
      expect(service.spec.ports[0].port).toBe(app.port);
      expect(portNumber(container(), service.spec.ports[0].targetPort ?? service.spec.ports[0].port)).toBe(containerPort());
    });

    it('refers only to ConfigMap and Secret keys defined here', () => {
      const refs = referencesOf(pod());
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) expect([ref, referenceExists(ref)]).toEqual([ref, true]);
    });

    it('gets JWT_SECRET and GATEWAY_SIGNING_SECRET from the Secret', () => {
      const entry = container().env.find((e: Y) => e.name === 'JWT_SECRET');
      expect(entry.valueFrom.secretKeyRef).toEqual({ name: 'crm-secrets', key: 'JWT_SECRET' });
      const signing = container().env.find((e: Y) => e.name === 'GATEWAY_SIGNING_SECRET');
      expect(signing.valueFrom.secretKeyRef).toEqual({ name: 'crm-secrets', key: 'GATEWAY_SIGNING_SECRET' });
    });

    it('runs as a non-root user with requests, limits and time to drain', () => {
      expect(pod().securityContext.runAsNonRoot).toBe(true);
      expect(pod().securityContext.runAsUser).toBeGreaterThan(0);
      expect(container().securityContext.allowPrivilegeEscalation).toBe(false);
      expect(pod().terminationGracePeriodSeconds).toBe(30);
      const { requests, limits } = container().resources;
      for (const bound of [requests, limits]) expect(bound).toEqual(expect.objectContaining({ cpu: expect.anything(), memory: expect.anything() }));
    });
  });

  describe.each(SUBGRAPHS)('the $name subgraph Deployment', (subgraph) => {
    it('gets DATABASE_URL from the Secret', () => {
      const container = find('Deployment', subgraph.name).spec.template.spec.containers[0];
      const entry = container.env.find((e: Y) => e.name === 'DATABASE_URL');
      expect(entry.valueFrom.secretKeyRef).toEqual({ name: 'crm-secrets', key: 'DATABASE_URL' });
    });

    it('is reached by the gateway through its Service name and port', () => {
      const gateway = find('Deployment', 'gateway').spec.template.spec.containers[0];
      const url = new URL(resolveEnv(gateway, GATEWAY_URL_ENV[subgraph.name])!);
      const service = find('Service', url.hostname);
      expect(url.hostname).toBe(subgraph.name);
      expect(service.spec.ports.map((p: Y) => p.port)).toContain(Number(url.port));
      expect(url.pathname).toBe('/graphql');
    });
  });

  it('gives the gateway no database', () => {
    const gateway = find('Deployment', 'gateway').spec.template.spec.containers[0];
    expect(resolveEnv(gateway, 'DATABASE_URL')).toBeUndefined();
    expect(resolveEnv(gateway, 'SUPERGRAPH_PATH')).toBe('/app/infra/supergraph.graphql');
  });

  it('has a seed Job outside the kustomization that runs every seed with defined config', () => {
    const [job] = loadManifests(path.join(infra, 'k8s-jobs', 'seed-job.yaml')).map((m) => m.doc);
    expect(job.kind).toBe('Job');
    expect(job.metadata.namespace).toBe('crm');
    const pod = job.spec.template.spec;
    expect(pod.containers[0].image).toBe(IMAGE);
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    const command = words(pod.containers[0].command).join(' ');
    for (const { name } of SUBGRAPHS) expect(command).toContain(`node services/${name}/dist/seed-main.js`);
    for (const ref of referencesOf(pod)) expect([ref, referenceExists(ref)]).toEqual([ref, true]);
    expect(referencesOf(pod)).toEqual(expect.arrayContaining(['Secret/crm-secrets/DATABASE_URL', 'Secret/crm-secrets/JWT_SECRET']));
  });
});

// ---------------------------------------------------------------------------------------------
// Dockerfile
// ---------------------------------------------------------------------------------------------

interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile instructions with line continuations joined and comments dropped. */
function instructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (pending === '' && (line === '' || line.startsWith('#'))) continue;
    if (pending !== '' && line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      pending += line.slice(0, -1) + ' ';
      continue;
    }
    const full = (pending + line).trim();
    pending = '';
    const [keyword, ...rest] = full.split(/\s+/);
    out.push({ keyword: keyword.toUpperCase(), args: rest.join(' ') });
  }
  return out;
}

describe('infra/Dockerfile', () => {
  const all = instructions(read('Dockerfile'));
  const stages: Instruction[][] = [];
  for (const instruction of all) {
    if (instruction.keyword === 'FROM') stages.push([]);
    stages[stages.length - 1]?.push(instruction);
  }
  const runtime = stages[stages.length - 1];
  const build = stages.slice(0, -1).flat();

  it('is a multi-stage build on node:20-bookworm-slim', () => {
    const froms = all.filter((i) => i.keyword === 'FROM').map((i) => i.args.split(/\s+/)[0]);
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const from of froms) expect(from).toBe('node:20-bookworm-slim');
  });

  it('installs with the frozen pnpm lockfile and builds the workspace with pnpm', () => {
    const runs = build.filter((i) => i.keyword === 'RUN').map((i) => i.args);
    expect(runs.some((r) => /\bpnpm(@10)? install\b.*--frozen-lockfile/.test(r))).toBe(true);
    expect(runs.some((r) => /\bpnpm(@10)? (run )?build\b/.test(r))).toBe(true);
    // Dev dependencies (tsc, esbuild) are needed to build: the build stage must not be production.
    expect(build.some((i) => i.keyword === 'ENV' && /NODE_ENV=production/.test(i.args))).toBe(false);
  });

  it('composes the supergraph the gateway loads by default', () => {
    expect(build.some((i) => i.keyword === 'RUN' && i.args.includes('gateway/dist/compose.js'))).toBe(true);
  });

  it('copies the whole built workspace into the runtime stage', () => {
    const copy = runtime.find((i) => i.keyword === 'COPY' && i.args.includes('--from='));
    expect(copy?.args).toMatch(/--from=\S+\s+\/app\s+\/app$/);
    expect(runtime.find((i) => i.keyword === 'WORKDIR')?.args).toBe('/app');
  });

  it('runs as a non-root user, by number so runAsNonRoot can verify it', () => {
    const users = runtime.filter((i) => i.keyword === 'USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users[users.length - 1].args.split(':')[0];
    expect(user).toMatch(/^\d+$/);
    expect(Number(user)).not.toBe(0);
    const deployment = find('Deployment', 'gateway');
    expect(deployment.spec.template.spec.securityContext.runAsUser).toBe(Number(user));
  });

  it('defaults to production, all interfaces and json logs, and runs the gateway', () => {
    const env = runtime.filter((i) => i.keyword === 'ENV').map((i) => i.args).join(' ');
    expect(env).toMatch(/NODE_ENV=production/);
    expect(env).toMatch(/HOST=0\.0\.0\.0/);
    expect(env).toMatch(/LOG_FORMAT=json/);
    const cmd = runtime.filter((i) => i.keyword === 'CMD').pop();
    expect(JSON.parse(cmd!.args)).toEqual(['node', 'gateway/dist/main.js']);
  });

  it('ignores host build output and documents the same list in the README', () => {
    const ignore = read('Dockerfile.dockerignore');
    const patterns = ignore.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    expect(patterns).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '.git']));
    for (const p of patterns) expect(['pnpm-lock.yaml', 'infra', 'services', 'packages', 'gateway']).not.toContain(p);
    const readme = read('README.md');
    for (const p of patterns) expect(readme).toContain(p);
  });
});

describe('infra/README.md', () => {
  const readme = read('README.md');

  it('documents building, running with compose and applying to Kubernetes', () => {
    expect(readme).toContain('docker build -f infra/Dockerfile -t crm:latest .');
    expect(readme).toContain('docker compose -f infra/docker-compose.yml up');
    expect(readme).toContain('kubectl apply -k infra/k8s');
    expect(readme).toMatch(/JWT_SECRET/);
    expect(readme).toMatch(/DATABASE_URL/);
  });
});
