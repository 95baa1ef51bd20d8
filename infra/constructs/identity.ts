import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { type Group, groups } from '../../functions/auth/caller.ts';

const groupDescriptions: Record<Group, string> = {
  rep: 'Sales reps: work the leads handed to them',
  manager: "Sales managers: everything reps may do, the reps roster, and exports and erasures of their own team's leads",
  privacy: 'Data protection: exports and erasures of any lead on request, and the privacy audit trail',
};

/**
 * Who works the sales desk: the Cognito user pool of reps, managers and the
 * privacy group (data protection), their groups, the desk's app client and the authorizer API Gateway runs before
 * every route that needs a signed-in user. People are invited, never sign up.
 */
export class Identity extends Construct {
  readonly userPool: cognito.UserPool;
  readonly salesDeskClient: cognito.UserPoolClient;
  private salesDeskAuthorizer?: apigateway.CognitoUserPoolsAuthorizer;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: 'stoke-sales-desk',
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      // A changed address takes effect once verified, so nobody signs in with one they do not own.
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: false, mutable: true } },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // What full-function threat protection does; Cognito sends no notices
    // because Stoke's SES identity is optional.
    new cognito.CfnUserPoolRiskConfigurationAttachment(this, 'ThreatResponses', {
      userPoolId: this.userPool.userPoolId,
      clientId: 'ALL',
      compromisedCredentialsRiskConfiguration: { actions: { eventAction: 'BLOCK' } },
      accountTakeoverRiskConfiguration: {
        actions: {
          lowAction: { eventAction: 'NO_ACTION', notify: false },
          mediumAction: { eventAction: 'MFA_IF_CONFIGURED', notify: false },
          highAction: { eventAction: 'MFA_REQUIRED', notify: false },
        },
      },
    });

    for (const group of groups) {
      this.userPool.addGroup(`Group-${group}`, { groupName: group, description: groupDescriptions[group] });
    }

    this.salesDeskClient = this.userPool.addClient('SalesDesk', {
      userPoolClientName: 'stoke-sales-desk',
      generateSecret: false,
      // SRP keeps the password off the wire; refresh tokens are always allowed.
      authFlows: { userSrp: true },
      // The desk signs in with the SDK, not the hosted UI.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      // A working day: people sign in again, with their second factor, each morning.
      refreshTokenValidity: Duration.hours(12),
      // The address is changed by a manager, not by its owner.
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true }),
    });

    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional by product decision: invited reps enrol a TOTP app themselves. Full-function threat protection asks for the second factor on medium-risk sign-ins, refuses high-risk sign-ins of people without one, and blocks compromised passwords.',
    });
  }

  /**
   * API Gateway's check of the ID token in the `Authorization` header.
   * Made on first use: CDK refuses an authorizer no method uses, which an
   * API of public routes only would otherwise leave behind.
   */
  get authorizer(): apigateway.IAuthorizer {
    this.salesDeskAuthorizer ??= new apigateway.CognitoUserPoolsAuthorizer(this, 'Authorizer', {
      authorizerName: 'stoke-sales-desk',
      cognitoUserPools: [this.userPool],
      identitySource: apigateway.IdentitySource.header('Authorization'),
    });
    return this.salesDeskAuthorizer;
  }
}
