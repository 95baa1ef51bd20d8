import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  CognitoIdentityProviderClient,
  InternalErrorException,
  UsernameExistsException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cognitoSignIns } from '../../functions/reps/cognito-sign-ins.ts';
import { memorySignIns } from '../../functions/reps/memory-sign-ins.ts';
import { startLocalUserPool } from '../../infra/local/cognito.ts';
import { signInsContract } from './sign-ins.contract.ts';

const poolId = 'us-east-1_contract';
let pool: Awaited<ReturnType<typeof startLocalUserPool>>;
let client: CognitoIdentityProviderClient;

beforeAll(async () => {
  pool = await startLocalUserPool(poolId);
  client = new CognitoIdentityProviderClient({ endpoint: pool.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});
afterAll(async () => {
  client?.destroy();
  await pool?.stop();
});

signInsContract('in memory', async () => {
  const signIns = memorySignIns();
  return {
    signIns,
    stateOf: async (email) => {
      const account = signIns.accounts.get(email.toLowerCase());
      return account && { enabled: account.enabled, groups: [...account.groups] };
    },
  };
});

// No Cognito runs locally: the contract holds the adapter to the local runtime's user pool, which speaks Cognito's protocol.
signInsContract('Cognito adapter on the local user pool', async () => ({
  signIns: cognitoSignIns(client, poolId),
  stateOf: async (email) => {
    const user = pool.users().find((each) => each.username === email.toLowerCase());
    return user && { enabled: user.enabled, groups: user.groups };
  },
}));

describe('Cognito adapter: what it asks of Cognito', () => {
  // One instance, not the class: the contract above talks to the local user pool through another.
  const mocked = new CognitoIdentityProviderClient({ region: 'us-east-1' });
  const cognito = mockClient(mocked);
  const signIns = cognitoSignIns(mocked, poolId);
  afterEach(() => cognito.reset());

  it('creates the user by address, verified, with Cognito\'s invitation email, then adds them to the rep group', async () => {
    cognito.on(AdminCreateUserCommand).resolves({}).on(AdminAddUserToGroupCommand).resolves({});

    expect(await signIns.invite({ email: 'kai.berg@stoke.example', name: 'Kai Berg' })).toBe('invited');

    expect(cognito).toHaveReceivedCommandWith(AdminCreateUserCommand, {
      UserPoolId: poolId,
      Username: 'kai.berg@stoke.example',
      UserAttributes: [
        { Name: 'email', Value: 'kai.berg@stoke.example' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'name', Value: 'Kai Berg' },
      ],
      DesiredDeliveryMediums: ['EMAIL'],
    });
    expect(cognito.commandCalls(AdminCreateUserCommand)[0]!.args[0].input.MessageAction).toBeUndefined();
    expect(cognito).toHaveReceivedCommandWith(AdminAddUserToGroupCommand, { UserPoolId: poolId, Username: 'kai.berg@stoke.example', GroupName: 'rep' });
  });

  it('treats UsernameExistsException as a sign-in made by an earlier attempt, and still adds it to the group', async () => {
    cognito
      .on(AdminCreateUserCommand)
      .rejects(new UsernameExistsException({ message: 'An account with the given email already exists.', $metadata: {} }))
      .on(AdminAddUserToGroupCommand)
      .resolves({});

    expect(await signIns.invite({ email: 'kai.berg@stoke.example', name: 'Kai Berg' })).toBe('exists');

    expect(cognito).toHaveReceivedCommandTimes(AdminAddUserToGroupCommand, 1);
  });

  it.each([
    { operation: 'disable', command: AdminDisableUserCommand },
    { operation: 'enable', command: AdminEnableUserCommand },
  ] as const)('answers `no-sign-in` when Cognito has no such user to $operation', async ({ operation, command }) => {
    cognito.on(command).rejects(new UserNotFoundException({ message: 'User does not exist.', $metadata: {} }));

    expect(await signIns[operation]('nobody@stoke.example')).toBe('no-sign-in');
    expect(cognito).toHaveReceivedCommandWith(command, { UserPoolId: poolId, Username: 'nobody@stoke.example' });
  });

  it('lets other faults through, so the request fails and may be retried', async () => {
    cognito.on(AdminCreateUserCommand).rejects(new InternalErrorException({ message: 'boom', $metadata: {} }));

    await expect(signIns.invite({ email: 'kai.berg@stoke.example', name: 'Kai Berg' })).rejects.toBeInstanceOf(InternalErrorException);
    expect(cognito).not.toHaveReceivedCommand(AdminAddUserToGroupCommand);
  });
});
