import { groups } from '../../functions/auth/caller.ts';
import { AwsServiceError, type AwsJsonOperation, type LocalEndpoint, serveAwsJson } from './aws-json-server.ts';

/** A person the local user pool holds, as AdminGetUser describes them. */
export type LocalUser = {
  username: string;
  attributes: Record<string, string>;
  enabled: boolean;
  groups: string[];
  createdAt: Date;
};

/**
 * A loopback stand-in for the sales desk's Cognito user pool: the admin calls
 * the reps function makes (create, add to a group, disable, enable, get), on
 * the AWS JSON protocol, so the same adapter runs here and on AWS. It records
 * people and their groups; it signs nobody in (locally the development
 * tokens do) and sends no invitation.
 */
export async function startLocalUserPool(userPoolId: string, port = 0): Promise<LocalEndpoint & { users(): LocalUser[] }> {
  // The pool signs in by email, compared without regard to case.
  const users = new Map<string, LocalUser>();
  const userOf = (input: Record<string, unknown>): LocalUser => {
    if (input.UserPoolId !== userPoolId) throw new AwsServiceError('ResourceNotFoundException', `User pool ${String(input.UserPoolId)} does not exist.`);
    const user = users.get(String(input.Username).toLowerCase());
    if (!user) throw new AwsServiceError('UserNotFoundException', 'User does not exist.');
    return user;
  };
  const operations: Record<string, AwsJsonOperation> = {
    async AdminCreateUser(input) {
      if (input.UserPoolId !== userPoolId) throw new AwsServiceError('ResourceNotFoundException', `User pool ${String(input.UserPoolId)} does not exist.`);
      const username = String(input.Username).toLowerCase();
      if (users.has(username)) throw new AwsServiceError('UsernameExistsException', 'An account with the given email already exists.');
      const given = (input.UserAttributes ?? []) as Array<{ Name: string; Value: string }>;
      const user: LocalUser = {
        username,
        attributes: { email: username, ...Object.fromEntries(given.map(({ Name, Value }) => [Name, Value])), sub: crypto.randomUUID() },
        enabled: true,
        groups: [],
        createdAt: new Date(),
      };
      users.set(username, user);
      return { User: describe(user) };
    },
    async AdminAddUserToGroup(input) {
      const user = userOf(input);
      const group = String(input.GroupName);
      if (!(groups as readonly string[]).includes(group)) throw new AwsServiceError('ResourceNotFoundException', 'Group not found.');
      if (!user.groups.includes(group)) user.groups.push(group);
      return {};
    },
    async AdminDisableUser(input) {
      userOf(input).enabled = false;
      return {};
    },
    async AdminEnableUser(input) {
      userOf(input).enabled = true;
      return {};
    },
    async AdminGetUser(input) {
      const { Attributes, ...user } = describe(userOf(input));
      return { ...user, UserAttributes: Attributes };
    },
  };
  const endpoint = await serveAwsJson(port, (request) => {
    const target = String(request.headers['x-amz-target'] ?? '');
    const [service, operation] = target.split('.');
    return service === 'AWSCognitoIdentityProviderService' && operation && Object.hasOwn(operations, operation) ? operations[operation] : undefined;
  });
  return { ...endpoint, users: () => [...users.values()].map((user) => structuredClone(user)) };
}

function describe(user: LocalUser) {
  return {
    Username: user.username,
    Attributes: Object.entries(user.attributes).map(([Name, Value]) => ({ Name, Value })),
    Enabled: user.enabled,
    UserStatus: 'FORCE_CHANGE_PASSWORD',
    UserCreateDate: user.createdAt.getTime() / 1000,
    UserLastModifiedDate: user.createdAt.getTime() / 1000,
  };
}
