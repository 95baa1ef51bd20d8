import { describe, expect, it } from 'vitest';
import { matchesPattern, validatePattern } from '../../../infra/local/event-pattern.ts';

// Cases quote the Amazon EventBridge user guide where it gives an example ("docs:"), the README of
// aws/event-ruler, the matcher EventBridge runs ("event-ruler:"), and otherwise state the rule they pin down.
type Case = { name: string; pattern: unknown; event: unknown; matches: boolean };

const expectMatch = ({ pattern, event, matches }: Case) => {
  expect(matchesPattern(validatePattern(pattern), event)).toBe(matches);
};

// docs: "Amazon EventBridge event patterns" sample event.
const ec2Event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' },
};

const ec2Termination = {
  source: ['aws.ec2'],
  'detail-type': ['EC2 Instance State-change Notification'],
  detail: { state: ['terminated'] },
};

// docs: "Matching null values and empty strings" sample event.
const autoScalingEvent = {
  version: '0',
  id: '3e3c153a-8339-4e30-8c35-687ebef853fe',
  'detail-type': 'EC2 Instance Launch Successful',
  source: 'aws.autoscaling',
  account: '123456789012',
  time: '2015-11-11T21:31:47Z',
  region: 'us-east-1',
  resources: [],
  detail: { eventVersion: '', responseElements: null },
};

// event-ruler: "Ruler by Example" sample event, used by the content filtering examples.
const rulerEvent = {
  version: '0',
  id: 'ddddd4-aaaa-7777-4444-345dd43cc333',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '012345679012',
  time: '2017-10-02T16:24:49Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
  detail: {
    'c-count': 5,
    'd-count': 3,
    'x-limit': 301.8,
    'source-ip': '10.0.0.33',
    'instance-id': 'i-000000aaaaaa00000',
    state: 'running',
  },
};

const withDetail = (detail: Record<string, unknown>) => ({ ...rulerEvent, detail });

