// The architecture's arrows are enforced by lint, not by goodwill: each wrong import below must fail.
// Probe files are written into the real projects (so the Nx graph and the TS project service see them),
// linted in one ESLint run, and removed.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
// One file per probe: two probes in one project must not overwrite each other.
const probeFile = (name: string) => `__boundary-probe__${name}.ts`;

const probes = {
  domainImportsFramework: [
    'libs/domain/src',
    "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n",
  ],
  workflowImportsNodeAndIo: [
    'libs/workflows/src',
    "import { readFileSync } from 'node:fs';\nimport { Client } from 'pg';\nimport { loadConfig } from '@tiltak/config';\nexport const x = [readFileSync, Client, loadConfig];\n",
  ],
  libImportsApp: [
    'libs/persistence/src',
    "import { createCaseWorker } from '@tiltak/worker';\nexport const x = createCaseWorker;\n",
  ],
  persistenceImportsWorkflows: [
    'libs/persistence/src',
    "import { recordEventUpdate } from '@tiltak/workflows';\nexport const x = recordEventUpdate;\n",
  ],
  notificationsImportsConfig: [
    'libs/notifications/src',
    "import { loadConfig } from '@tiltak/config';\nexport const x = loadConfig;\n",
  ],
  allowedArrows: [
    'libs/notifications/src',
    "import { STEPS } from '@tiltak/domain';\nimport { CaseEventStore } from '@tiltak/persistence';\nimport { SEARCH_ATTRIBUTES } from '@tiltak/workflows';\nexport const x = [STEPS, CaseEventStore, SEARCH_ATTRIBUTES];\n",
  ],
} as const;

let report: Record<string, string[]> = {};

beforeAll(() => {
  const files = Object.entries(probes).map(([name, [dir, code]]) => {
    const file = path.join(root, dir, probeFile(name));
    writeFileSync(file, code);
    return [name, file] as const;
  });
  try {
    // The Nx rule reads the cached project graph and silently skips itself without one.
    spawnSync(path.join(root, 'node_modules', '.bin', 'nx'), ['show', 'projects'], {
      cwd: root,
      encoding: 'utf8',
    });
    const eslint = path.join(root, 'node_modules', '.bin', 'eslint');
    const r = spawnSync(eslint, ['--format', 'json', ...files.map(([, f]) => f)], {
      cwd: root,
      encoding: 'utf8',
    });
    if (!r.stdout) throw new Error(`eslint produced no report: ${r.stderr}`);
    const results = JSON.parse(r.stdout) as {
      filePath: string;
      messages: { ruleId: string | null; message: string }[];
    }[];
    report = Object.fromEntries(
      files.map(([name, file]) => [
        name,
        (results.find((x) => x.filePath === file)?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`),
      ]),
    );
  } finally {
    for (const [, file] of files) rmSync(file, { force: true });
  }
}, 180_000);

describe('module boundaries', () => {
  it('refuses a framework import in libs/domain', () => {
    expect(report['domainImportsFramework']!.join('\n')).toMatch(/enforce-module-boundaries/);
  });

  it('refuses Node built-ins, I/O libraries and infrastructure libs in workflow code', () => {
    const messages = report['workflowImportsNodeAndIo']!;
    expect(messages.filter((m) => m.startsWith('no-restricted-imports')).length).toBeGreaterThanOrEqual(2);
    expect(messages.join('\n')).toMatch(/enforce-module-boundaries.*\n?.*/);
    expect(messages.some((m) => m.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });

  it('refuses arrows between infra libs that their scopes do not allow', () => {
    for (const probe of ['persistenceImportsWorkflows', 'notificationsImportsConfig']) {
      expect(report[probe]!.some((m) => m.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
    }
  });

  it('refuses a library importing an app', () => {
    expect(report['libImportsApp']!.some((m) => m.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });

  it('accepts the allowed arrows', () => {
    expect(report['allowedArrows']!.filter((m) => /boundaries|restricted/.test(m))).toEqual([]);
  });
});
