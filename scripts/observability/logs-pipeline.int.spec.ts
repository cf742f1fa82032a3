import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { parseFluentBit, valuesOf } from './fluent-bit-config.js';
import { OBSERVABILITY_DIR } from './observability-config.js';

const read = (path: string) => readFileSync(join(OBSERVABILITY_DIR, path), 'utf8');
const json = <T>(path: string) => JSON.parse(read(path)) as T;
const fluentBit = parseFluentBit(read('fluent-bit/fluent-bit.conf'));
const template = json<{
  index_patterns: string[];
  template: {
    settings: Record<string, unknown>;
    mappings: { properties: Record<string, { type?: string }> };
  };
}>('elk/saga-logs.index-template.json');
const setupScript = read('elk/log-setup.sh');

interface ComposeService {
  volumes?: string[];
  labels?: Record<string, string>;
  logging?: { options?: Record<string, string> };
}
const compose = parse(readFileSync(join(OBSERVABILITY_DIR, '../compose.yaml'), 'utf8'), {
  merge: true,
}) as { services: Record<string, ComposeService> };

describe('log pipeline: containers → Fluent Bit → Elasticsearch → Kibana', () => {
  it('uses one index pattern in the shipper, the index template, the data view and Grafana', () => {
    const [prefix] = valuesOf(fluentBit, 'OUTPUT', 'Logstash_Prefix');
    const pattern = `${prefix}-*`;
    assert.deepEqual(template.index_patterns, [pattern]);
    const dataView = json<{ data_view: { title: string; timeFieldName: string } }>(
      'elk/saga-logs.data-view.json',
    );
    assert.equal(dataView.data_view.title, pattern);
    const datasources = parse(read('grafana/provisioning/datasources/datasources.yaml')) as {
      datasources: { uid: string; jsonData?: { index?: string; timeField?: string } }[];
    };
    const logs = datasources.datasources.find((source) => source.uid === 'logs');
    assert.equal(logs?.jsonData?.index, pattern);
    assert.equal(logs?.jsonData?.timeField, dataView.data_view.timeFieldName);
  });

  it('types the correlation fields: ids as keywords, level as a number, a time field', () => {
    const fields = template.template.mappings.properties;
    for (const id of ['trace_id', 'span_id', 'service', 'order_id', 'saga_id'])
      assert.equal(fields[id]?.type, 'keyword', id);
    assert.equal(fields.level?.type, 'integer');
    assert.equal(fields['@timestamp']?.type, 'date');
  });

  it('installs the ingest pipeline the template names, from files that exist', () => {
    const pipeline = template.template.settings['index.default_pipeline'];
    assert.ok(setupScript.includes(`$ES/_ingest/pipeline/${pipeline}"`), `${pipeline} installed`);
    assert.ok(setupScript.includes('$ES/_index_template/'));
    for (const [, file] of setupScript.matchAll(/"@\$DIR\/([^"]+)"/g))
      assert.ok(existsSync(join(OBSERVABILITY_DIR, 'elk', file!)), `elk/${file} exists`);
    const syntax = spawnSync('sh', ['-n', join(OBSERVABILITY_DIR, 'elk/log-setup.sh')]);
    assert.equal(syntax.status, 0, String(syntax.stderr));
  });

  it('ships only the labelled containers: the apps and the gateway', () => {
    const [filter] = valuesOf(fluentBit, 'FILTER', 'Regex');
    assert.equal(filter, "$attrs['saga.logs'] ^ship$");
    for (const name of ['auth', 'orders', 'payments', 'gateway']) {
      const service = compose.services[name]!;
      assert.equal(service.labels?.['saga.logs'], 'ship', `${name} label`);
      assert.equal(service.logging?.options?.labels, 'saga.logs', `${name} log option`);
    }
    assert.equal(compose.services.elasticsearch?.labels?.['saga.logs'], undefined);
  });

  it('mounts the parsers where the shipper reads them, each parser it names defined', () => {
    const [parsersFile] = valuesOf(fluentBit, 'SERVICE', 'Parsers_File');
    const mounts = compose.services['log-shipper']?.volumes ?? [];
    assert.ok(
      mounts.includes(`./observability/fluent-bit/parsers.conf:${parsersFile}:ro`),
      `${parsersFile} mounted: ${mounts.join(', ')}`,
    );
    const defined = valuesOf(parseFluentBit(read('fluent-bit/parsers.conf')), 'PARSER', 'Name');
    const used = [
      ...valuesOf(fluentBit, 'INPUT', 'Parser'),
      ...valuesOf(fluentBit, 'FILTER', 'Parser'),
    ];
    assert.ok(used.length >= 2);
    for (const parser of used) assert.ok(defined.includes(parser), `parser ${parser} defined`);
  });
});
