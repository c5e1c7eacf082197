// Recorded workflow histories, committed under libs/workflows/history-fixtures and replayed by
// case-workflow.replay.integration-spec.ts: a workflow change that cannot replay a recorded run fails
// the suite. The fixtures are encrypted like every payload, with a fixed key committed here.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DataConverter } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { parseCodecKeys, type CodecConfig } from '@tiltak/config';
import { workerDataConverter, workspaceRoot } from '@tiltak/temporal';

/**
 * The key the fixtures are recorded and replayed with. It is public on purpose and protects nothing
 * but synthetic test data: never use it anywhere else.
 */
export const FIXTURE_CODEC_KEYS = 'fixture1:C+TTcxikIaGBPq9kXUKg+tyDN+EqeXcW+ZUhqbR47AA=';

export function fixtureCodecConfig(): CodecConfig {
  const problems: string[] = [];
  const config = parseCodecKeys(FIXTURE_CODEC_KEYS, null, problems);
  if (problems.length) throw new Error(`FIXTURE_CODEC_KEYS: ${problems.join('; ')}`);
  return config;
}

export function fixtureDataConverter(): DataConverter {
  return workerDataConverter(fixtureCodecConfig());
}

export function historyFixturesDir(): string {
  return path.join(workspaceRoot(), 'libs', 'workflows', 'history-fixtures');
}

// The proto3 JSON of a history, as @temporalio/common's historyToJSON/historyFromJSON would give it.
// Those throw "type must be a Type" in this install: npm hoists protobufjs 7 (for @grpc/proto-loader)
// and nests a separate copy of protobufjs 8 in each @temporalio package, so common's protojson does
// not recognise the types @temporalio/proto built with its own copy. Take protojson from that copy.
// (`require`, not an import: under Jest it must come from the same module registry as the types.)
interface ProtoJson {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options: { ignoreUnknownFields: boolean }): History | null;
}
function protojson(): ProtoJson {
  const protoDir = path.dirname(require.resolve('@temporalio/proto/package.json'));
  return require(require.resolve('protobufjs/ext/protojson', { paths: [protoDir] })) as ProtoJson;
}
const HistoryType = temporal.api.history.v1.History;

export function historyToJson(history: History): unknown {
  return protojson().toJson(HistoryType, HistoryType.fromObject(history));
}

export function historyFromJson(json: unknown): History {
  const history = protojson().fromJson(HistoryType, json, { ignoreUnknownFields: true });
  if (!history) throw new TypeError('Invalid history JSON');
  return history;
}

export interface HistoryFixture {
  /** The file name without `.json`: `<label>.<scenario>.<part>`. */
  name: string;
  scenario: string;
  /** The workflow type of the recorded run, from its first event. */
  workflowType: string;
  history: History;
}

/**
 * Writes one run's history as `<label>.<scenario>.<part>.json`, in the JSON form other Temporal tools
 * read and write (`temporal workflow show --output json`), so a fixture can be inspected and replayed
 * with them too.
 */
export function writeHistoryFixture(label: string, scenario: string, part: string, history: History): string {
  for (const [what, value] of [
    ['label', label],
    ['scenario', scenario],
    ['part', part],
  ] as const) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(value))
      throw new Error(`History fixture ${what} "${value}" must be lower-case words joined by -`);
  }
  const dir = historyFixturesDir();
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${label}.${scenario}.${part}.json`);
  // One event a line: close to compact, yet a diff or grep shows events.
  const { events } = historyToJson(history) as { events: unknown[] };
  writeFileSync(file, `{"events":[\n${events.map((e) => JSON.stringify(e)).join(',\n')}\n]}\n`);
  return file;
}

/** Removes the fixtures of one label, so that recording it again leaves no stale parts behind. */
export function removeHistoryFixtures(label: string): void {
  const dir = historyFixturesDir();
  let files: string[] = [];
  try {
    files = readdirSync(dir);
  } catch {
    return;
  }
  for (const file of files)
    if (file.startsWith(`${label}.`) && file.endsWith('.json')) rmSync(path.join(dir, file));
}

export function readHistoryFixtures(): HistoryFixture[] {
  const dir = historyFixturesDir();
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  return files.sort().map((file) => {
    const name = file.replace(/\.json$/, '');
    const history = historyFromJson(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
    const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
    if (!started?.workflowType?.name)
      throw new Error(`History fixture ${file} does not start with WorkflowExecutionStarted`);
    return { name, scenario: name.split('.')[1] ?? '', workflowType: started.workflowType.name, history };
  });
}
