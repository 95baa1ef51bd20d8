import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  type CognitoIdentityProviderClient,
  UsernameExistsException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Group } from '../auth/caller.ts';
import type { SignIns } from './sign-ins.ts';

const repGroup: Group = 'rep';

/**
 * SignIns in the Cognito user pool. The pool signs in by email, so the
 * address is the username every admin call names. Cognito sends the
 * invitation itself (AdminCreateUser), with the pool's invitation text.
 */
export function cognitoSignIns(cognito: CognitoIdentityProviderClient, userPoolId: string): SignIns {
  const setEnabled = async (command: AdminDisableUserCommand | AdminEnableUserCommand) => {
    try {
      await cognito.send(command as AdminDisableUserCommand);
      return 'found' as const;
    } catch (error) {
      if (error instanceof UserNotFoundException) return 'no-sign-in' as const;
      throw error;
    }
  };
  return {
    async invite({ email, name }) {
      let answer: 'invited' | 'exists' = 'invited';
      try {
        await cognito.send(
          new AdminCreateUserCommand({
            UserPoolId: userPoolId,
            Username: email,
            // A manager vouches for the address: the person signs in with it and need not confirm it first.
            UserAttributes: [
              { Name: 'email', Value: email },
              { Name: 'email_verified', Value: 'true' },
              { Name: 'name', Value: name },
            ],
            DesiredDeliveryMediums: ['EMAIL'],
          }),
        );
      } catch (error) {
        // Created by an earlier attempt, whose adding to the group may have failed: that is done below.
        if (!(error instanceof UsernameExistsException)) throw error;
        answer = 'exists';
      }
      // Adding a member again changes nothing.
      await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: email, GroupName: repGroup }));
      return answer;
    },
    async disable(email) {
      const found = await setEnabled(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: email }));
      return found === 'found' ? 'disabled' : 'no-sign-in';
    },
    async enable(email) {
      const found = await setEnabled(new AdminEnableUserCommand({ UserPoolId: userPoolId, Username: email }));
      return found === 'found' ? 'enabled' : 'no-sign-in';
    },
  };
}