describe('matchesPattern', () => {
  describe('fields and values', () => {
    it.each<Case>([
      { name: 'docs: the EC2 termination pattern matches the sample event', pattern: ec2Termination, event: ec2Event, matches: true },
      {
        name: 'docs: every pattern field must match (state "running" is not "terminated")',
        pattern: ec2Termination,
        event: { ...ec2Event, detail: { ...ec2Event.detail, state: 'running' } },
        matches: false,
      },
      {
        name: 'docs: values in the array are alternatives ("aws.ec2" or "aws.fargate")',
        pattern: { source: ['aws.ec2', 'aws.fargate'] },
        event: { ...ec2Event, source: 'aws.fargate' },
        matches: true,
      },
      {
        name: 'docs: the event must contain every field the pattern names',
        pattern: { source: ['aws.ec2'], detail: { 'instance-type': ['t3.micro'] } },
        event: ec2Event,
        matches: false,
      },
      {
        name: 'docs: fields must be nested the same way (top-level "state" is not "detail.state")',
        pattern: { state: ['terminated'] },
        event: ec2Event,
        matches: false,
      },
      {
        name: 'docs: string matching is character by character, without case folding',
        pattern: { source: ['AWS.EC2'] },
        event: ec2Event,
        matches: false,
      },
      { name: 'field names are case-sensitive too', pattern: { Source: ['aws.ec2'] }, event: ec2Event, matches: false },
      {
        name: 'docs: numbers match exactly (Macie risk-score 80 and trigger risk 8)',
        pattern: { source: ['aws.macie'], 'detail-type': ['Macie Alert'], detail: { 'risk-score': [80], trigger: { risk: [8] } } },
        event: {
          source: 'aws.macie',
          'detail-type': 'Macie Alert',
          detail: { 'notification-type': 'ALERT_CREATED', 'risk-score': 80, trigger: { 'alert-type': 'basic', risk: 8 } },
        },
        matches: true,
      },
      { name: 'a number does not match its string form', pattern: { detail: { 'c-count': ['5'] } }, event: rulerEvent, matches: false },
      { name: 'true matches the JSON literal true', pattern: { detail: { ok: [true] } }, event: withDetail({ ok: true }), matches: true },
      { name: 'true does not match the string "true"', pattern: { detail: { ok: [true] } }, event: withDetail({ ok: 'true' }), matches: false },
      { name: 'false does not match a missing field', pattern: { detail: { ok: [false] } }, event: withDetail({}), matches: false },
      {
        name: 'a leaf pattern does not match an object value',
        pattern: { detail: ['running'] },
        event: rulerEvent,
        matches: false,
      },
      {
        name: 'a nested pattern does not match a string value',
        pattern: { detail: { state: { name: ['running'] } } },
        event: rulerEvent,
        matches: false,
      },
      { name: 'an event that is not a JSON object matches nothing', pattern: { detail: { x: [{ exists: false }] } }, event: 'x', matches: false },
    ])('$name', expectMatch);
  });

  describe('null values and empty strings', () => {
    it.each<Case>([
      { name: 'docs: [""] matches an empty string', pattern: { detail: { eventVersion: [''] } }, event: autoScalingEvent, matches: true },
      { name: 'docs: [null] matches a null value', pattern: { detail: { responseElements: [null] } }, event: autoScalingEvent, matches: true },
      {
        name: 'docs: the null pattern is part of the full Auto Scaling pattern',
        pattern: { source: ['aws.autoscaling'], 'detail-type': ['EC2 Instance Launch Successful'], detail: { responseElements: [null] } },
        event: autoScalingEvent,
        matches: true,
      },
      { name: 'docs: an empty-string pattern does not match null', pattern: { detail: { responseElements: [''] } }, event: autoScalingEvent, matches: false },
      { name: 'docs: a null pattern does not match an empty string', pattern: { detail: { eventVersion: [null] } }, event: autoScalingEvent, matches: false },
      { name: 'a null pattern does not match a missing field', pattern: { detail: { missing: [null] } }, event: autoScalingEvent, matches: false },
    ])('$name', expectMatch);
  });

  describe('arrays', () => {
    const patternResources = {
      resources: [
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f',
      ],
    };
    const employees = {
      employees: [
        { firstName: 'John', lastName: 'Doe' },
        { firstName: 'Anna', lastName: 'Smith' },
        { firstName: 'Peter', lastName: 'Jones' },
      ],
    };

    it.each<Case>([
      {
        name: 'docs: an event array matches when it shares an element with the pattern',
        pattern: patternResources,
        event: {
          resources: [
            'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate',
            'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
          ],
        },
        matches: true,
      },
      {
        name: 'an event array with no element in the pattern does not match',
        pattern: patternResources,
        event: { resources: ['arn:aws:ec2:us-east-1:999999999999:instance/i-b188560f'] },
        matches: false,
      },
      { name: 'an empty event array holds no value, not even null', pattern: { resources: [null] }, event: autoScalingEvent, matches: false },
      { name: 'event-ruler: objects inside an array are matched as the field value', pattern: { employees: { firstName: ['Anna'] } }, event: employees, matches: true },
      {
        name: 'event-ruler: fields must match within one array element (Anna Jones is nobody)',
        pattern: { employees: { firstName: ['Anna'], lastName: ['Jones'] } },
        event: employees,
        matches: false,
      },
      { name: 'fields matching within one array element (Anna Smith)', pattern: { employees: { firstName: ['Anna'], lastName: ['Smith'] } }, event: employees, matches: true },
      {
        name: 'event-ruler: arrays of arrays are flattened',
        pattern: { employees: { firstName: ['Peter'] } },
        event: { employees: [[{ firstName: 'John', lastName: 'Doe' }], [{ firstName: 'Peter', lastName: 'Jones' }]] },
        matches: true,
      },
    ])('$name', expectMatch);
  });

  describe('prefix', () => {
    const time = { time: [{ prefix: '2017-10-02' }] };
    const service = { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } };

    it.each<Case>([
      { name: 'docs: "time" starting with 2017-10-02 matches', pattern: time, event: { time: '2017-10-02T18:43:48Z' }, matches: true },
      { name: 'another day does not match', pattern: time, event: { time: '2017-10-03T18:43:48Z' }, matches: false },
      {
        name: 'docs: Auto Scaling events from European regions',
        pattern: { source: ['aws.autoscaling'], region: [{ prefix: 'eu-' }] },
        event: { source: 'aws.autoscaling', region: 'eu-west-1' },
        matches: true,
      },
      { name: 'prefix is case-sensitive', pattern: { region: [{ prefix: 'eu-' }] }, event: { region: 'EU-west-1' }, matches: false },
      { name: 'docs: prefix works on strings only', pattern: { detail: { 'c-count': [{ prefix: '5' }] } }, event: rulerEvent, matches: false },
      { name: 'docs: ignore-case prefix matches "eventbridge"', pattern: service, event: withDetail({ service: 'eventbridge' }), matches: true },
      { name: 'docs: ignore-case prefix matches "EVENTBRIDGE"', pattern: service, event: withDetail({ service: 'EVENTBRIDGE' }), matches: true },
      { name: 'ignore-case prefix still needs the prefix', pattern: service, event: withDetail({ service: 'bridge' }), matches: false },
    ])('$name', expectMatch);
  });

  describe('suffix', () => {
    const png = { FileName: [{ suffix: '.png' }] };
    const anyCasePng = { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } };

    it.each<Case>([
      { name: 'docs: a FileName ending in .png matches', pattern: png, event: { FileName: 'photo.png' }, matches: true },
      { name: 'a FileName ending in .jpg does not match', pattern: png, event: { FileName: 'photo.jpg' }, matches: false },
      { name: 'suffix is case-sensitive', pattern: png, event: { FileName: 'photo.PNG' }, matches: false },
      { name: 'docs: ignore-case suffix matches .PNG', pattern: anyCasePng, event: withDetail({ FileName: 'photo.PNG' }), matches: true },
      { name: 'ignore-case suffix still needs the suffix', pattern: anyCasePng, event: withDetail({ FileName: 'photo.PNG.bak' }), matches: false },
      { name: 'suffix works on strings only', pattern: { detail: { 'c-count': [{ suffix: '5' }] } }, event: rulerEvent, matches: false },
    ])('$name', expectMatch);
  });

  describe('equals-ignore-case', () => {
    const detailType = { 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] };

    it.each<Case>([
      { name: 'docs: detail-type matches regardless of case', pattern: detailType, event: ec2Event, matches: true },
      { name: 'docs: Name "Alice" matches "alice"', pattern: { Name: [{ 'equals-ignore-case': 'alice' }] }, event: { Name: 'Alice' }, matches: true },
      { name: 'it is still a whole-string match', pattern: { Name: [{ 'equals-ignore-case': 'alice' }] }, event: { Name: 'Alice B' }, matches: false },
      { name: 'it works on strings only', pattern: { detail: { 'c-count': [{ 'equals-ignore-case': '5' }] } }, event: rulerEvent, matches: false },
    ])('$name', expectMatch);
  });

  describe('anything-but', () => {
    const notInitializing = { detail: { state: [{ 'anything-but': 'initializing' }] } };
    const notListed = { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } };
    const notNumbers = { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } };
    const notInitPrefix = { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } };

    it.each<Case>([
      { name: 'docs: a state other than "initializing" matches', pattern: notInitializing, event: rulerEvent, matches: true },
      { name: 'docs: "initializing" itself does not match', pattern: notInitializing, event: withDetail({ state: 'initializing' }), matches: false },
      { name: 'a missing field does not match', pattern: notInitializing, event: withDetail({}), matches: false },
      { name: 'null is a value other than "initializing"', pattern: notInitializing, event: withDetail({ state: null }), matches: true },
      {
        name: 'docs: anything but CloudTrail API calls',
        pattern: { 'detail-type': [{ 'anything-but': 'AWS API Call via CloudTrail' }] },
        event: ec2Event,
        matches: true,
      },
      { name: 'docs: anything-but 123 matches 456', pattern: { detail: { 'x-limit': [{ 'anything-but': 123 }] } }, event: withDetail({ 'x-limit': 456 }), matches: true },
      { name: 'docs: anything-but 123 excludes 123', pattern: { detail: { 'x-limit': [{ 'anything-but': 123 }] } }, event: withDetail({ 'x-limit': 123 }), matches: false },
      { name: 'anything-but 123 does not exclude the string "123"', pattern: { detail: { 'x-limit': [{ 'anything-but': 123 }] } }, event: withDetail({ 'x-limit': '123' }), matches: true },
      { name: 'docs: a string list excludes each listed value', pattern: notListed, event: withDetail({ state: 'overloaded' }), matches: false },
      { name: 'docs: a string list lets other values through', pattern: notListed, event: withDetail({ state: 'running' }), matches: true },
      { name: 'docs: a number list excludes each listed number', pattern: notNumbers, event: withDetail({ 'x-limit': 200 }), matches: false },
      { name: 'docs: a number list lets other numbers through', pattern: notNumbers, event: rulerEvent, matches: true },
      {
        name: 'docs: anything but events from EC2 or S3',
        pattern: { source: [{ 'anything-but': ['aws.ec2', 'aws.s3'] }] },
        event: ec2Event,
        matches: false,
      },
      { name: 'docs: anything-but prefix lets "running" through', pattern: notInitPrefix, event: rulerEvent, matches: true },
      { name: 'docs: anything-but prefix excludes "initializing"', pattern: notInitPrefix, event: withDetail({ state: 'initializing' }), matches: false },
      { name: 'anything-but prefix lets a number through', pattern: notInitPrefix, event: withDetail({ state: 12 }), matches: true },
      {
        name: 'docs: only your own events, not those whose source begins with "aws."',
        pattern: { source: [{ 'anything-but': { prefix: 'aws.' } }] },
        event: { source: 'com.stoke.capture' },
        matches: true,
      },
      {
        name: 'anything-but a list of prefixes excludes each',
        pattern: { detail: { state: [{ 'anything-but': { prefix: ['init', 'test'] } }] } },
        event: withDetail({ state: 'testing' }),
        matches: false,
      },
      {
        name: 'docs: FileName not ending with .png (a .png is excluded)',
        pattern: { FileName: [{ 'anything-but': { suffix: '.png' } }] },
        event: { FileName: 'photo.png' },
        matches: false,
      },
      {
        name: 'docs: FileName not ending with .png (a .jpg passes)',
        pattern: { FileName: [{ 'anything-but': { suffix: '.png' } }] },
        event: { FileName: 'photo.jpg' },
        matches: true,
      },
      {
        name: 'docs: anything but "initializing" in any casing',
        pattern: { detail: { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] } },
        event: withDetail({ state: 'INITIALIZING' }),
        matches: false,
      },
      {
        name: 'docs: FilePath not including /lib/ (excluded)',
        pattern: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] },
        event: { FilePath: 'src/lib/index.ts' },
        matches: false,
      },
      {
        name: 'docs: FilePath not including /lib/ (passes)',
        pattern: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] },
        event: { FilePath: 'src/app/index.ts' },
        matches: true,
      },
      {
        name: 'an event array matches when one element is not excluded',
        pattern: notInitializing,
        event: withDetail({ state: ['initializing', 'running'] }),
        matches: true,
      },
      {
        name: 'an event array of excluded values does not match',
        pattern: notInitializing,
        event: withDetail({ state: ['initializing'] }),
        matches: false,
      },
    ])('$name', expectMatch);
  });

  describe('numeric', () => {
    const documented = {
      detail: {
        'c-count': [{ numeric: ['>', 0, '<=', 5] }],
        'd-count': [{ numeric: ['<', 10] }],
        'x-limit': [{ numeric: ['=', 3.018e2] }],
      },
    };

    it.each<Case>([
      { name: 'docs: c-count in (0, 5], d-count < 10 and x-limit = 3.018e2 match', pattern: documented, event: rulerEvent, matches: true },
      { name: 'docs: every comparison must hold (c-count 6 is above 5)', pattern: documented, event: withDetail({ ...rulerEvent.detail, 'c-count': 6 }), matches: false },
      { name: 'a lower bound with ">" excludes the bound', pattern: documented, event: withDetail({ ...rulerEvent.detail, 'c-count': 0 }), matches: false },
      { name: 'docs: numeric matching works on JSON numbers only', pattern: documented, event: withDetail({ ...rulerEvent.detail, 'c-count': '5' }), matches: false },
      {
        name: 'an event written 3.0e2 is the number 300',
        pattern: { detail: { 'x-limit': [{ numeric: ['=', 300] }] } },
        event: JSON.parse('{"detail": {"x-limit": 3.0e2}}'),
        matches: true,
      },
      { name: '">=" includes the bound', pattern: { n: [{ numeric: ['>=', 10] }] }, event: { n: 10 }, matches: true },
      { name: '"<" excludes the bound', pattern: { n: [{ numeric: ['<', 10] }] }, event: { n: 10 }, matches: false },
      { name: 'a range of ">=" and "<" includes its lower bound', pattern: { n: [{ numeric: ['>=', 10, '<', 20] }] }, event: { n: 10 }, matches: true },
      { name: 'a range of ">=" and "<" excludes its upper bound', pattern: { n: [{ numeric: ['>=', 10, '<', 20] }] }, event: { n: 20 }, matches: false },
      { name: 'null never matches numeric', pattern: { n: [{ numeric: ['<', 10] }] }, event: { n: null }, matches: false },
      { name: 'an event array matches when one element is in range', pattern: { n: [{ numeric: ['>', 10] }] }, event: { n: [1, 11] }, matches: true },
    ])('$name', expectMatch);
  });

  describe('cidr', () => {
    const subnet = { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } };

    it.each<Case>([
      { name: 'docs: 10.0.0.x is in 10.0.0.0/24', pattern: subnet, event: withDetail({ sourceIPAddress: '10.0.0.255' }), matches: true },
      { name: 'docs: 10.0.1.x is not in 10.0.0.0/24', pattern: subnet, event: withDetail({ sourceIPAddress: '10.0.1.1' }), matches: false },
      { name: 'a number is not an IP address', pattern: subnet, event: withDetail({ sourceIPAddress: 123 }), matches: false },
      { name: 'a string that is not an IP address does not match', pattern: subnet, event: withDetail({ sourceIPAddress: 'localhost' }), matches: false },
      {
        name: 'event-ruler: the complex example takes source-ip in 10.0.0.0/8',
        pattern: { detail: { 'source-ip': [{ cidr: '10.0.0.0/8' }] } },
        event: rulerEvent,
        matches: true,
      },
      {
        name: 'docs: IPv6 addresses work too',
        pattern: { detail: { sourceIPAddress: [{ cidr: '2001:db8::/32' }] } },
        event: withDetail({ sourceIPAddress: '2001:db8::8a2e:370:7334' }),
        matches: true,
      },
    ])('$name', expectMatch);
  });

  describe('exists', () => {
    const hasState = { detail: { state: [{ exists: true }] } };
    const noCount = { detail: { 'c-count': [{ exists: false }] } };

    it.each<Case>([
      {
        name: 'docs: exists true matches an event with detail.state',
        pattern: hasState,
        event: { ...ec2Event, detail: { 'instance-id': 'i-abcd1111', state: 'pending' } },
        matches: true,
      },
      {
        name: 'docs: exists true does not match an event without detail.state',
        pattern: hasState,
        event: { ...ec2Event, detail: { 'c-count': { c1: 100 } } },
        matches: false,
      },
      { name: 'docs: exists false matches an event without detail.c-count', pattern: noCount, event: withDetail({ state: ['initializing', 'running'] }), matches: true },
      {
        name: 'docs: exists false also matches when c-count is an object, which is not a leaf',
        pattern: noCount,
        event: withDetail({ state: ['initializing', 'running'], 'c-count': { c1: 100 } }),
        matches: true,
      },
      { name: 'exists false does not match a present leaf', pattern: noCount, event: rulerEvent, matches: false },
      { name: 'exists true matches a null value, which is present', pattern: hasState, event: withDetail({ state: null }), matches: true },
      { name: 'exists false does not match a null value', pattern: { detail: { state: [{ exists: false }] } }, event: withDetail({ state: null }), matches: false },
      { name: 'an empty array holds no leaf, so exists true does not match', pattern: hasState, event: withDetail({ state: [] }), matches: false },
      {
        name: 'exists false matches when a parent on the path is missing',
        pattern: { detail: { level1: { level2: { level3: [{ exists: false }] } } } },
        event: withDetail({ level1: { other: 'x' } }),
        matches: true,
      },
      {
        name: 'exists false inside an array object looks at every element',
        pattern: { employees: { middleName: [{ exists: false }] } },
        event: { employees: [{ firstName: 'Anna' }, { firstName: 'John', middleName: 'Q' }] },
        matches: false,
      },
      {
        name: 'exists false is judged within the array element the other fields matched in, whatever the key order',
        pattern: { employees: { middleName: [{ exists: false }], firstName: ['Anna'] } },
        event: { employees: [{ firstName: 'Anna' }, { firstName: 'John', middleName: 'Q' }] },
        matches: true,
      },
      { name: 'a value or absence: the value', pattern: { detail: { state: ['running', { exists: false }] } }, event: rulerEvent, matches: true },
      { name: 'a value or absence: the absence', pattern: { detail: { state: ['running', { exists: false }] } }, event: withDetail({}), matches: true },
      { name: 'a value or absence: neither', pattern: { detail: { state: ['running', { exists: false }] } }, event: withDetail({ state: 'stopped' }), matches: false },
    ])('$name', expectMatch);
  });

  describe('wildcard', () => {
    const simpleService = { source: [{ wildcard: 'Simple*Service' }] };

    it.each<Case>([
      { name: 'event-ruler: Simple*Service matches SimpleQueueService', pattern: simpleService, event: { source: 'SimpleQueueService' }, matches: true },
      { name: '* also matches no characters at all', pattern: simpleService, event: { source: 'SimpleService' }, matches: true },
      { name: 'the whole value must match', pattern: simpleService, event: { source: 'SimpleQueueServices' }, matches: false },
      { name: 'wildcard matching is case-sensitive', pattern: simpleService, event: { source: 'simpleQueueService' }, matches: false },
      { name: 'AWS blog: "*.png" matches values ending in .png', pattern: { key: [{ wildcard: '*.png' }] }, event: { key: 'a/b/c.png' }, matches: true },
      { name: 'AWS blog: "*Title*" matches Title in the middle', pattern: { key: [{ wildcard: '*Title*' }] }, event: { key: 'MyTitleHere' }, matches: true },
      { name: 'docs: \\* is a literal asterisk', pattern: { key: [{ wildcard: 'a\\*b' }] }, event: { key: 'a*b' }, matches: true },
      { name: 'docs: \\* is not a wildcard', pattern: { key: [{ wildcard: 'a\\*b' }] }, event: { key: 'axb' }, matches: false },
      { name: 'docs: \\\\ is a literal backslash', pattern: { key: [{ wildcard: 'C:\\\\*' }] }, event: { key: 'C:\\temp' }, matches: true },
      { name: 'regular-expression characters are literal', pattern: { key: [{ wildcard: 'a.b*' }] }, event: { key: 'axbc' }, matches: false },
      { name: 'a plain "*" value is an exact match, not a wildcard', pattern: { key: ['*'] }, event: { key: 'anything' }, matches: false },
      { name: 'wildcard works on strings only', pattern: { n: [{ wildcard: '*' }] }, event: { n: 5 }, matches: false },
    ])('$name', expectMatch);
  });

  describe('$or', () => {
    const metricOrNamespace = {
      source: ['aws.cloudwatch'],
      $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
    };
    const parallel = {
      $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
      detail: { $or: [{ source: ['aws.cloudwatch'] }, { 'detail-type': ['CloudWatch Alarm State Change'] }] },
    };
    const andInside = {
      source: ['aws.cloudwatch'],
      $or: [
        { metricName: ['CPUUtilization', 'ReadLatency'] },
        { metricType: ['MetricType'], namespace: ['AWS/EC2', 'AWS/ES'] },
        { scope: ['Service'] },
      ],
    };
    const nested = {
      source: ['aws.cloudwatch'],
      $or: [
        { metricName: ['CPUUtilization', 'ReadLatency'] },
        { metricType: ['MetricType'], namespace: ['AWS/EC2', 'AWS/ES'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] },
        { scope: ['Service'] },
      ],
    };

    it.each<Case>([
      { name: 'docs: source and metricName', pattern: metricOrNamespace, event: { source: 'aws.cloudwatch', metricName: 'ReadLatency' }, matches: true },
      { name: 'docs: source and namespace', pattern: metricOrNamespace, event: { source: 'aws.cloudwatch', namespace: 'AWS/ES' }, matches: true },
      { name: 'docs: source but neither branch', pattern: metricOrNamespace, event: { source: 'aws.cloudwatch', metricName: 'DiskIO' }, matches: false },
      { name: 'docs: a branch without the source', pattern: metricOrNamespace, event: { source: 'aws.ec2', metricName: 'CPUUtilization' }, matches: false },
      {
        name: 'docs: parallel $or at two levels, one branch of each',
        pattern: parallel,
        event: { namespace: 'AWS/EC2', detail: { 'detail-type': 'CloudWatch Alarm State Change' } },
        matches: true,
      },
      { name: 'docs: parallel $or needs both levels', pattern: parallel, event: { namespace: 'AWS/EC2', detail: {} }, matches: false },
      {
        name: 'docs: a branch with two fields needs both',
        pattern: andInside,
        event: { source: 'aws.cloudwatch', metricType: 'MetricType' },
        matches: false,
      },
      {
        name: 'docs: a branch with two fields matches when both do',
        pattern: andInside,
        event: { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/EC2' },
        matches: true,
      },
      {
        name: 'docs: nested $or inside a branch',
        pattern: nested,
        event: { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/EC2', spaceId: 1000 },
        matches: true,
      },
      {
        name: 'docs: nested $or inside a branch needs one of its own branches',
        pattern: nested,
        event: { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/EC2', spaceId: 2000 },
        matches: false,
      },
    ])('$name', expectMatch);
  });

  describe('combined operators', () => {
    const complex = {
      time: [{ prefix: '2017-10-02' }],
      detail: {
        state: [{ 'anything-but': 'initializing' }],
        'c-count': [{ numeric: ['>', 0, '<=', 5] }],
        'd-count': [{ numeric: ['<', 10] }],
        'x-limit': [{ 'anything-but': [100, 200, 300] }],
      },
    };

    it.each<Case>([
      { name: 'docs: the complex example matches the event-ruler sample event', pattern: complex, event: rulerEvent, matches: true },
      { name: 'docs: the complex example fails on the date', pattern: complex, event: { ...rulerEvent, time: '2017-10-03T16:24:49Z' }, matches: false },
      {
        name: 'docs: the complex example fails on x-limit',
        pattern: complex,
        event: withDetail({ ...rulerEvent.detail, 'x-limit': 300 }),
        matches: false,
      },
      {
        name: 'a CDK-rendered rule with a prefix on detail-type',
        pattern: { source: ['stoke.capture'], 'detail-type': [{ prefix: 'Lead ' }], detail: { score: [{ numeric: ['>=', 50] }] } },
        event: { source: 'stoke.capture', 'detail-type': 'Lead Captured', detail: { score: 72 } },
        matches: true,
      },
    ])('$name', expectMatch);
  });
});

describe('validatePattern', () => {
  it('returns the pattern it accepts', () => {
    const pattern = { source: ['aws.ec2'], detail: { state: [{ 'anything-but': { prefix: 'init' } }], $or: [{ a: [1] }, { b: [null] }] } };
    expect(validatePattern(pattern)).toBe(pattern);
  });

  it.each([
    { name: 'a pattern that is not an object', pattern: ['aws.ec2'], error: /at the top level: must be an object/ },
    { name: 'an empty pattern', pattern: {}, error: /at the top level: must not be an empty object/ },
    { name: 'a leaf that is not an array', pattern: { source: 'aws.ec2' }, error: /at "source": must be an array of values to match or a nested object/ },
    { name: 'an empty leaf array', pattern: { detail: { state: [] } }, error: /at "detail.state": must not be an empty array/ },
    { name: 'an empty nested object', pattern: { detail: {} }, error: /at "detail": must not be an empty object/ },
    { name: 'an array inside a leaf', pattern: { source: [['aws.ec2']] }, error: /at "source": \["aws.ec2"\] is not a value or a match expression/ },
    { name: 'an unknown operator', pattern: { source: [{ contains: 'ec2' }] }, error: /"contains" is not a known operator/ },
    { name: 'two operators in one expression', pattern: { source: [{ prefix: 'a', suffix: 'b' }] }, error: /exactly one operator/ },
    { name: 'an empty expression', pattern: { source: [{}] }, error: /exactly one operator/ },
    { name: 'a prefix that is not a string', pattern: { source: [{ prefix: 5 }] }, error: /"prefix" must be a string/ },
    { name: 'a prefix object other than equals-ignore-case', pattern: { source: [{ prefix: { suffix: 'x' } }] }, error: /"prefix" must be a string/ },
    { name: 'equals-ignore-case with a list', pattern: { source: [{ 'equals-ignore-case': ['a', 'b'] }] }, error: /"equals-ignore-case" must be a string/ },
    { name: 'equals-ignore-case with an operator', pattern: { source: [{ 'equals-ignore-case': { prefix: 'ec2' } }] }, error: /"equals-ignore-case" must be a string/ },
    { name: 'numeric that is not an array', pattern: { n: [{ numeric: '>5' }] }, error: /"numeric" must be \[op, number\]/ },
    { name: 'numeric with an unknown operator', pattern: { n: [{ numeric: ['!=', 5] }] }, error: /"numeric" must be/ },
    { name: 'numeric with a string bound', pattern: { n: [{ numeric: ['>', '5'] }] }, error: /"numeric" must be/ },
    { name: 'numeric with three elements', pattern: { n: [{ numeric: ['>', 0, '<'] }] }, error: /"numeric" must be/ },
    { name: 'numeric with the upper bound first', pattern: { n: [{ numeric: ['<', 5, '>', 0] }] }, error: /"numeric" must be/ },
    { name: 'numeric with "=" in a range', pattern: { n: [{ numeric: ['>', 0, '=', 5] }] }, error: /"numeric" must be/ },
    { name: 'numeric with an empty range', pattern: { n: [{ numeric: ['>', 5, '<', 5] }] }, error: /lower bound must be less than the upper bound/ },
    { name: 'exists that is not a boolean', pattern: { n: [{ exists: 'yes' }] }, error: /"exists" must be true or false/ },
    { name: 'cidr without a mask', pattern: { ip: [{ cidr: '10.0.0.0' }] }, error: /"cidr" must be a CIDR block/ },
    { name: 'cidr with a mask too long', pattern: { ip: [{ cidr: '10.0.0.0/33' }] }, error: /"cidr" must be a CIDR block/ },
    { name: 'cidr with a bad address', pattern: { ip: [{ cidr: '10.0.0/24' }] }, error: /"cidr" must be a CIDR block/ },
    { name: 'wildcard with consecutive asterisks', pattern: { key: [{ wildcard: 'a**b' }] }, error: /consecutive wildcard characters at position 1/ },
    { name: 'wildcard escaping another character', pattern: { key: [{ wildcard: 'a\\b' }] }, error: /invalid escape at position 1/ },
    { name: 'anything-but null', pattern: { s: [{ 'anything-but': null }] }, error: /"anything-but" must be a string, a number/ },
    { name: 'anything-but a mixed list', pattern: { s: [{ 'anything-but': ['a', 1] }] }, error: /only strings or only numbers/ },
    { name: 'anything-but an empty list', pattern: { s: [{ 'anything-but': [] }] }, error: /must be non-empty/ },
    { name: 'anything-but numeric', pattern: { s: [{ 'anything-but': { numeric: ['>', 1] } }] }, error: /"anything-but" must be a string, a number/ },
    { name: 'anything-but an ignore-case prefix', pattern: { s: [{ 'anything-but': { prefix: { 'equals-ignore-case': 'a' } } }] }, error: /"anything-but" must be a string/ },
    { name: 'anything-but an invalid wildcard', pattern: { s: [{ 'anything-but': { wildcard: ['*/lib/*', 'a**'] } }] }, error: /consecutive wildcard characters/ },
    { name: '$or with one branch', pattern: { $or: [{ a: ['x'] }] }, error: /at "\$or": must be an array of at least two patterns/ },
    { name: '$or that is not an array', pattern: { $or: { a: ['x'] } }, error: /at "\$or": must be an array of at least two patterns/ },
    { name: '$or with a branch that is not a pattern', pattern: { detail: { $or: [{ a: ['x'] }, ['y']] } }, error: /at "detail.\$or\[1\]": must be an object/ },
  ])('rejects $name', ({ pattern, error }) => {
    expect(() => validatePattern(pattern)).toThrow(error);
  });
});
