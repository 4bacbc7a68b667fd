/**
 * The INIT options of a function at load time (issue #15; src/scenario/init-options-schema.ts): AWS's
 * package limits refused in one located line, and what the model receives.
 */
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../src/scenario/load.js';
import { errorOf, yaml } from './helpers/scenario-error.js';

/** A valid head (lines 1-4): the function's keys start on line 5. */
const HEAD = ['name: demo', 'duration: 1h', 'functions:', '  api:', '    duration: 100ms'];
const TAIL = ['workloads:', '  - { name: w, function: api, arrivals: { process: poisson, rate: 1/s } }'];

describe('package and layer limits (AWS Lambda quotas page)', () => {
  it('refuses more than 5 layers', () => {
    const e = errorOf(yaml(...HEAD, '    layers: [{size: 1}, {size: 1}, {size: 1}, {size: 1}, {size: 1}, {size: 1}]', ...TAIL));
    expect(e.format()).toMatch(/^scenario\.yaml:6:13: functions\.api\.layers: expected at most 5 layers \(AWS's limit per function; here 6\), found a list$/);
  });

  it('refuses a zip package and layers above 250 MB unzipped', () => {
    const e = errorOf(yaml(...HEAD, '    unzippedSize: 200', '    layers: [{size: 40}, {size: 20}]', ...TAIL));
    expect(e.format()).toMatch(/^scenario\.yaml:6:19: functions\.api\.unzippedSize: expected at most 250 MB unzipped, package and layers together \(AWS's limit; here 200 \+ 60 MB of layers = 260 MB\), found 200$/);
    expect(e.format().split('\n')).toHaveLength(1);
  });

  it('refuses an image above 10 GB and layers on an image', () => {
    expect(errorOf(yaml(...HEAD, '    packageType: image', '    packageSize: 20000', ...TAIL)).format()).toMatch(
      /^scenario\.yaml:7:18: functions\.api\.packageSize: expected an image of at most 10240 MB/,
    );
    expect(errorOf(yaml(...HEAD, '    packageType: image', '    layers: [{size: 5}]', ...TAIL)).format()).toMatch(
      /^scenario\.yaml:7:13: functions\.api\.layers: expected no layers with packageType: image/,
    );
  });

  it('accepts a zip above 50 MB zipped (uploaded through S3) within 250 MB unzipped', () => {
    const s = parseScenarioText(yaml(...HEAD, '    packageSize: 80', '    unzippedSize: 200', '    layers: [{size: 50}]', ...TAIL), 'scenario.yaml');
    // The package keys are checked only: the model does not see them.
    expect(Object.keys(s.functions.api)).not.toContain('packageSize');
  });

  it('refuses vpcMode without vpc: true', () => {
    expect(errorOf(yaml(...HEAD, '    vpcMode: legacy-eni', ...TAIL)).format()).toMatch(/^scenario\.yaml:6:14: functions\.api\.vpcMode: vpcMode only applies to a function attached to a VPC$/);
  });
});

describe('what the model receives', () => {
  it('nothing new when the keys are absent or at their defaults (goldens unchanged)', () => {
    const plain = parseScenarioText(yaml(...HEAD, ...TAIL), 'scenario.yaml').functions.api;
    const defaults = parseScenarioText(yaml(...HEAD, '    initErrorRate: 0', '    initFails: never', '    vpc: false', ...TAIL), 'scenario.yaml').functions.api;
    expect(defaults).toStrictEqual(plain);
    expect(Object.keys(plain)).not.toContain('initErrorRate');
  });

  it('vpc: true is the Hyperplane mode unless vpcMode says legacy-eni', () => {
    expect(parseScenarioText(yaml(...HEAD, '    vpc: true', ...TAIL), 'scenario.yaml').functions.api.vpc).toBe('hyperplane');
    expect(parseScenarioText(yaml(...HEAD, '    vpc: true', '    vpcMode: legacy-eni', ...TAIL), 'scenario.yaml').functions.api.vpc).toBe('legacy-eni');
  });
});
